/**
 * What a page opened mid-run (or reconnected) asks for so its charts don't start empty: the engine's
 * last minute of machine samples — per-core load and memory only, no units, so the answer stays small
 * (at most HISTORY_LIMITS.samples of them, whatever the interval).
 */
export interface HistorySample {
  t: number;
  /** % busy per logical core, as in Snapshot.cores */
  cores: number[];
  usedBytes: number;
  availableBytes: number;
}

export interface RecentHistory {
  /** oldest first */
  samples: HistorySample[];
}

export const HISTORY_LIMITS = {
  /** how far back the engine keeps samples for a late page */
  spanMs: 60_000,
  /** a minute at the fastest interval (50 ms) */
  samples: 1200,
} as const;
