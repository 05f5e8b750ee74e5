/**
 * Run events held for a client that reads slower than they come. Only what the page needs to be right
 * is kept: each run's start and end, and the latest state of each unit (a later state replaces an
 * earlier one), so what is held is bounded by the live units, not by how long the client lags.
 */
import type { RunEvent } from '../../contract/run-events.js';

const keyOf = (e: RunEvent): string => (e.type === 'unit-state' ? `${e.runId}#${e.unitId}` : `${e.runId}:${e.type}`);

export class CoalescedEvents {
  private readonly held = new Map<string, RunEvent>();

  add(e: RunEvent): void {
    const key = keyOf(e);
    this.held.delete(key); // re-inserted last: events leave in the order of their latest change
    this.held.set(key, e);
  }

  get size(): number {
    return this.held.size;
  }

  /** Everything held, oldest change first; the holder is empty afterwards. */
  take(): RunEvent[] {
    const events = [...this.held.values()];
    this.held.clear();
    return events;
  }
}
