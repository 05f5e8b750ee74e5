/**
 * What a semaphore's jobs did with their permits, read off a scenario's timeline (a second opinion on
 * the host's count, and on what the lanes show): a job holds a permit from the first state after its
 * 'waiting(semaphore)' that says so (gotPermit) until it ends.
 */
import { FINAL_STATES, gotPermit } from '../../contract/domain.js';
import type { TimelineEntry } from '../../contract/run-events.js';

export interface Held {
  unit: string;
  fromMs: number;
  toMs: number;
  /** ms of the hold spent in each state */
  inState: Record<string, number>;
}

/** Every job's hold: from its permit to its end, with the time it spent in each state meanwhile. */
export function holds(timeline: readonly TimelineEntry[]): Held[] {
  const byUnit = new Map<string, TimelineEntry[]>();
  for (const e of [...timeline].sort((a, b) => a.tMs - b.tMs)) byUnit.set(e.unit, [...(byUnit.get(e.unit) ?? []), e]);
  const out: Held[] = [];
  for (const [unit, entries] of byUnit) {
    const waited = entries.findIndex((e) => e.state === 'waiting(semaphore)');
    const from = entries.findIndex((e, i) => i > waited && waited >= 0 && gotPermit(e.state));
    const to = entries.findIndex((e, i) => i > from && FINAL_STATES.includes(e.state));
    if (from < 0 || to < 0) continue;
    const inState: Record<string, number> = {};
    for (let i = from; i < to; i++) inState[entries[i].state] = (inState[entries[i].state] ?? 0) + entries[i + 1].tMs - entries[i].tMs;
    out.push({ unit, fromMs: entries[from].tMs, toMs: entries[to].tMs, inState });
  }
  return out;
}

/** The most jobs holding a permit at one moment (an end before a start at the same moment). */
export function mostHoldingAtOnce(timeline: readonly TimelineEntry[]): number {
  const edges = holds(timeline).flatMap((h): Array<[number, number]> => [[h.fromMs, 1], [h.toMs, -1]]);
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let most = 0;
  for (const [, d] of edges) most = Math.max(most, (now += d));
  return most;
}
