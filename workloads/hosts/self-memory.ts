/**
 * Memory measure, the host side: the host's own memory as the engine's reports define it.
 * - Linux with the proc readers: PSS from /proc/self/smaps_rollup (its private pages plus its fair
 *   share of pages shared with other processes).
 * - macOS, Windows, and Linux with the portable readers: RSS from process.memoryUsage(), which libuv
 *   takes from task_info(MACH_TASK_BASIC_INFO).resident_size on macOS and the working set
 *   (GetProcessMemoryInfo) on Windows — the same figure pidusage gives the engine for the process.
 */
import { readFile } from 'node:fs/promises';
import { READERS_ENV } from '../../contract/domain.js';
import { parseSmapsRollup } from '../../lib/proc-parse.js';

export type SelfMeasure = 'pss' | 'rss';

const viaProc = process.platform === 'linux' && process.env[READERS_ENV] !== 'portable';

export async function ownMemory(): Promise<{ bytes: number; measure: SelfMeasure }> {
  if (viaProc) {
    try {
      return { bytes: parseSmapsRollup(await readFile('/proc/self/smaps_rollup', 'utf8')).pss, measure: 'pss' };
    } catch {
      /* /proc not mounted: RSS, said as such */
    }
  }
  return { bytes: process.memoryUsage().rss, measure: 'rss' };
}
