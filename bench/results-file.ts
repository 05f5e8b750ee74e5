/** Writes the bench's figures to bench/results/latest.json (kept in git, so changes show in review). */
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const RESULTS_DIR = new URL('./results/', import.meta.url);

export async function writeLatestResults(results: unknown, name = 'latest.json'): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const file = new URL(name, RESULTS_DIR);
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
  return fileURLToPath(file);
}
