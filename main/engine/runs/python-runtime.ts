/**
 * Finding Python for the python runtime: `python3` on PATH, or the interpreter given with --python
 * (or the app's setting). Its version is checked once and cached; the path used is the interpreter's
 * own sys.executable, so a launcher shim (pyenv) is resolved once instead of on every run. A
 * free-threaded build (python3.13t or newer), where one is on PATH, gives the gil scenario its third lane.
 */
import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { PythonInfo } from '../../../contract/catalog.js';
import { InvalidInput } from '../../../contract/refusal.js';

export const MIN_PYTHON: readonly [number, number] = [3, 8];
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

function probe(command: string): { version: string; executable: string } | null {
  try {
    return parseProbe(execFileSync(command, ['-c', PROBE], { encoding: 'utf8', timeout: PROBE_TIMEOUT_MS, stdio: ['ignore', 'pipe', 'ignore'] }));
  } catch {
    return null;
  }
}

const cache = new Map<string, PythonInfo | null>();

/** Python as CoreScope would run it (explicit: a path given by the user), or null when there is none fit to use. */
export function findPython(explicit?: string): PythonInfo | null {
  const key = explicit ?? '';
  if (!cache.has(key)) {
    const found = probe(explicit ?? 'python3');
    cache.set(
      key,
      found && meetsMinimum(found.version) ? { path: found.executable, version: found.version, freeThreaded: onPath(FREE_THREADED_NAMES) } : null,
    );
  }
  return cache.get(key) ?? null;
}

/** Why Python can't be used, in one line: missing, or too old. */
function pythonUnavailable(explicit?: string): string {
  const found = probe(explicit ?? 'python3');
  if (found && !meetsMinimum(found.version))
    return `${explicit ?? 'python3'} is Python ${found.version}; CoreScope needs ${MIN_PYTHON.join('.')}+ (pass --python PATH to another one)`;
  return explicit ? `--python ${explicit} does not run as Python; pass the path of a python3 executable` : PYTHON_MISSING;
}

/** The interpreter to run Python hosts with; throws InvalidInput with the one-line reason when there is none. */
export function requirePython(explicit?: string): string {
  const found = findPython(explicit);
  if (!found) throw new InvalidInput(pythonUnavailable(explicit));
  return found.path;
}
