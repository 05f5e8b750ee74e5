/**
 * Each run gets one of a few distinct colours, used for its lane and for its units' chips on the cores,
 * so "which run is which" reads the same everywhere. At most LIMITS.concurrentRuns runs go at once,
 * so with as many colours no two runs on screen share one while a free colour exists.
 */
import { LIMITS } from '../../../contract/limits.js';

export const RUN_COLORS = LIMITS.concurrentRuns;

/** The run's number: "r12" → 12 (NaN for anything else). */
export const runNumber = (runId: string): number => Number(/^r(\d+)$/.exec(runId)?.[1] ?? NaN);

/** Colour for a run nobody assigned one to (e.g. a run already going when the page opened). */
export const fallbackColor = (runId: string): number => {
  const n = runNumber(runId);
  return Number.isFinite(n) ? (n - 1 + RUN_COLORS) % RUN_COLORS : 0;
};

/** The first colour not used by a lane on screen, starting from the run's own number so ids map stably. */
export function pickColor(runId: string, inUse: ReadonlySet<number>): number {
  const start = fallbackColor(runId);
  for (let k = 0; k < RUN_COLORS; k++) {
    const c = (start + k) % RUN_COLORS;
    if (!inUse.has(c)) return c;
  }
  return start;
}

/** The CSS custom property that holds a colour slot's value in the current theme. */
export const runColorVar = (slot: number): string => `var(--run-${slot})`;
