/** --python PATH: checked like every other flag (an existing executable file), before anything starts. */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { InvalidInput } from '../../contract/refusal.js';
import { isExecutable } from '../engine/runs/python-runtime.js';

export const PYTHON_FLAG_HELP = 'the Python for --runtime python (default: python3 on PATH)';

export function pythonFlag(path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  const isFile = (() => {
    try {
      return statSync(path).isFile();
    } catch {
      return false;
    }
  })();
  if (!isFile || !isExecutable(path)) throw new InvalidInput(`--python ${path}: no executable file there`);
  return resolve(path);
}
