/**
 * The run lanes, as a pure reducer over RunEvents (plus the page's own "launched" and "dismiss"):
 * one lane per run, in start order, with its units' states counted and, once the run ends, its summary.
 * Events come in batches so a 10,000-unit async run copies its state table once per batch, not per unit.
 */
import { FINAL_STATES, UNIT_STATES, type UnitState } from '../../../contract/domain.js';
import { LIMITS } from '../../../contract/limits.js';
import { type RunEvent, type RunSummary } from '../../../contract/run-events.js';
import { type RunSpec } from '../../../contract/schemas.js';
import type { WatchInfo, WatchSummary } from '../../../contract/watch.js';
import { fallbackColor, pickColor } from './run-colors.js';

export interface RunLane {
  runId: string;
  spec: RunSpec;
  /** epoch ms on the engine's clock */
  startedAt: number;
  color: number;
  /** per unit: 0 = not heard of yet, else 1 + index in UNIT_STATES */
  unitStates: Uint8Array;
  counts: Partial<Record<UnitState, number>>;
  unitsEnded: number;
  endedAt: number | null;
  summary: RunSummary | null;
  /** the link to the engine dropped while it ran and, back, the engine no longer had it: its end was never seen */
  lost: boolean;
  /** units that failed or were killed on their own, with why: the first MAX_CRASHES of them, never a silent disappearance */
  crashes: readonly UnitCrash[];
  /** a watched program (its spec only sizes the lane): what is watched, and whether Stop detaches or ends it */
  watch: WatchInfo | null;
  /** an ended watch's own summary (exit code, CPU between samples, threads left out) */
  watchSummary: WatchSummary | null;
}

interface UnitCrash {
  unitId: number;
  state: UnitState;
  reason: string;
}

/** A 10,000-task run that fails fails alike: the first few reasons say it, the count says the rest. */
export const MAX_CRASHES = 5;

function noteCrash(lane: RunLane, unitId: number, state: UnitState, reason: string | undefined): void {
  if (!reason || lane.crashes.length >= MAX_CRASHES || lane.crashes.some((c) => c.unitId === unitId)) return;
  lane.crashes = [...lane.crashes, { unitId, state, reason }];
}

export interface RunsState {
  lanes: readonly RunLane[];
}

export type RunsAction =
  | { type: 'events'; events: readonly RunEvent[] }
  /** the page's startRun was answered: show the lane at once, even before run-started arrives */
  | { type: 'launched'; runId: string; spec: RunSpec; t: number }
  | { type: 'dismiss'; runId: string }
  /** drop ended lanes shown for longer than keepMs, and keep at most maxEnded of them */
  | { type: 'prune'; now: number; keepMs: number; maxEnded: number }
  /** the page reconnected: active lanes whose runs the engine no longer has (not in liveRunIds) ended unseen */
  | { type: 'lost'; liveRunIds: ReadonlySet<string>; t: number };

export const EMPTY_RUNS: RunsState = { lanes: [] };

/** How long an ended run's summary stays on screen unless dismissed, and how many at most. */
export const ENDED_LANE_KEEP_MS = 3 * 60_000;
export const MAX_ENDED_LANES = LIMITS.concurrentRuns;

export const isFinal = (s: UnitState): boolean => FINAL_STATES.includes(s);
const FINAL_CODES = new Set(FINAL_STATES.map((s) => UNIT_STATES.indexOf(s) + 1));

export const isActive = (lane: Pick<RunLane, 'endedAt'>): boolean => lane.endedAt === null;

function countStates(states: Uint8Array): { counts: Partial<Record<UnitState, number>>; ended: number } {
  const counts: Partial<Record<UnitState, number>> = {};
  let ended = 0;
  for (const code of states) {
    if (code === 0) continue;
    const s = UNIT_STATES[code - 1];
    counts[s] = (counts[s] ?? 0) + 1;
    if (FINAL_CODES.has(code)) ended++;
  }
  return { counts, ended };
}

function newLane(runId: string, spec: RunSpec, t: number, lanes: readonly RunLane[]): RunLane {
  const inUse = new Set(lanes.map((l) => l.color));
  return {
    runId,
    spec,
    startedAt: t,
    color: pickColor(runId, inUse),
    unitStates: new Uint8Array(spec.units),
    counts: {},
    unitsEnded: 0,
    endedAt: null,
    summary: null,
    crashes: [],
    lost: false,
    watch: null,
    watchSummary: null,
  };
}

/** A run that ended before this page heard it start still gets a lane: its summary says what it was. */
function specOfSummary(s: RunSummary): RunSpec {
  return { mode: s.mode, runtime: s.runtime, workload: s.workload, units: s.units };
}

function applyEvents(state: RunsState, events: readonly RunEvent[]): RunsState {
  const lanes = [...state.lanes];
  const copied = new Set<string>(); // lanes already copied in this batch: mutate those in place
  const indexOf = (id: string) => lanes.findIndex((l) => l.runId === id);
  const writable = (i: number): RunLane => {
    const lane = lanes[i];
    if (copied.has(lane.runId)) return lane;
    const copy = { ...lane, unitStates: lane.unitStates.slice() };
    copied.add(lane.runId);
    lanes[i] = copy;
    return copy;
  };
  const recount = new Set<string>();

  for (const e of events) {
    const i = indexOf(e.runId);
    if (e.type === 'run-started') {
      const lane = i < 0 ? newLane(e.runId, e.spec, e.t, lanes) : writable(i);
      if (i < 0) {
        lanes.push(lane);
        copied.add(e.runId);
      }
      lane.spec = e.spec;
      lane.startedAt = e.t; // the engine's start time beats the page's guess from "launched"
      if (e.watch) lane.watch = e.watch;
    } else if (e.type === 'unit-state') {
      if (i < 0) continue; // a run this page never saw start: nothing to attach the state to
      const lane = writable(i);
      if (e.unitId < 0 || e.unitId >= lane.unitStates.length) continue;
      lane.unitStates[e.unitId] = UNIT_STATES.indexOf(e.state) + 1;
      noteCrash(lane, e.unitId, e.state, e.reason);
      recount.add(e.runId);
    } else {
      const lane = i < 0 ? newLane(e.runId, specOfSummary(e.summary), e.t - e.summary.wallMs, lanes) : writable(i);
      if (i < 0) {
        lanes.push(lane);
        copied.add(e.runId);
      }
      lane.endedAt = e.t;
      lane.summary = e.summary;
      if (e.watch) {
        lane.watch ??= { command: e.watch.command, rootPid: e.watch.rootPid, attached: e.watch.attached };
        lane.watchSummary = e.watch;
      }
      // the summary's unit results are the final word on every unit's state
      for (const u of e.summary.unitResults) {
        if (u.id >= 0 && u.id < lane.unitStates.length) lane.unitStates[u.id] = UNIT_STATES.indexOf(u.state) + 1;
        noteCrash(lane, u.id, u.state, u.reason);
      }
      recount.add(e.runId);
    }
  }
  for (const id of recount) {
    const lane = lanes[indexOf(id)];
    const { counts, ended } = countStates(lane.unitStates);
    lane.counts = counts;
    lane.unitsEnded = ended;
  }
  return { lanes };
}

export function runsReducer(state: RunsState, action: RunsAction): RunsState {
  switch (action.type) {
    case 'events':
      return action.events.length ? applyEvents(state, action.events) : state;
    case 'launched':
      if (state.lanes.some((l) => l.runId === action.runId)) return state;
      return { lanes: [...state.lanes, newLane(action.runId, action.spec, action.t, state.lanes)] };
    case 'dismiss': {
      const lanes = state.lanes.filter((l) => l.runId !== action.runId || isActive(l));
      return lanes.length === state.lanes.length ? state : { lanes };
    }
    case 'lost': {
      if (!state.lanes.some((l) => isActive(l) && !action.liveRunIds.has(l.runId))) return state;
      return { lanes: state.lanes.map((l) => (isActive(l) && !action.liveRunIds.has(l.runId) ? { ...l, endedAt: action.t, lost: true } : l)) };
    }
    case 'prune': {
      const ended = state.lanes.filter((l) => !isActive(l));
      const newestEnded = new Set(ended.slice(-action.maxEnded).map((l) => l.runId));
      const lanes = state.lanes.filter(
        (l) => isActive(l) || (newestEnded.has(l.runId) && action.now - (l.endedAt as number) <= action.keepMs),
      );
      return lanes.length === state.lanes.length ? state : { lanes };
    }
  }
}

/**
 * What a lane is, apart from what its units are doing right now: it changes when a run starts, ends,
 * is dismissed or pruned, never with a unit's state. The views that draw only this (the runs' spans on
 * the CPU chart, the chips' colours, the table's modes) redraw with it, not with every batch of events
 * (a 500-task gather sends ~1,000 unit-state events, in a batch every 30 ms).
 */
type LaneShape = Pick<RunLane, 'runId' | 'spec' | 'startedAt' | 'color' | 'endedAt' | 'summary' | 'lost' | 'watch'>;
export interface RunsShape {
  lanes: readonly LaneShape[];
}
export const EMPTY_SHAPE: RunsShape = { lanes: [] };
const SHAPE_KEYS = ['runId', 'spec', 'startedAt', 'color', 'endedAt', 'summary', 'lost', 'watch'] as const satisfies ReadonlyArray<keyof LaneShape>;

/** The lanes' shape: `prev` itself while no lane's shape changed (so a view can compare by identity). */
export function runsShape(prev: RunsShape, state: RunsState): RunsShape {
  const same = prev.lanes.length === state.lanes.length && state.lanes.every((l, i) => SHAPE_KEYS.every((k) => prev.lanes[i][k] === l[k]));
  if (same) return prev;
  return { lanes: state.lanes.map((l) => Object.fromEntries(SHAPE_KEYS.map((k) => [k, l[k]])) as unknown as LaneShape) };
}

/** The colour slot of a run, whether or not it has a lane. */
export function colorOf(state: { lanes: ReadonlyArray<Pick<RunLane, 'runId' | 'color'>> }, runId: string): number {
  return state.lanes.find((l) => l.runId === runId)?.color ?? fallbackColor(runId);
}
