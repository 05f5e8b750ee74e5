/**
 * A token kept in a file, so `corescope serve --port P --token-file F` comes back after a restart at
 * the same address with the same token and an open page reconnects by itself (a demo's server can be
 * restarted mid-talk). The file is created owner-only on first use; a file that holds no usable token
 * is refused rather than overwritten (it may be something else the person pointed at by mistake).
 */
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { InvalidInput } from '../../contract/refusal.js';
import { newToken } from './access.js';

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{16,128}$/;

export function tokenFromFile(path: string): string {
  if (existsSync(path)) {
    const token = readFileSync(path, 'utf8').trim();
    if (!TOKEN_SHAPE.test(token))
      throw new InvalidInput(`--token-file ${path} does not hold a token (16–128 letters, digits, - or _); remove it to have one made`, 'tokenFile');
    return token;
  }
  const token = newToken();
  writeFileSync(path, `${token}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600); // the umask may have widened it
  return token;
}
