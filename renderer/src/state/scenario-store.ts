/**
 * The scenario runs, collected as their events arrive (App feeds it, whichever tab is open), reduced
 * in batches of SCENARIO_BATCH_MS so that a view following it redraws at most 10 times a second.
 * No DOM here: tested in Node.
 */
import type { RunEvent } from '../../../contract/run-events.js';
import type { Schedule } from './live-store.js';
import { EMPTY_SCENARIO_RUNS, scenarioRunsReducer, type ScenarioRunsState } from './scenario-runs.js';

export const SCENARIO_BATCH_MS = 100;

export class ScenarioStore {
  private state: ScenarioRunsState = EMPTY_SCENARIO_RUNS;
  private pending: RunEvent[] = [];
  private queued = false;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly schedule: Schedule = (fn, ms) => void setTimeout(fn, ms)) {}

  ingest(e: RunEvent): void {
    this.pending.push(e);
    if (this.queued) return;
    this.queued = true;
    this.schedule(() => this.flush(), SCENARIO_BATCH_MS);
  }

  flush(): void {
    this.queued = false;
    if (!this.pending.length) return;
    const events = this.pending;
    this.pending = [];
    const next = scenarioRunsReducer(this.state, { type: 'events', events });
    if (next === this.state) return;
    this.state = next;
    for (const cb of this.listeners) cb();
  }

  get = (): ScenarioRunsState => this.state;

  subscribe = (cb: () => void): (() => void) => {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  };
}
