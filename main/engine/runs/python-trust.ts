/**
 * Whether a file may be run as the app's Python. The setting reaches the engine from clients (the
 * desktop window, a dashboard), so a name that looks like Python is not enough: a local file, the
 * interpreter it really is (symlinks resolved), owned by root or this user and writable by no one
 * else, in a folder that is the same. On Windows, where POSIX modes say nothing, only the name and
 * the path's kind are checked.
 */
import { realpath, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { PYTHON_NAME } from '../../../contract/schemas.js';
import { onWindows } from '../platform.js';

/** `//host/share/…` or `\\host\share\…`: a network share (UNC), never run. */
export const isNetworkPath = (path: string): boolean => /^[\\/]{2}/.test(path);

const trustedOwner = (uid: number): boolean => uid === 0 || uid === process.getuid?.();

/** Why `real` (a resolved path) can't be run as Python, or null when it can. */
export async function untrustedReason(real: string): Promise<string | null> {
  if (isNetworkPath(real)) return 'it is on a network share';
  if (!PYTHON_NAME.test(basename(real))) return `it resolves to ${real}, which is not named like a python executable`;
  if (onWindows) return null;
  for (const [what, path] of [['file', real], ['folder', dirname(real)]] as const) {
    const s = await stat(path);
    if (what === 'file' && !s.isFile()) return `${real} is not a file`;
    if (!trustedOwner(s.uid)) return `its ${what} ${path} is owned by uid ${s.uid}, neither root nor you`;
    if (s.mode & 0o022) return `its ${what} ${path} is writable by group or others (mode ${(s.mode & 0o777).toString(8)})`;
  }
  return null;
}

/** The real path of `path`, or null when it does not exist. */
export async function realPathOf(path: string): Promise<string | null> {
  try {
    return await realpath(path);
  } catch {
    return null;
  }
}
