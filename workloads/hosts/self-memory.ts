/**
 * The host's own memory, as the engine's reports define it: PSS from /proc/self/smaps_rollup on
 * Linux (its private pages plus its fair share of pages shared with other processes), RSS elsewhere.
 */
import { readFile } from 'node:fs/promises';
import { parseSmapsRollup } from '../../lib/proc-parse.js';

export type SelfMeasure = 'pss' | 'rss';

export async function ownMemory(): Promise<{ bytes: number; measure: SelfMeasure }> {
  try {
    return { bytes: parseSmapsRollup(await readFile('/proc/self/smaps_rollup', 'utf8')).pss, measure: 'pss' };
  } catch {
    return { bytes: process.memoryUsage().rss, measure: 'rss' };
  }
}
