/**
 * The scenario runs, as a pure reducer over RunEvents: for each run started with `scenario` set, the
 * units' names, every change of each unit's state (ms after the run's start, in time order), the
 * wait-for graph, and once it ends the ScenarioResult. Plain runs are ignored (the run lanes have them).
 * Events come in batches: a run's arrays are copied once per batch, so 10,000 gather tasks stay cheap.
 */
import { FINAL_STATES, type UnitState } from '../../../contract/domain.js';
import { type ScenarioOptions } from '../../../contract/host-protocol.js';
import { type ResolvedScenarioSpec, type RunEvent, type ScenarioResult, type WaitForGraph } from '../../../contract/run-events.js';

export interface StateChange {
  state: UnitState;
  /** ms after the run's start */
  tMs: number;
  /** what the unit did then ("read 0", "wrote 10"), when it said */
  note?: string;
}

export interface ScenarioRun {
  runId: string;
  spec: ResolvedScenarioSpec;
  unitNames: readonly string[];
  /** epoch ms on the engine's clock when the run started (run-started's t) */
  t0: number;
  /** per unit, by unitId: its changes of state in time order (repeats of the same state dropped) */
  units: ReadonlyArray<readonly StateChange[]>;
  /** the wait-for graph after the latest change (scenarios whose units take locks) */
  waitFor: WaitForGraph | null;
  /** the first graph that had a cycle: kept once the units are stopped and the live graph empties */
  cycleGraph: WaitForGraph | null;
  /** ms after t0 when that cycle was first seen */
  cycleSeenMs: number | null;
  /** epoch ms, once run-ended arrived */
  endedAt: number | null;
  result: ScenarioResult | null;
}

export interface ScenarioRunsState {
  /** in start order, oldest first */
  runs: readonly ScenarioRun[];
}

export const EMPTY_SCENARIO_RUNS: ScenarioRunsState = { runs: [] };
/** How many scenario runs the page keeps (ended ones beyond this are forgotten, oldest first). */
export const MAX_SCENARIO_RUNS = 8;

const isFinal = (s: UnitState): boolean => FINAL_STATES.includes(s);

/** Insert a change in time order; a repeat of the state the unit was already in changes nothing, unless it says what the unit did. */
export function insertChange(changes: StateChange[], c: StateChange): boolean {
  let i = changes.length;
  while (i > 0 && changes[i - 1].tMs > c.tMs) i--;
  if (i > 0 && changes[i - 1].state === c.state && !c.note) return false;
  // nothing follows a final state that came earlier (a late report from a unit already killed)
  if (i > 0 && isFinal(changes[i - 1].state)) return false;
  changes.splice(i, 0, c);
  return true;
}

function newRun(runId: string, spec: ResolvedScenarioSpec, unitNames: readonly string[], t0: number): ScenarioRun {
  return {
    runId,
    spec,
    unitNames,
    t0,
    units: unitNames.map(() => [{ state: 'starting', tMs: 0 }]),
    waitFor: null,
    cycleGraph: null,
    cycleSeenMs: null,
    endedAt: null,
    result: null,
  };
}

/** A run whose start this page never saw: rebuilt from its result (names in order of first appearance). */
function runOfResult(result: ScenarioResult, endedAt: number): ScenarioRun {
  const names: string[] = [];
  const seen = new Set<string>();
  for (const e of result.timeline)
    if (!seen.has(e.unit)) {
      seen.add(e.unit);
      names.push(e.unit);
    }
  const spec: ResolvedScenarioSpec = { name: result.scenario, mode: result.mode, options: result.options as ScenarioOptions };
  return newRun(result.runId, spec, names, endedAt - result.wallMs);
}

/** The result's timeline is the engine's final word: every unit's changes, rebuilt from it. */
function unitsOfResult(names: readonly string[], result: ScenarioResult): StateChange[][] {
  const index = new Map<string, number>();
  names.forEach((n, i) => index.has(n) || index.set(n, i));
  const units: StateChange[][] = names.map(() => []);
  const sorted = [...result.timeline].sort((a, b) => a.tMs - b.tMs);
  for (const e of sorted) {
    const i = index.get(e.unit);
    if (i !== undefined) insertChange(units[i], { state: e.state, tMs: e.tMs, ...(e.detail?.note !== undefined && { note: e.detail.note }) });
  }
  for (const u of units) if (u.length === 0) u.push({ state: 'starting', tMs: 0 });
  return units;
}

interface Draft {
  run: ScenarioRun;
  units: StateChange[][] | null;
  copiedUnits: Set<number>;
}

function applyEvents(state: ScenarioRunsState, events: readonly RunEvent[]): ScenarioRunsState {
  let runs = [...state.runs];
  let changed = false;
  const drafts = new Map<string, Draft>();
  const draftOf = (runId: string): Draft | null => {
    const d = drafts.get(runId);
    if (d) return d;
    const i = runs.findIndex((r) => r.runId === runId);
    if (i < 0) return null;
    const draft: Draft = { run: { ...runs[i] }, units: null, copiedUnits: new Set() };
    runs[i] = draft.run;
    drafts.set(runId, draft);
    return draft;
  };

  for (const e of events) {
    if (e.type === 'run-started') {
      if (!e.scenario || runs.some((r) => r.runId === e.runId)) continue;
      const run = newRun(e.runId, e.scenario.spec, e.scenario.unitNames, e.t);
      runs.push(run);
      drafts.set(e.runId, { run, units: null, copiedUnits: new Set() });
      changed = true;
    } else if (e.type === 'unit-state') {
      const d = draftOf(e.runId);
      if (!d) continue;
      if (e.waitFor) {
        d.run.waitFor = e.waitFor;
        if (e.waitFor.cycle && !d.run.cycleGraph) {
          d.run.cycleGraph = e.waitFor;
          d.run.cycleSeenMs = Math.max(0, e.t - d.run.t0);
        }
        changed = true;
      }
      if (e.unitId < 0 || e.unitId >= d.run.units.length) continue;
      d.units ??= [...d.run.units] as StateChange[][];
      if (!d.copiedUnits.has(e.unitId)) {
        d.units[e.unitId] = [...d.units[e.unitId]];
        d.copiedUnits.add(e.unitId);
      }
      const note = e.detail?.note;
      if (insertChange(d.units[e.unitId], { state: e.state, tMs: Math.max(0, e.t - d.run.t0), ...(note !== undefined && { note }) })) changed = true;
      d.run.units = d.units;
    } else {
      if (!e.scenario) continue;
      let d = draftOf(e.runId);
      if (!d) {
        const run = runOfResult(e.scenario, e.t);
        runs.push(run);
        d = { run, units: null, copiedUnits: new Set() };
        drafts.set(e.runId, d);
      }
      d.run.endedAt = e.t;
      d.run.result = e.scenario;
      d.run.units = unitsOfResult(d.run.unitNames, e.scenario);
      d.units = null;
      changed = true;
    }
  }
  if (!changed) return state;
  // keep every active run, and the newest ended ones up to the cap
  if (runs.length > MAX_SCENARIO_RUNS) {
    let excess = runs.length - MAX_SCENARIO_RUNS;
    runs = runs.filter((r) => {
      if (excess > 0 && r.endedAt !== null) {
        excess--;
        return false;
      }
      return true;
    });
  }
  return { runs };
}

export type ScenarioRunsAction = { type: 'events'; events: readonly RunEvent[] };

export function scenarioRunsReducer(state: ScenarioRunsState, action: ScenarioRunsAction): ScenarioRunsState {
  return action.events.length ? applyEvents(state, action.events) : state;
}

/** The run a scenario's view shows: its newest (active or last). */
export function latestRunOf(state: ScenarioRunsState, name: string): ScenarioRun | null {
  for (let i = state.runs.length - 1; i >= 0; i--) if (state.runs[i].spec.name === name) return state.runs[i];
  return null;
}

export const isRunning = (run: ScenarioRun): boolean => run.endedAt === null;
