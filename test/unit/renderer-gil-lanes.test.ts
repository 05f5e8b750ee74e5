import { describe, expect, it } from 'vitest';
import type { UnitState } from '../../contract/domain.js';
import type { GilOutcome } from '../../contract/host-protocol.js';
import type { ResolvedScenarioSpec, RunEvent, RunSummary } from '../../contract/run-events.js';
import type { RunSpec } from '../../contract/schemas.js';
import type { Snapshot } from '../../contract/snapshot.js';
import { LegMeter, coreCells, formatCores, gilLegsOf, legNow } from '../../renderer/src/state/gil-lanes.js';
import { EMPTY_SCENARIO_RUNS, scenarioRunsReducer, type ScenarioRun } from '../../renderer/src/state/scenario-runs.js';
import { outcomeText } from '../../renderer/src/state/scenario-outcome.js';

const T0 = 1_000_000;
const NAMES = ['thread 1', 'thread 2', 'process 1', 'process 2'];
const runSpec: RunSpec = { mode: 'thread', runtime: 'python', workload: 'cpu', units: 4 };
const spec: ResolvedScenarioSpec = {
  name: 'gil',
  mode: 'thread',
  runtime: 'python',
  options: { limit: 3, jobs: 7, jobSeconds: 2, tasks: 10, sleepS: 5, workload: 'io-sleep' },
};
const started: RunEvent = { type: 'run-started', runId: 'r1', spec: runSpec, t: T0, scenario: { spec, unitNames: NAMES } };
const unit = (unitId: number, state: UnitState, tMs: number): RunEvent => ({ type: 'unit-state', runId: 'r1', unitId, pid: 1, tid: 2, state, t: T0 + tMs });
const outcome = (over: Partial<GilOutcome> = {}): GilOutcome => ({
  threadsBusyCores: 0.97,
  processesBusyCores: 1.96,
  threadsBusyCoresSpread: { min: 0.93, max: 1.01 },
  processesBusyCoresSpread: { min: 1.88, max: 2 },
  freeThreadedBusyCores: null,
  freeThreaded: 'no free-threaded Python (python3.13t or newer) on PATH',
  legMs: 3000,
  ...over,
});
const ended = (o: GilOutcome | null): RunEvent => ({
  type: 'run-ended',
  runId: 'r1',
  summary: {} as RunSummary,
  t: T0 + 6200,
  scenario: {
    scenario: 'gil',
    mode: 'thread',
    runtime: 'python',
    runId: 'r1',
    options: {},
    wallMs: 6200,
    outcome: o,
    timeline: [
      ...NAMES.map((unit) => ({ unit, state: 'starting' as const, tMs: 0 })),
      { unit: 'thread 1', state: 'running', tMs: 120 },
      { unit: 'thread 2', state: 'running', tMs: 130 },
      { unit: 'thread 1', state: 'done', tMs: 3120 },
      { unit: 'thread 2', state: 'done', tMs: 3130 },
      { unit: 'process 1', state: 'running', tMs: 3150 },
      { unit: 'process 2', state: 'running', tMs: 3160 },
      { unit: 'process 1', state: 'done', tMs: 6150 },
      { unit: 'process 2', state: 'done', tMs: 6160 },
    ],
  },
});
const runOf = (events: RunEvent[]): ScenarioRun => scenarioRunsReducer(EMPTY_SCENARIO_RUNS, { type: 'events', events }).runs[0];
const snap = (t: number, units: Array<[number, number, number | null]>): Snapshot => ({
  t,
  intervalMs: 250,
  cores: [50, 50],
  memory: { totalBytes: 1, usedBytes: 1, availableBytes: 1 },
  runs: [],
  units: units.map(([unitId, cpuPct, core]) => ({ runId: 'r1', unitId, pid: 1, tid: 2, cpuPct, bytes: 1, core, state: 'running' })),
  self: { cpuPct: 0, hostsCpuPct: 0, bytes: 0 },
});

describe('gil lanes', () => {
  it('groups the units into the threads leg and the processes leg, each with its phase', () => {
    const legs = gilLegsOf(runOf([started, unit(0, 'running', 120), unit(1, 'running', 130)]));
    expect(legs.map((l) => [l.key, l.title, l.phase, l.units.map((u) => u.name)])).toEqual([
      ['threads', '2 Python threads', 'running', ['thread 1', 'thread 2']],
      ['processes', '2 Python processes', 'waiting', ['process 1', 'process 2']],
    ]);
    expect(legs[0].startMs).toBe(120);
    expect(legs[0].busyCores).toBeNull();
  });

  it('takes each leg’s figure from the outcome, and adds the free-threaded leg only when it ran', () => {
    const legs = gilLegsOf(runOf([started, ended(outcome())]));
    expect(legs.map((l) => [l.key, l.phase, l.busyCores, l.startMs, l.endMs])).toEqual([
      ['threads', 'done', 0.97, 120, 3130],
      ['processes', 'done', 1.96, 3150, 6160],
    ]);
    expect(legs.map((l) => l.busySpread)).toEqual([
      { min: 0.93, max: 1.01 },
      { min: 1.88, max: 2 },
    ]);
    const free = gilLegsOf(runOf([started, ended(outcome({ freeThreadedBusyCores: 1.9, freeThreaded: '/usr/bin/python3.13t' }))]));
    expect(free.map((l) => l.key)).toEqual(['threads', 'processes', 'free-threaded']);
    expect(free[2]).toMatchObject({ title: '2 free-threaded Python threads', busyCores: 1.9 });
    expect(free[2].words).toContain('/usr/bin/python3.13t');
  });

  it('sums a running leg’s units from the snapshot, in cores', () => {
    const run = runOf([started, unit(0, 'running', 120), unit(1, 'running', 130)]);
    const [threads, processes] = gilLegsOf(run);
    const now = legNow(snap(T0 + 1000, [[0, 49, 0], [1, 50, 1], [2, 0, null]]), 'r1', threads);
    expect(now?.busyCores).toBeCloseTo(0.99);
    expect(now?.perUnit.get(1)).toEqual({ cpuPct: 50, core: 1 });
    expect(legNow(snap(T0 + 1000, [[0, 49, 0]]), 'r1', processes)).toBeNull();
    expect(legNow(null, 'r1', threads)).toBeNull();
  });

  it('averages the live figure over the samples, each once, without a unit’s first 0 % reading', () => {
    const m = new LegMeter();
    m.add('threads', 1, 0);
    expect(m.mean('threads')).toBeNull();
    m.add('threads', 2, 1);
    m.add('threads', 2, 1); // the same snapshot, drawn again
    m.add('threads', 3, 0.9);
    expect(m.mean('threads')).toBeCloseTo(0.95);
    expect(m.mean('processes')).toBeNull();
  });

  it('fills boxes of one core each, and words the banner as the article does', () => {
    expect(coreCells(0.97, 2)).toEqual([0.97, 0]);
    expect(coreCells(1.96, 2).map((v) => Number(v.toFixed(2)))).toEqual([1, 0.96]);
    expect(formatCores(1)).toBe('1.00 core');
    expect(formatCores(0.97)).toBe('0.97 cores');
    const text = outcomeText(spec, runOf([started, ended(outcome())]).result);
    expect(`${text.expected} ${text.actual}`).toBe(
      "The article: Python threads don't run in parallel (the GIL) — processes do. Here: threads used 0.97 cores (0.93–1.01 per half second), processes 1.96 cores (1.88–2.00 per half second).",
    );
    // a recording made before the spread was measured words it without one
    const old = outcomeText(spec, runOf([started, ended(outcome({ threadsBusyCoresSpread: undefined, processesBusyCoresSpread: null }))]).result);
    expect(old.actual).toBe('Here: threads used 0.97 cores, processes 1.96 cores.');
    expect(text.verdict).toBe('agrees');
    expect(outcomeText(spec, runOf([started, ended(outcome({ processesBusyCores: 0.98 }))]).result).verdict).toBe('differs');
  });
});
