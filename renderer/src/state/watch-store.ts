/**
 * The watched programs' threads, collected as snapshots and run events arrive (App feeds it, whichever
 * tab is open), for their timelines. Only a watch's own events are reduced: a 10,000-unit run's unit
 * states pass by untouched. No DOM here: tested in Node.
 */
import type { RunEvent } from '../../../contract/run-events.js';
import type { Snapshot } from '../../../contract/snapshot.js';
import { EMPTY_WATCH_RUNS, watchEvents, watchSnapshot, type WatchRunsState } from './watch-threads.js';

export class WatchStore {
  private state: WatchRunsState = EMPTY_WATCH_RUNS;
  private readonly listeners = new Set<() => void>();

  ingestSnapshot(s: Snapshot): void {
    this.set(watchSnapshot(this.state, s));
  }

  ingest(e: RunEvent): void {
    const mine = e.type === 'run-started' ? e.watch !== undefined : e.type === 'run-ended' && this.state.runs.some((r) => r.runId === e.runId);
    if (mine) this.set(watchEvents(this.state, [e]));
  }

  get = (): WatchRunsState => this.state;

  subscribe = (cb: () => void): (() => void) => {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  };

  private set(next: WatchRunsState): void {
    if (next === this.state) return;
    this.state = next;
    for (const cb of this.listeners) cb();
  }
}
