/**
 * Limits over all the runs the engine holds at once, not just one: each run is bounded by LIMITS, but
 * eight of them together could still start 2,048 processes or ask for 8 × 256 × 4 GB. Checked before a
 * run starts, so a refusal starts nothing; the reason states the numbers.
 */
import { LIMITS } from '../../../contract/limits.js';
import type { RunSpec } from '../../../contract/schemas.js';
import { formatBytes } from '../../../lib/format.js';

/** live process and thread units (OS processes and threads) across all runs */
export const MAX_LIVE_OS_UNITS = 512;
/** async tasks across all runs: as many as one async run may have */
export const MAX_LIVE_ASYNC_UNITS = LIMITS.asyncUnits.max;
/** what the mem workload may hold, across all runs, of the memory available when a run starts */
const MEMORY_SHARE = 0.5;

const MB = 1024 * 1024;

export interface LiveRun {
  spec: RunSpec;
  /** its units that have not ended */
  liveUnits: number;
}

const memBytes = (spec: RunSpec, units: number) => (spec.workload === 'mem' ? units * (spec.mb ?? LIMITS.mb.default) * MB : 0);

/** Why `next` may not start beside `live`, in one line; null when it may. Pure. */
export function engineLimitRefusal(live: readonly LiveRun[], next: RunSpec, availableBytes: number): string | null {
  const async = (r: { spec: RunSpec }) => r.spec.mode === 'async';
  if (next.mode === 'async') {
    const now = live.filter(async).reduce((n, r) => n + r.liveUnits, 0);
    if (now + next.units > MAX_LIVE_ASYNC_UNITS)
      return `refused: ${next.units} async tasks beside the ${now} live would make ${now + next.units}, above the engine's ${MAX_LIVE_ASYNC_UNITS} across all runs`;
  } else {
    const now = live.filter((r) => !async(r)).reduce((n, r) => n + r.liveUnits, 0);
    if (now + next.units > MAX_LIVE_OS_UNITS)
      return `refused: ${next.units} ${next.mode} units beside the ${now} live processes and threads would make ${now + next.units}, above the engine's ${MAX_LIVE_OS_UNITS} across all runs`;
  }
  const asked = memBytes(next, next.units);
  if (asked > 0) {
    const held = live.reduce((n, r) => n + memBytes(r.spec, r.liveUnits), 0);
    const room = availableBytes * MEMORY_SHARE;
    if (held + asked > room)
      return `refused: ${next.units} × ${next.mb ?? LIMITS.mb.default} MB = ${formatBytes(asked)}${held ? ` beside ${formatBytes(held)} in live runs` : ''} would pass half the available memory (${formatBytes(room)} of ${formatBytes(availableBytes)})`;
  }
  return null;
}
