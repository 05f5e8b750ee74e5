/**
 * setPython: the app's Python setting, with real files and real probes. A setting that reaches the
 * engine from a client must not run anything that merely looks like Python, nor stall other clients.
 */
import { chmodSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PythonInfo, SystemInfo } from '../../contract/catalog.js';
import { ApiService } from '../../main/engine/api-service.js';
import { Engine } from '../../main/engine/engine.js';
import { PROBE_CACHE_MAX, findPython, probeCacheSize } from '../../main/engine/runs/python-runtime.js';

const python = await findPython();
const root = mkdtempSync(join(tmpdir(), 'cs-python-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A fake interpreter in a folder of its own (mode 0700, like mkdtemp's): a shell script named `name`. */
function fake(folder: string, body: string, name = 'python3', mode = 0o755): string {
  const dir = join(root, folder);
  mkdirSync(dir, { mode: 0o700 });
  const file = join(dir, name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, mode); // past the umask: the mode is exactly what the test means
  return file;
}

const systemPython = async (api: ApiService) => ((await api.call('system', undefined)) as { result: SystemInfo }).result.python;

describe('setPython: the app’s Python setting', () => {
  const api = new ApiService(new Engine());

  it.each([
    [42, 'python must be the path of a python executable, or null'],
    ['python3', 'python must be an absolute path, e.g. /usr/bin/python3'],
    ['/bin/sh', 'python must name a python executable (python3, python3.11 …)'],
    ['/usr/bin/python3; rm -rf /', 'python must name a python executable (python3, python3.11 …)'],
    ['//host/share/python.exe', 'python must be a local path, not a network share (//host/…)'],
    ['\\\\host\\share\\python.exe', 'python must be a local path, not a network share (//host/…)'],
    ['/nowhere/python3', 'python /nowhere/python3: no such file'],
  ])('refuses %j with its reason, and changes nothing', async (path, reason) => {
    const before = await systemPython(api);
    expect(await api.call('setPython', path)).toEqual({ ok: false, error: reason });
    expect(await systemPython(api)).toEqual(before);
  });

  it('refuses a fake python3 that reports another binary as its executable', async () => {
    const file = fake('other-exe', 'echo 3.12.0; echo /bin/sh');
    const before = await systemPython(api);
    expect(await api.call('setPython', file)).toEqual({
      ok: false,
      error: `python ${file} reports its executable as /bin/sh, which is refused: it resolves to ${realpathSync('/bin/sh')}, which is not named like a python executable`,
    });
    expect(await systemPython(api)).toEqual(before);
  });

  it('refuses a python that reports a group-writable python as its executable', async () => {
    const writable = fake('writable-exe', 'exit 0', 'python3.12', 0o775);
    const file = fake('points-there', `echo 3.12.0; echo ${writable}`);
    expect(await api.call('setPython', file)).toEqual({
      ok: false,
      error: `python ${file} reports its executable as ${writable}, which is refused: its file ${writable} is writable by group or others (mode 775)`,
    });
  });

  it('refuses a group-writable interpreter, or one in a folder others can write, without running it', async () => {
    const marker = join(root, 'ran');
    const file = fake('group-writable', `touch ${marker}; echo 3.12.0; echo "$0"`, 'python3', 0o775);
    expect(await api.call('setPython', file)).toEqual({
      ok: false,
      error: `python ${file} is refused: its file ${file} is writable by group or others (mode 775)`,
    });
    const inOpenFolder = fake('open-folder', `touch ${marker}; echo 3.12.0; echo "$0"`);
    chmodSync(join(root, 'open-folder'), 0o777);
    expect(await api.call('setPython', inOpenFolder)).toEqual({
      ok: false,
      error: `python ${inOpenFolder} is refused: its folder ${join(root, 'open-folder')} is writable by group or others (mode 777)`,
    });
    expect(() => writeFileSync(join(marker, 'x'), '')).toThrow(); // neither ran: no marker file
  });

  it('refuses a link named python3 to a file that is not Python', async () => {
    mkdirSync(join(root, 'link'), { mode: 0o700 });
    symlinkSync('/bin/sh', join(root, 'link', 'python3'));
    expect(await api.call('setPython', join(root, 'link', 'python3'))).toEqual({
      ok: false,
      error: `python ${join(root, 'link', 'python3')} is refused: it resolves to ${realpathSync('/bin/sh')}, which is not named like a python executable`,
    });
  });

  it.skipIf(python === null)('takes the real interpreter, answers with SystemInfo.python, and null goes back to python3 on PATH', async () => {
    const found = python as PythonInfo;
    const taken = await api.call('setPython', found.path);
    expect(taken).toEqual({ ok: true, result: await findPython(found.path) });
    // what runs is the interpreter's own executable, which resolves to the very file given
    expect(realpathSync((await systemPython(api))?.path ?? '')).toBe(realpathSync(found.path));
    expect(await api.call('setPython', null)).toEqual({ ok: true, result: found });
  });

  it.skipIf(python === null)('probes once per real file: spellings of one path share one cache entry', async () => {
    const found = python as PythonInfo;
    const dir = found.path.slice(0, found.path.lastIndexOf('/'));
    const name = found.path.slice(found.path.lastIndexOf('/') + 1);
    mkdirSync(join(root, 'alias'), { mode: 0o700 });
    symlinkSync(found.path, join(root, 'alias', 'python3'));
    await api.call('setPython', found.path);
    const size = probeCacheSize();
    for (const spelling of [`${dir}//${name}`, `${dir}/./${name}`, `${dir}/../${dir.split('/').pop()}/${name}`, join(root, 'alias', 'python3')])
      expect(await api.call('setPython', spelling)).toMatchObject({ ok: true });
    expect(probeCacheSize()).toBe(size);
  });

  it(`keeps at most ${PROBE_CACHE_MAX} probes cached`, async () => {
    for (let i = 0; i < PROBE_CACHE_MAX + 4; i++) await api.call('setPython', fake(`many-${i}`, 'echo 2.7.18; echo "$0"'));
    expect(probeCacheSize()).toBe(PROBE_CACHE_MAX);
  });

  it('a 3 s probe does not hold up another client', async () => {
    const sleeper = fake('sleeper', 'sleep 3; echo 3.12.0; echo "$0"');
    const other = new ApiService(new Engine());
    await other.call('system', undefined); // its own startup check is done: what remains is the 3 s probe
    const t0 = performance.now();
    const pending = api.call('setPython', sleeper);
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      const s = performance.now();
      await other.call('system', undefined);
      delays.push(performance.now() - s);
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(Math.max(...delays)).toBeLessThan(100);
    expect(await pending).toEqual({ ok: true, result: { path: sleeper, version: '3.12.0', freeThreaded: null } }); // it is the user's own file and answers like Python
    expect(performance.now() - t0).toBeGreaterThan(2900);
    await api.call('setPython', null);
  }, 15_000); // the probe itself takes 3 s, past the unit project's default 5 s on a loaded machine
});
