/**
 * A watched program's threads over time, for its timeline: collected from the snapshots (a watch
 * reports its threads as units with their kernel state, R/S/D/T/Z) into one lane per thread — each a
 * list of changes of state in ms after the watch started — and turned into the timeline's lanes. A
 * thread the sampler no longer lists while the snapshot lists every unit of the watch has ended. Pure,
 * and bounded: at most MAX_WATCHED_THREADS lanes per watch and MAX_CHANGES changes per lane.
 */
import type { OsState } from '../../../contract/domain.js';
import type { RunEvent } from '../../../contract/run-events.js';
import type { Snapshot } from '../../../contract/snapshot.js';
import type { WatchInfo } from '../../../contract/watch.js';
import { laneSegments, type Lane } from './scenario-timeline.js';

/** A thread's state in words: the kernel's letters, and 'ended' once it is gone (a mark, not a span). */
export type ThreadState = 'running' | 'sleeping' | 'disk wait' | 'stopped' | 'zombie' | 'ended';

const WORDS: Record<OsState, ThreadState> = { R: 'running', S: 'sleeping', D: 'disk wait', T: 'stopped', Z: 'zombie' };
export const threadStateOf = (os: OsState): ThreadState => WORDS[os];

export const THREAD_LEGEND: ReadonlyArray<{ state: ThreadState; words: string }> = [
  { state: 'running', words: 'running (R)' },
  { state: 'sleeping', words: 'sleeping (S)' },
  { state: 'disk wait', words: 'disk wait (D)' },
  { state: 'stopped', words: 'stopped (T)' },
  { state: 'zombie', words: 'zombie (Z)' },
  { state: 'ended', words: 'ended' },
];

export const MAX_WATCHED_THREADS = 256;
const MAX_CHANGES = 2000;
/** how many watches the page keeps timelines of (ended ones beyond this are forgotten, oldest first) */
const MAX_WATCHES = 4;

interface ThreadChange {
  state: ThreadState;
  tMs: number;
}

interface WatchedThread {
  unitId: number;
  pid: number;
  tid: number;
  name: string;
  changes: ThreadChange[];
}

export interface WatchRun {
  runId: string;
  info: WatchInfo;
  /** epoch ms on the engine's clock (run-started's t) */
  t0: number;
  endedAt: number | null;
  /** in order of first sight */
  threads: WatchedThread[];
  /** threads past MAX_WATCHED_THREADS not drawn */
  threadsLeftOut: number;
}

export interface WatchRunsState {
  runs: readonly WatchRun[];
}

export const EMPTY_WATCH_RUNS: WatchRunsState = { runs: [] };

function note(th: WatchedThread, state: ThreadState, tMs: number): boolean {
  const last = th.changes[th.changes.length - 1];
  if (last && (last.state === state || last.state === 'ended')) return false;
  // a lane too long drops its oldest changes: the timeline shows the recent past in full
  if (th.changes.length >= MAX_CHANGES) th.changes.splice(0, th.changes.length - MAX_CHANGES + 1);
  th.changes.push({ state, tMs: Math.max(0, tMs) });
  return true;
}

export function watchEvents(state: WatchRunsState, events: readonly RunEvent[]): WatchRunsState {
  let runs = state.runs;
  for (const e of events) {
    const i = runs.findIndex((r) => r.runId === e.runId);
    if (e.type === 'run-started' && e.watch && i < 0) {
      runs = [...runs, { runId: e.runId, info: e.watch, t0: e.t, endedAt: null, threads: [], threadsLeftOut: 0 }];
      const ended = runs.filter((r) => r.endedAt !== null);
      if (runs.length > MAX_WATCHES && ended.length) runs = runs.filter((r) => r !== ended[0]);
    } else if (e.type === 'run-ended' && i >= 0 && runs[i].endedAt === null) {
      const run = runs[i];
      const tMs = e.t - run.t0;
      const threads = run.threads.map((th) => ({ ...th, changes: [...th.changes] }));
      for (const th of threads) note(th, 'ended', tMs);
      runs = runs.map((r, k) => (k === i ? { ...run, endedAt: e.t, threads } : r));
    }
  }
  return runs === state.runs ? state : { runs };
}

export function watchSnapshot(state: WatchRunsState, s: Snapshot): WatchRunsState {
  const active = state.runs.filter((r) => r.endedAt === null);
  if (!active.length) return state;
  let changed = false;
  const runs = state.runs.map((run) => {
    if (run.endedAt !== null) return run;
    const units = s.units.filter((u) => u.runId === run.runId && u.watch);
    const tMs = s.t - run.t0;
    const byUnit = new Map(run.threads.map((th, i) => [th.unitId, i]));
    const threads = [...run.threads];
    let threadsLeftOut = run.threadsLeftOut;
    let mine = false;
    const touch = (i: number) => {
      if (!mine) mine = true;
      if (threads[i] === run.threads[i]) threads[i] = { ...threads[i], changes: [...threads[i].changes] };
      return threads[i];
    };
    const listed = new Set<number>();
    for (const u of units) {
      listed.add(u.unitId);
      const state = threadStateOf(u.watch!.os);
      const i = byUnit.get(u.unitId);
      if (i === undefined) {
        if (threads.length >= MAX_WATCHED_THREADS) {
          threadsLeftOut++;
          mine = true;
          continue;
        }
        byUnit.set(u.unitId, threads.length);
        threads.push({ unitId: u.unitId, pid: u.pid, tid: u.tid ?? u.pid, name: u.watch!.name, changes: [{ state, tMs }] });
        mine = true;
      } else if (threads[i].changes[threads[i].changes.length - 1]?.state !== state) note(touch(i), state, tMs);
    }
    // every live unit of the watch is listed: one not listed has ended
    const aggregate = s.runs.find((r) => r.runId === run.runId);
    if (aggregate && aggregate.live === units.length)
      threads.forEach((th, i) => {
        const last = th.changes[th.changes.length - 1];
        if (!listed.has(th.unitId) && last?.state !== 'ended') note(touch(i), 'ended', tMs);
      });
    if (!mine) return run;
    changed = true;
    return { ...run, threads, threadsLeftOut };
  });
  return changed ? { runs } : state;
}

/** A thread's lane label: "python3 1234" for a process's main thread, "  ↳ worker 1240" for its others. */
const labelOf = (th: WatchedThread) => (th.tid === th.pid ? `${th.name} ${th.pid}` : `↳ ${th.name} ${th.tid}`);

/** The timeline's lanes: each process's main thread, then its other threads, processes in order of first sight. */
export function watchLanes(run: WatchRun, untilMs: number): Lane<ThreadState>[] {
  const order = new Map<number, number>();
  run.threads.forEach((th) => order.has(th.pid) || order.set(th.pid, order.size));
  const sorted = [...run.threads].sort(
    (a, b) => (order.get(a.pid) as number) - (order.get(b.pid) as number) || Number(b.tid === b.pid) - Number(a.tid === a.pid) || a.tid - b.tid,
  );
  return sorted.map((th) => ({
    unitId: th.unitId,
    name: labelOf(th),
    segments: laneSegments(th.changes, untilMs, FINAL_THREAD),
    state: th.changes[th.changes.length - 1]?.state ?? 'sleeping',
    permitMs: null,
    notes: [],
  }));
}

const FINAL_THREAD: ReadonlySet<ThreadState> = new Set(['ended']);
