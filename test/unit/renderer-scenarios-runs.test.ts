import { describe, expect, it } from 'vitest';
import type { UnitState } from '../../contract/domain.js';
import type { ResolvedScenarioSpec, RunEvent, RunSummary, ScenarioResult, WaitForGraph } from '../../contract/run-events.js';
import type { RunSpec } from '../../contract/schemas.js';
import { EMPTY_SCENARIO_RUNS, MAX_SCENARIO_RUNS, insertChange, latestRunOf, scenarioRunsReducer, type ScenarioRunsState, type StateChange } from '../../renderer/src/state/scenario-runs.js';
import { ScenarioStore, SCENARIO_BATCH_MS } from '../../renderer/src/state/scenario-store.js';

const T0 = 1_000_000;
const runSpec: RunSpec = { mode: 'thread', runtime: 'node', workload: 'io-sleep', units: 2 };
const sspec = (name: ResolvedScenarioSpec['name'] = 'deadlock'): ResolvedScenarioSpec => ({
  name,
  mode: 'thread',
  options: { limit: 3, jobs: 7, jobSeconds: 2, tasks: 10, sleepS: 5, workload: 'io-sleep' },
});
const started = (runId: string, name: ResolvedScenarioSpec['name'] = 'deadlock', names = ['function_a', 'function_b']): RunEvent => ({
  type: 'run-started',
  runId,
  spec: runSpec,
  t: T0,
  scenario: { spec: sspec(name), unitNames: names },
});
const unit = (runId: string, unitId: number, state: UnitState, tMs: number, waitFor?: WaitForGraph): RunEvent => ({
  type: 'unit-state',
  runId,
  unitId,
  pid: 1,
  tid: 2,
  state,
  t: T0 + tMs,
  ...(waitFor && { waitFor }),
});
const summary = (runId: string): RunSummary => ({
  runId,
  mode: 'thread',
  runtime: 'node',
  workload: 'io-sleep',
  units: 2,
  wallMs: 1700,
  cpuMs: 10,
  cores: { count: 2, busyPct: [1, 1] },
  memory: { peakTotalBytes: 1, baselineBytes: 1, perUnitBytes: 1, measure: 'pss' },
  spawn: { p50Ms: 1, maxMs: 1 },
  unitResults: [],
});
const ended = (runId: string, result: Partial<ScenarioResult> = {}): RunEvent => ({
  type: 'run-ended',
  runId,
  summary: summary(runId),
  t: T0 + 1700,
  scenario: {
    scenario: 'deadlock',
    mode: 'thread',
    runId,
    options: {},
    wallMs: 1700,
    outcome: { deadlocked: true, cycle: ['function_a holds A, waits B', 'function_b holds B, waits A'], detectedMs: 1500 },
    timeline: [
      { unit: 'function_a', state: 'starting', tMs: 0 },
      { unit: 'function_b', state: 'starting', tMs: 0 },
      { unit: 'function_a', state: 'running', tMs: 100 },
      { unit: 'function_b', state: 'running', tMs: 110 },
      { unit: 'function_b', state: 'waiting(lock)', tMs: 120 },
      { unit: 'function_a', state: 'waiting(lock)', tMs: 1100 },
      { unit: 'function_a', state: 'killed', tMs: 1690 },
      { unit: 'function_b', state: 'killed', tMs: 1700 },
    ],
    ...result,
  },
});
const reduce = (events: RunEvent[], state: ScenarioRunsState = EMPTY_SCENARIO_RUNS) => scenarioRunsReducer(state, { type: 'events', events });

const CYCLE: WaitForGraph = {
  units: [
    { unit: 'function_a', holds: ['A'], waitsFor: 'B' },
    { unit: 'function_b', holds: ['B'], waitsFor: 'A' },
  ],
  cycle: ['function_a', 'function_b'],
};

describe('scenario runs reducer', () => {
  it('keeps scenario runs only, with their unit names and start', () => {
    const plain: RunEvent = { type: 'run-started', runId: 'r1', spec: runSpec, t: T0 };
    const s = reduce([plain, started('r2')]);
    expect(s.runs.map((r) => r.runId)).toEqual(['r2']);
    expect(s.runs[0].unitNames).toEqual(['function_a', 'function_b']);
    expect(s.runs[0].units).toEqual([[{ state: 'starting', tMs: 0 }], [{ state: 'starting', tMs: 0 }]]);
    expect(s.runs[0].t0).toBe(T0);
  });

  it('orders changes by time, drops repeats, and keeps the old state untouched', () => {
    const s1 = reduce([started('r1'), unit('r1', 0, 'running', 100)]);
    const s2 = reduce([unit('r1', 0, 'waiting(lock)', 300), unit('r1', 0, 'waiting(io)', 200), unit('r1', 0, 'waiting(lock)', 300)], s1);
    expect(s2.runs[0].units[0].map((c) => c.state)).toEqual(['starting', 'running', 'waiting(io)', 'waiting(lock)']);
    expect(s1.runs[0].units[0]).toHaveLength(2);
    expect(s2.runs[0].units[1]).toBe(s1.runs[0].units[1]); // unit 1 did not change: not copied
  });

  it('ignores events of runs it never saw start and unit ids out of range', () => {
    const s1 = reduce([started('r1')]);
    expect(reduce([unit('r9', 0, 'running', 10), unit('r1', 5, 'running', 10)], s1)).toBe(s1);
  });

  it('keeps the first graph with a cycle after the units are stopped', () => {
    const empty: WaitForGraph = { units: [], cycle: null };
    const s = reduce([started('r1'), unit('r1', 0, 'waiting(lock)', 1100, CYCLE), unit('r1', 0, 'killed', 1690, empty)]);
    expect(s.runs[0].waitFor).toEqual(empty);
    expect(s.runs[0].cycleGraph).toEqual(CYCLE);
    expect(s.runs[0].cycleSeenMs).toBe(1100);
  });

  it('takes the result at the end, rebuilding the units from its timeline', () => {
    const s = reduce([started('r1'), unit('r1', 0, 'running', 100), ended('r1')]);
    const run = s.runs[0];
    expect(run.endedAt).toBe(T0 + 1700);
    expect(run.result?.outcome).toMatchObject({ deadlocked: true });
    expect(run.units[1].map((c) => c.state)).toEqual(['starting', 'running', 'waiting(lock)', 'killed']);
  });

  it('builds a run from its result when the page never saw it start', () => {
    const s = reduce([ended('r3')]);
    expect(s.runs[0].unitNames).toEqual(['function_a', 'function_b']);
    expect(s.runs[0].t0).toBe(T0);
    expect(s.runs[0].units[0].at(-1)).toEqual({ state: 'killed', tMs: 1690 });
  });

  it('forgets the oldest ended runs beyond the cap, never an active one', () => {
    const events: RunEvent[] = [started('r0')];
    for (let i = 1; i <= MAX_SCENARIO_RUNS + 2; i++) events.push(started(`r${i}`), ended(`r${i}`));
    const s = reduce(events);
    expect(s.runs).toHaveLength(MAX_SCENARIO_RUNS);
    expect(s.runs[0].runId).toBe('r0');
    expect(s.runs.at(-1)?.runId).toBe(`r${MAX_SCENARIO_RUNS + 2}`);
  });

  it('finds the latest run of a scenario', () => {
    const s = reduce([started('r1', 'semaphore', ['job 0']), started('r2'), started('r3', 'semaphore', ['job 0'])]);
    expect(latestRunOf(s, 'semaphore')?.runId).toBe('r3');
    expect(latestRunOf(s, 'race')).toBeNull();
  });

  it('adds nothing after a final state', () => {
    const changes: StateChange[] = [{ state: 'done', tMs: 10 }];
    expect(insertChange(changes, { state: 'running', tMs: 20 })).toBe(false);
    expect(changes).toHaveLength(1);
  });
});

describe('ScenarioStore', () => {
  it('reduces events in batches and tells listeners once per batch', () => {
    const timers: Array<[() => void, number]> = [];
    const store = new ScenarioStore((fn, ms) => void timers.push([fn, ms]));
    let calls = 0;
    store.subscribe(() => calls++);
    store.ingest(started('r1'));
    store.ingest(unit('r1', 0, 'running', 100));
    expect(timers).toHaveLength(1);
    expect(timers[0][1]).toBe(SCENARIO_BATCH_MS);
    expect(store.get().runs).toHaveLength(0);
    timers[0][0]();
    expect(calls).toBe(1);
    expect(store.get().runs[0].units[0]).toHaveLength(2);
  });
});
