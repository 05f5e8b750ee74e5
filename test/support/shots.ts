/**
 * Where e2e screenshots go: a temp folder, so `npm test` leaves the work tree clean; `npm run
 * screenshots` sets CORESCOPE_SHOTS_DIR=docs to refresh the README's pictures on purpose.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function shotPath(name: string): string {
  const dir = process.env.CORESCOPE_SHOTS_DIR ?? join(tmpdir(), 'corescope-shots');
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}
