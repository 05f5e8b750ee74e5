import { describe, expect, it } from 'vitest';
import type { UnitState } from '../../contract/domain.js';
import type { ResolvedScenarioSpec } from '../../contract/run-events.js';
import { insertChange, type ScenarioRun, type StateChange } from '../../renderer/src/state/scenario-runs.js';
import {
  MAX_LANES,
  deadlockMark,
  formatSeconds,
  laneSegments,
  lanesOf,
  lostTimeOf,
  maxConcurrent,
  permitMs,
  restCounts,
  spanOf,
  stateClass,
  timeTicks,
  wavesOf,
} from '../../renderer/src/state/scenario-timeline.js';

const ch = (...pairs: Array<[UnitState, number]>): StateChange[] => pairs.map(([state, tMs]) => ({ state, tMs }));
const spec = (name: ResolvedScenarioSpec['name']): ResolvedScenarioSpec => ({
  name,
  mode: 'thread',
  options: { limit: 3, jobs: 7, jobSeconds: 2, tasks: 10, sleepS: 5, workload: 'io-sleep' },
});
const run = (name: ResolvedScenarioSpec['name'], units: StateChange[][], over: Partial<ScenarioRun> = {}): ScenarioRun => ({
  runId: 'r1',
  spec: spec(name),
  unitNames: units.map((_, i) => `job ${i}`),
  t0: 0,
  units,
  waitFor: null,
  cycleGraph: null,
  cycleSeenMs: null,
  endedAt: null,
  result: null,
  ...over,
});

/** The semaphore's job i: waits until its wave's permit, sleeps 2 s holding it (a wait, not running), done. */
const job = (permit: number): StateChange[] =>
  ch(['starting', 0], ['running', 190], ['waiting(semaphore)', 200], ['running', permit], ['waiting(io)', permit], ['done', permit + 2000]);

describe('timeline lanes', () => {
  it('turns changes into segments up to now, a final state into a mark', () => {
    expect(laneSegments(ch(['starting', 0], ['running', 100], ['waiting(io)', 300]), 500)).toEqual([
      { state: 'starting', startMs: 0, endMs: 100 },
      { state: 'running', startMs: 100, endMs: 300 },
      { state: 'waiting(io)', startMs: 300, endMs: 500 },
    ]);
    expect(laneSegments(ch(['running', 0], ['done', 50], ['running', 60]), 500).at(-1)).toEqual({ state: 'done', startMs: 50, endMs: 50 });
  });

  it("reads a job's permit as its first state after waiting(semaphore) that says it got one", () => {
    expect(permitMs(job(2200))).toBe(2200);
    expect(permitMs(ch(['running', 10]))).toBeNull();
    // the permit's 'running' and the sleep's 'waiting(io)' in one batch: the wait still marks the permit
    expect(permitMs(ch(['waiting(semaphore)', 200], ['waiting(io)', 2210], ['done', 4210]))).toBe(2210);
    // stopped while it waited: never got one
    expect(permitMs(ch(['waiting(semaphore)', 200], ['cancelled', 900]))).toBeNull();
  });

  it('draws a job that sleeps with its permit as waiting, not running', () => {
    const segs = laneSegments(job(2200), 5000);
    expect(segs.filter((s) => s.state === 'running' && s.startMs >= 2200)).toEqual([]);
    expect(segs.find((s) => s.startMs === 2200)).toEqual({ state: 'waiting(io)', startMs: 2200, endMs: 4200 });
  });

  it('sorts semaphore lanes by permit, and finds three waves 2 s apart', () => {
    const permits = [2200, 200, 4200, 200, 2210, 205, 2205];
    const r = run('semaphore', permits.map(job));
    expect(lanesOf(r, 7000).map((l) => l.permitMs)).toEqual([200, 200, 205, 2200, 2205, 2210, 4200]);
    expect(wavesOf(r)).toEqual([
      { startMs: 200, jobs: 3 },
      { startMs: 2200, jobs: 3 },
      { startMs: 4200, jobs: 1 },
    ]);
    const held = lanesOf(r, 7000).map((l) => l.segments.find((s) => s.state === 'waiting(io)' && s.startMs === l.permitMs) ?? { startMs: 0, endMs: 0 });
    expect(maxConcurrent(held)).toBe(3);
  });

  it('keeps other scenarios in unit order, with no waves', () => {
    const r = run('race', [ch(['running', 50]), ch(['running', 10])]);
    expect(lanesOf(r, 100).map((l) => l.unitId)).toEqual([0, 1]);
    expect(wavesOf(r)).toEqual([]);
  });

  it('keeps what each unit said it did, in order: the race\'s reads and writes', () => {
    const said: StateChange[] = [];
    insertChange(said, { state: 'starting', tMs: 0 });
    insertChange(said, { state: 'waiting(io)', tMs: 10, note: 'read 0' });
    insertChange(said, { state: 'running', tMs: 110 });
    // the same state again, but with news: kept
    expect(insertChange(said, { state: 'running', tMs: 111, note: 'wrote 10' })).toBe(true);
    expect(insertChange(said, { state: 'running', tMs: 112 })).toBe(false);
    const r = run('race', [said, ch(['running', 10])]);
    expect(lanesOf(r, 200).map((l) => l.notes)).toEqual([['read 0', 'wrote 10'], []]);
  });

  it('counts the lanes past the drawn ones by state', () => {
    const many = Array.from({ length: MAX_LANES + 5 }, (_, i) => ch(['starting', 0], [i % 2 ? 'done' : 'waiting(io)', 10]));
    const lanes = lanesOf(run('gather', many), 100);
    expect(restCounts(lanes)).toEqual([
      { state: 'waiting(io)', count: 3 },
      { state: 'done', count: 2 },
    ]);
  });

  it('spans start → now while running, start → wall time once ended', () => {
    const r = run('race', [ch(['running', 50])], { t0: 1000 });
    expect(spanOf(r, 3500)).toBe(2500);
    const done = { ...r, endedAt: 5000, result: { scenario: 'race', mode: 'thread', runId: 'r1', options: {}, wallMs: 4000, outcome: null, timeline: [] } } as ScenarioRun;
    expect(spanOf(done, 99_999)).toBe(4000);
  });

  it('marks the deadlock at its detection', () => {
    const r = run('deadlock', [ch(['running', 0])], { cycleSeenMs: 1200 });
    expect(deadlockMark(r)).toEqual({ atMs: 1200, words: 'cycle · 1.2 s' });
    const ended = {
      ...r,
      result: { scenario: 'deadlock', mode: 'thread', runId: 'r1', options: {}, wallMs: 1700, outcome: { deadlocked: true, cycle: [], detectedMs: 1440.3 }, timeline: [] },
    } as ScenarioRun;
    expect(deadlockMark(ended)?.words).toBe('deadlock detected · 1.44 s');
    expect(deadlockMark(run('race', []))).toBeNull();
  });
});

describe('time axis', () => {
  it('ticks a round number of seconds apart', () => {
    expect(timeTicks(7000, 8)).toEqual([0, 1000, 2000, 3000, 4000, 5000, 6000, 7000]);
    expect(timeTicks(1700, 8)).toEqual([0, 500, 1000, 1500]);
    expect(timeTicks(60_000, 6)).toEqual([0, 10_000, 20_000, 30_000, 40_000, 50_000, 60_000]);
    expect(timeTicks(60_000, 5)).toEqual([0, 15_000, 30_000, 45_000, 60_000]);
  });
  it('says seconds', () => {
    expect(formatSeconds(0)).toBe('0 s');
    expect(formatSeconds(2000)).toBe('2 s');
    expect(formatSeconds(1440.3)).toBe('1.44 s');
    expect(formatSeconds(12_345)).toBe('12.3 s');
  });
  it('names states for CSS', () => {
    expect(stateClass('waiting(semaphore)')).toBe('waiting-semaphore');
    expect(stateClass('done')).toBe('done');
  });
});

describe('first-completed lost time', () => {
  it('places what the cancel took from hello after its cancel mark; nothing while it runs or in other scenarios', () => {
    const units = [ch(['starting', 0], ['waiting(io)', 40], ['cancelled', 2030]), ch(['starting', 0], ['waiting(io)', 40], ['done', 2020])];
    const ended = { unitNames: ['hello', 'bye'], endedAt: 2100 };
    const outcome = { winner: 'bye', cancelled: ['hello'], wallMs: 2020, lostMs: { hello: 2980 } };
    const result = { scenario: 'first-completed' as const, mode: 'thread' as const, runId: 'r1', options: {}, wallMs: 2040, outcome, timeline: [] };
    expect(lostTimeOf(run('first-completed', units, { ...ended, result }))).toEqual([{ unit: 'hello', fromMs: 2030, toMs: 5010 }]);
    expect(lostTimeOf(run('first-completed', units, { unitNames: ['hello', 'bye'] }))).toEqual([]);
    expect(lostTimeOf(run('race', units, { ...ended, result: { ...result, scenario: 'race' } }))).toEqual([]);
    // an older recording's outcome has no lostMs
    expect(lostTimeOf(run('first-completed', units, { ...ended, result: { ...result, outcome: { winner: 'bye', cancelled: ['hello'], wallMs: 2020 } } }))).toEqual([]);
  });
});
