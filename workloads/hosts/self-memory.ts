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

export async function ownMemory(): Promise<{ bytes: number; measure: SelfMeasure; rssBytes: number }> {
  if (viaProc) {
    try {
      const rollup = parseSmapsRollup(await readFile('/proc/self/smaps_rollup', 'utf8'));
      return { bytes: rollup.pss, measure: 'pss', rssBytes: rollup.rss };
    } catch {
      /* /proc not mounted: RSS, said as such */
    }
  }
  const { rss } = process.memoryUsage();
  return { bytes: rss, measure: 'rss', rssBytes: rss };
}

/**
 * The host's peak memory since it started, read once at the end instead of watched: the kernel keeps
 * the peak resident set itself (getrusage's maxrss, VmHWM in /proc/<pid>/status). Pages resident at
 * the peak beyond those resident now were the host's own (heap that grew, then was given back), so
 * the peak PSS is today's PSS plus that difference. A watcher polling smaps_rollup every 100 ms cost
 * ~1.5 % of a core per idle unit process (measured, issue 11); this costs one read per host.
 */
export async function peakOwnMemory(): Promise<number> {
  const now = await ownMemory();
  const maxRssBytes = process.resourceUsage().maxRSS * 1024;
  return now.bytes + Math.max(0, maxRssBytes - now.rssBytes);
}
