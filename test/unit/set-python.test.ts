import { describe, expect, it } from 'vitest';
import type { PythonInfo, SystemInfo } from '../../contract/catalog.js';
import { ApiService } from '../../main/engine/api-service.js';
import { Engine } from '../../main/engine/engine.js';
import { findPython } from '../../main/engine/runs/python-runtime.js';

const python = findPython();

describe('setPython: the app’s Python setting', () => {
  const api = new ApiService(new Engine());

  it.each([
    [42, 'python must be the path of a python executable, or null'],
    ['python3', 'python must be an absolute path, e.g. /usr/bin/python3'],
    ['/bin/sh', 'python must name a python executable (python3, python3.11 …)'],
    ['/usr/bin/python3; rm -rf /', 'python must name a python executable (python3, python3.11 …)'],
    ['/nowhere/python3', 'python /nowhere/python3 does not run as Python 3.8 or newer'],
  ])('refuses %j with its reason, and changes nothing', async (path, reason) => {
    const before = ((await api.call('system', undefined)) as { result: SystemInfo }).result.python;
    expect(await api.call('setPython', path)).toEqual({ ok: false, error: reason });
    expect(((await api.call('system', undefined)) as { result: SystemInfo }).result.python).toEqual(before);
  });

  it.skipIf(python === null)('takes an interpreter’s path, answers with SystemInfo.python, and null goes back to python3 on PATH', async () => {
    const found = python as PythonInfo;
    expect(await api.call('setPython', found.path)).toEqual({ ok: true, result: findPython(found.path) });
    expect(((await api.call('system', undefined)) as { result: SystemInfo }).result.python?.path).toBe(found.path);
    expect(await api.call('setPython', null)).toEqual({ ok: true, result: found });
  });
});
