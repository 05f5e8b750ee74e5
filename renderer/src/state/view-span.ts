/**
 * Which stretch of time the charts show: the last `spanMs` while following live, or a stretch that
 * ends at a fixed moment once the person scrolls back (so what they are reading holds still), never
 * earlier than the ring still holds and never further back than HISTORY_MS.
 */

export interface ViewWindow {
  spanMs: number;
  /** the moment the view ends at, or null to follow the newest sample */
  anchorT: number | null;
}

/** How far back the charts can scroll (the ring holds at least this much at the fastest interval). */
export const HISTORY_MS = 10 * 60_000;
export const SPANS_MS = [30_000, 60_000, 120_000, 300_000] as const;
export const DEFAULT_VIEW: ViewWindow = { spanMs: 60_000, anchorT: null };

export interface ViewRange {
  t0: number;
  t1: number;
  live: boolean;
  /** how far the end lies behind the newest sample, ms */
  agoMs: number;
  /** the largest agoMs the history allows right now */
  maxAgoMs: number;
}

/** How far back the view can end: what the ring holds (up to HISTORY_MS), minus one span. */
export function maxAgo(spanMs: number, oldestT: number | null, newestT: number | null): number {
  if (oldestT === null || newestT === null) return 0;
  return Math.max(0, Math.min(newestT - oldestT, HISTORY_MS) - spanMs);
}

export function viewRange(w: ViewWindow, oldestT: number | null, newestT: number | null, now: number): ViewRange {
  const newest = newestT ?? now;
  const limit = maxAgo(w.spanMs, oldestT, newestT);
  const ago = w.anchorT === null ? 0 : Math.min(limit, Math.max(0, newest - w.anchorT));
  const t1 = newest - ago;
  return { t0: t1 - w.spanMs, t1, live: w.anchorT === null, agoMs: ago, maxAgoMs: limit };
}

/** Scroll so the view ends `agoMs` before the newest sample; 0 goes back to following live. */
export function scrollBack(w: ViewWindow, agoMs: number, newestT: number | null): ViewWindow {
  if (agoMs <= 0 || newestT === null) return { ...w, anchorT: null };
  return { ...w, anchorT: newestT - agoMs };
}

/** "live", or how far back as "−2:30". */
export function formatAgo(agoMs: number): string {
  if (agoMs <= 0) return 'live';
  const s = Math.round(agoMs / 1000);
  return `−${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
