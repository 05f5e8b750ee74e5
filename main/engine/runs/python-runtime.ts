/**
 * Finding Python for the python runtime: `python3` on PATH, or the interpreter given with --python
 * (or the app's setting). Each candidate is resolved to its real file and must pass python-trust.ts
 * before it is run once (asynchronously, with a timeout, one probe at a time) to ask its version and
 * sys.executable; the answer is cached per real file. The path used is the interpreter's own
 * sys.executable, so a launcher shim (pyenv) is resolved once instead of on every run; it too must be
 * the same file or pass the same checks. A free-threaded build (python3.13t or newer), where one is
 * on PATH, gives the gil scenario its third lane.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { Mutex } from 'async-mutex';
import type { PythonInfo } from '../../../contract/catalog.js';
import { isNetworkPath, realPathOf, untrustedReason } from './python-trust.js';

const MIN_PYTHON: readonly [number, number] = [3, 8];
export const PYTHON_MISSING = 'python3 was not found on PATH; install Python 3.8+ (e.g. apt-get install python3) or pass --python PATH';
const FREE_THREADED_NAMES = ['python3.13t', 'python3.14t', 'python3.15t'];
const PROBE = 'import sys; print(sys.version.split()[0]); print(sys.executable)';
const PROBE_TIMEOUT_MS = 5000;

/** "3.11.7\n/usr/bin/python3.11\n" → its version and executable; null for anything else. Pure. */
export function parseProbe(output: string): { version: string; executable: string } | null {
  const [version, executable] = output.trim().split('\n').map((l) => l.trim());
  return version && /^\d+\.\d+/.test(version) && executable ? { version, executable } : null;
}

export function meetsMinimum(version: string, min: readonly [number, number] = MIN_PYTHON): boolean {
  const [major, minor] = version.split('.').map(Number);
  return major > min[0] || (major === min[0] && minor >= min[1]);
}

export const isExecutable = (path: string): boolean => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** The first of `names` found as an executable in a PATH-like list of folders. */
export function onPath(names: readonly string[], path = process.env.PATH ?? ''): string | null {
  for (const name of names)
    for (const dir of path.split(delimiter).filter(Boolean)) if (isExecutable(join(dir, name))) return join(dir, name);
  return null;
}

/** Answers of probes, per real file; trimmed oldest first, so ten spellings of one path are one entry and many paths stay few. */
export const PROBE_CACHE_MAX = 16;
const cache = new Map<string, Verdict>();
/** one probe at a time: a slow (or hostile) interpreter delays other probes, never the event loop */
const probing = new Mutex();

export type Verdict = { ok: true; info: PythonInfo } | { ok: false; reason: string };

function probe(real: string): Promise<{ version: string; executable: string } | null> {
  return new Promise((resolve) => {
    execFile(real, ['-c', PROBE], { encoding: 'utf8', timeout: PROBE_TIMEOUT_MS, killSignal: 'SIGKILL', maxBuffer: 64 * 1024, windowsHide: true }, (err, stdout) =>
      resolve(err ? null : parseProbe(stdout)),
    );
  });
}

async function probeOnce(real: string, shown: string): Promise<Verdict> {
  const found = await probe(real);
  if (!found) return { ok: false, reason: `python ${shown} does not run as Python ${MIN_PYTHON.join('.')} or newer` };
  if (!meetsMinimum(found.version))
    return { ok: false, reason: `${shown} is Python ${found.version}; CoreScope needs ${MIN_PYTHON.join('.')}+ (pass --python PATH to another one)` };
  const exe = await realPathOf(found.executable);
  if (exe !== real) {
    const why = exe === null ? 'it does not exist' : await untrustedReason(exe);
    if (why) return { ok: false, reason: `python ${shown} reports its executable as ${found.executable}, which is refused: ${why}` };
  }
  return { ok: true, info: { path: found.executable, version: found.version, freeThreaded: onPath(FREE_THREADED_NAMES) } };
}

/** Whether `explicit` (or python3 on PATH) may run the python runtime: its PythonInfo, or the one-line reason why not. */
export async function checkPython(explicit?: string): Promise<Verdict> {
  const shown = explicit ?? 'python3';
  if (explicit !== undefined && isNetworkPath(explicit)) return { ok: false, reason: `python ${shown} is on a network share; give a local path` };
  const command = explicit ?? onPath(['python3']);
  const real = command === null ? null : await realPathOf(command);
  if (real === null) return { ok: false, reason: explicit === undefined ? PYTHON_MISSING : `python ${shown}: no such file` };
  const why = await untrustedReason(real);
  if (why) return { ok: false, reason: `python ${shown} is refused: ${why}` };
  return probing.runExclusive(async () => {
    let verdict = cache.get(real);
    if (!verdict) {
      verdict = await probeOnce(real, shown);
      cache.set(real, verdict);
      for (const old of cache.keys()) if (cache.size > PROBE_CACHE_MAX) cache.delete(old);
    }
    return verdict;
  });
}

/** Python as CoreScope would run it (explicit: a path given by the user), or null when there is none fit to use. */
export async function findPython(explicit?: string): Promise<PythonInfo | null> {
  const verdict = await checkPython(explicit);
  return verdict.ok ? verdict.info : null;
}

/** How many real files have a cached probe (tests: the cache stays bounded). */
export const probeCacheSize = (): number => cache.size;
