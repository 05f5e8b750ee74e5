/**
 * Everything the views draw from, collected in one place as it arrives (btop's collect, apart from
 * draw): the newest snapshot, a ring of per-core history, a ring of machine totals, and the run lanes.
 * Snapshots only fill rings (views pull at their own rate); run events go through the reducer in
 * short batches. Listeners hear only when the lanes' shape changes (a run starts, ends, goes): what the
 * units do is read at each view's own drawing rate (getRuns), so a 10,000-task run's events never
 * drive the page's renders. No DOM here, so it is tested in Node.
 */
import type { RecentHistory } from '../../../contract/history.js';
import type { RunEvent } from '../../../contract/run-events.js';
import type { RunSpec } from '../../../contract/schemas.js';
import type { Snapshot } from '../../../contract/snapshot.js';
import { ENDED_LANE_KEEP_MS, EMPTY_RUNS, EMPTY_SHAPE, MAX_ENDED_LANES, runsReducer, runsShape, type RunsAction, type RunsShape, type RunsState } from './runs.js';
import { SampleRing } from './sample-ring.js';

/** 10 minutes at the fastest interval (50 ms), plus a margin: 12.5 MB of history at 256 cores. */
const RING_CAPACITY = 12_500;
/** run events arriving within this long are reduced together (a 10,000-unit run sends 20,000 of them) */
const EVENT_BATCH_MS = 30;

/** Channels of the totals ring. */
export const TOTALS = { cpu: 0, used: 1, available: 2 } as const;

export type Schedule = (fn: () => void, ms: number) => void;

export class LiveStore {
  latest: Snapshot | null = null;
  /** bumps with every snapshot: views compare it to know whether there is anything new to draw */
  version = 0;
  cores: SampleRing | null = null;
  totals: SampleRing;
  /** engine clock − page clock, so elapsed times tick smoothly between samples */
  clockOffsetMs = 0;

  private runs: RunsState = EMPTY_RUNS;
  private shape: RunsShape = EMPTY_SHAPE;
  private pending: RunEvent[] = [];
  private flushQueued = false;
  private readonly listeners = new Set<() => void>();
  private readonly snapshotListeners = new Set<() => void>();

  constructor(
    private readonly schedule: Schedule = (fn, ms) => void setTimeout(fn, ms),
    readonly capacity = RING_CAPACITY,
  ) {
    this.totals = new SampleRing(3, capacity);
  }

  ingestSnapshot(s: Snapshot, localNow = Date.now()): void {
    if (!this.cores || this.cores.channels !== s.cores.length) this.cores = new SampleRing(Math.max(1, s.cores.length), this.capacity);
    this.cores.push(s.t, s.cores);
    const cpu = s.cores.length ? s.cores.reduce((a, b) => a + b, 0) / s.cores.length : 0;
    this.totals.push(s.t, [cpu, s.memory.usedBytes, s.memory.availableBytes]);
    this.latest = s;
    this.clockOffsetMs = s.t - localNow;
    this.version++;
    for (const cb of this.snapshotListeners) cb();
  }

  /**
   * The engine's recent samples (recentHistory), for a page opened mid-run: those older than what the
   * rings already hold go in front of it, so the charts show the last minute at once and nothing twice.
   */
  ingestHistory(h: RecentHistory): void {
    const first = h.samples[0];
    if (!first) return;
    const channels = Math.max(1, first.cores.length);
    const before = this.totals.oldestT ?? Infinity;
    const older = h.samples.filter((x) => x.t < before && x.cores.length === first.cores.length);
    if (!older.length) return;
    const cores = new SampleRing(channels, this.capacity);
    const totals = new SampleRing(3, this.capacity);
    for (const x of older) {
      cores.push(x.t, x.cores);
      totals.push(x.t, [x.cores.reduce((a, b) => a + b, 0) / channels, x.usedBytes, x.availableBytes]);
    }
    // then what had already arrived, when it has the same cores
    if (this.cores && this.cores.channels === channels)
      for (let i = 0; i < this.cores.size; i++) cores.push(this.cores.timeAt(i), Array.from({ length: channels }, (_, c) => this.cores!.valueAt(i, c)));
    for (let i = 0; i < this.totals.size; i++) totals.push(this.totals.timeAt(i), [0, 1, 2].map((c) => this.totals.valueAt(i, c)));
    this.cores = cores;
    this.totals = totals;
    this.version++;
    for (const cb of this.snapshotListeners) cb();
  }

  /** Called after every snapshot: the frame clock wakes up only when there is something new. */
  subscribeSnapshots = (cb: () => void): (() => void) => {
    this.snapshotListeners.add(cb);
    return () => this.snapshotListeners.delete(cb);
  };

  ingestRunEvent(e: RunEvent): void {
    this.pending.push(e);
    if (this.flushQueued) return;
    this.flushQueued = true;
    this.schedule(() => this.flush(), EVENT_BATCH_MS);
  }

  /** Reduce the queued run events now (also what the batch timer calls). */
  flush(): void {
    this.flushQueued = false;
    if (!this.pending.length) return;
    const events = this.pending;
    this.pending = [];
    this.dispatch({ type: 'events', events });
  }

  /** The page started a run: its lane shows now, whether or not run-started has arrived yet. */
  launched(runId: string, spec: RunSpec, localNow = Date.now()): void {
    this.flush(); // a run-started already queued carries the engine's own start time: apply it first
    this.dispatch({ type: 'launched', runId, spec, t: localNow + this.clockOffsetMs });
  }

  dismiss(runId: string): void {
    this.dispatch({ type: 'dismiss', runId });
  }

  /** Back after a lost link: the active lanes whose runs have no live units in the engine now ended unseen. */
  markLost(liveRunIds: ReadonlySet<string>, localNow = Date.now()): void {
    this.flush();
    this.dispatch({ type: 'lost', liveRunIds, t: localNow + this.clockOffsetMs });
  }

  /** Drop ended lanes that have been on screen long enough. */
  prune(localNow = Date.now()): void {
    this.dispatch({ type: 'prune', now: localNow + this.clockOffsetMs, keepMs: ENDED_LANE_KEEP_MS, maxEnded: MAX_ENDED_LANES });
  }

  /** The engine's clock now, as well as the page can tell. */
  engineNow(localNow = Date.now()): number {
    return localNow + this.clockOffsetMs;
  }

  /** The lanes as of the last batch, units' states and counts included: read it when drawing, at the view's rate. */
  getRuns = (): RunsState => this.runs;

  /** The lanes' shape (runs started, ended, dismissed: not their units' states), for useSyncExternalStore. */
  getShape = (): RunsShape => this.shape;

  /** Called whenever the lanes' shape changes, never for a unit's state alone. */
  subscribeShape = (cb: () => void): (() => void) => {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  };

  private dispatch(action: RunsAction): void {
    const next = runsReducer(this.runs, action);
    if (next === this.runs) return;
    this.runs = next;
    const shape = runsShape(this.shape, next);
    if (shape === this.shape) return;
    this.shape = shape;
    for (const cb of this.listeners) cb();
  }
}
