/** Reading a semaphore's waves off a timeline: pure, so the UI and the tests can use it too. */
import { gotPermit } from '../../contract/domain.js';
import type { TimelinePoint } from './scenario.js';

/**
 * When each unit got past the semaphore: its first state after a 'waiting(semaphore)' that is neither
 * that wait again nor an end — 'running', or the 'waiting(io)' of a job whose work is a sleep.
 */
export function permitTimes(timeline: readonly TimelinePoint[]): number[] {
  const waited = new Set<number>();
  const got = new Map<number, number>();
  for (const p of timeline) {
    if (p.state === 'waiting(semaphore)') waited.add(p.unit);
    else if (gotPermit(p.state) && waited.has(p.unit) && !got.has(p.unit)) got.set(p.unit, p.t);
  }
  return [...got.values()];
}

/**
 * Group start times into waves: a time more than `gapMs` after the current wave's first start opens
 * a new wave. Returns each wave's first start, in ms after the very first.
 */
export function waveStarts(times: readonly number[], gapMs: number): number[] {
  const sorted = [...times].sort((a, b) => a - b);
  const waves: number[] = [];
  for (const t of sorted) if (waves.length === 0 || t - waves[waves.length - 1] > gapMs) waves.push(t);
  return waves.map((t) => Math.round(t - waves[0]));
}
