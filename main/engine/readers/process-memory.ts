/**
 * One process's memory in the measure asked for: PSS or USS from /proc/<pid>/smaps_rollup on Linux,
 * RSS (pidusage) anywhere. Null when the process is gone.
 */
import { readFile } from 'node:fs/promises';
import pidusage from 'pidusage';
import type { MemoryMeasure } from '../../../contract/domain.js';
import { parseSmapsRollup } from '../../../lib/proc-parse.js';

export const MEMORY_MEASURES: readonly MemoryMeasure[] = process.platform === 'linux' ? ['pss', 'uss', 'rss'] : ['rss'];

export async function readProcessMemory(pid: number, measure: MemoryMeasure): Promise<number | null> {
  if (process.platform === 'linux') {
    try {
      return parseSmapsRollup(await readFile(`/proc/${pid}/smaps_rollup`, 'utf8'))[measure];
    } catch {
      return null;
    }
  }
  if (measure !== 'rss') return null;
  try {
    return (await pidusage(pid)).memory;
  } catch {
    return null;
  }
}
