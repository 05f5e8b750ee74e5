import { describe, expect, it } from 'vitest';
import type { UnitState } from '../../contract/domain.js';
import type { RunEvent, RunSummary } from '../../contract/run-events.js';
import type { RunSpec } from '../../contract/schemas.js';
import type { UnitSample } from '../../contract/snapshot.js';
import { laneDetail, laneStatus, laneTitle, progressOf } from '../../renderer/src/state/progress.js';
import { fallbackColor, pickColor, runNumber } from '../../renderer/src/state/run-colors.js';
import { runTotals } from '../../renderer/src/state/run-totals.js';
import { aggregateSamples } from '../../lib/run-aggregates.js';
import { EMPTY_RUNS, EMPTY_SHAPE, colorOf, runsReducer, runsShape, type RunsState } from '../../renderer/src/state/runs.js';

const spec = (over: Partial<RunSpec> = {}): RunSpec => ({ mode: 'process', runtime: 'node', workload: 'cpu', units: 2, durationS: 10, ...over });
const started = (runId: string, t = 1000, s = spec()): RunEvent => ({ type: 'run-started', runId, spec: s, t });
const unit = (runId: string, unitId: number, state: UnitState, t = 1100): RunEvent => ({
  type: 'unit-state',
  runId,
  unitId,
  pid: 100 + unitId,
  tid: null,
  state,
  t,
});
const summary = (runId: string, over: Partial<RunSummary> = {}): RunSummary => ({
  runId,
  mode: 'thread',
  runtime: 'node',
  workload: 'cpu',
  units: 2,
  wallMs: 5000,
  cpuMs: 9000,
  cores: { count: 2, busyPct: [90, 90] },
  memory: { peakTotalBytes: 1, baselineBytes: 1, perUnitBytes: 1, measure: 'pss' },
  spawn: { p50Ms: 10, maxMs: 20 },
  unitResults: [
    { id: 0, pid: 1, tid: 2, cpuMs: 1, peakBytes: 1, startMs: 0, endMs: 1, state: 'done' },
    { id: 1, pid: 1, tid: 3, cpuMs: 1, peakBytes: 1, startMs: 0, endMs: 1, state: 'killed' },
  ],
  ...over,
});
const events = (state: RunsState, ...evs: RunEvent[]) => runsReducer(state, { type: 'events', events: evs });

describe('run lanes reducer', () => {
  it('adds a lane per started run, in start order, each with its own colour', () => {
    const s = events(EMPTY_RUNS, started('r1'), started('r2'), started('r3'));
    expect(s.lanes.map((l) => l.runId)).toEqual(['r1', 'r2', 'r3']);
    expect(new Set(s.lanes.map((l) => l.color)).size).toBe(3);
  });

  it('counts unit states and the units that ended, without touching the previous state', () => {
    const s1 = events(EMPTY_RUNS, started('r1'));
    const s2 = events(s1, unit('r1', 0, 'running'), unit('r1', 1, 'running'), unit('r1', 0, 'done'));
    expect(s2.lanes[0].counts).toEqual({ running: 1, done: 1 });
    expect(s2.lanes[0].unitsEnded).toBe(1);
    expect(s1.lanes[0].counts).toEqual({});
    expect(s1.lanes[0].unitStates[0]).toBe(0);
  });

  it('ignores unit states of runs it never saw start and unit ids out of range', () => {
    const s1 = events(EMPTY_RUNS, started('r1'));
    const s2 = events(s1, unit('r9', 0, 'running'), unit('r1', 7, 'running'));
    expect(s2.lanes).toHaveLength(1);
    expect(s2.lanes[0].counts).toEqual({});
  });

  it('keeps an ended run with its summary, whose unit results are the final states', () => {
    const s = events(EMPTY_RUNS, started('r1'), unit('r1', 0, 'running'), { type: 'run-ended', runId: 'r1', summary: summary('r1'), t: 6000 });
    const lane = s.lanes[0];
    expect(lane.endedAt).toBe(6000);
    expect(lane.summary?.wallMs).toBe(5000);
    expect(lane.counts).toEqual({ done: 1, killed: 1 });
    expect(lane.unitsEnded).toBe(2);
  });

  it('builds a lane from the summary of a run that ended before the page saw it start', () => {
    const s = events(EMPTY_RUNS, { type: 'run-ended', runId: 'r4', summary: summary('r4'), t: 9000 });
    expect(s.lanes[0].spec).toEqual({ mode: 'thread', runtime: 'node', workload: 'cpu', units: 2 });
    expect(s.lanes[0].startedAt).toBe(4000);
  });

  it('shows a launched run at once and lets run-started correct its start time', () => {
    const s1 = runsReducer(EMPTY_RUNS, { type: 'launched', runId: 'r1', spec: spec(), t: 1234 });
    expect(s1.lanes).toHaveLength(1);
    const s2 = events(s1, started('r1', 1200));
    expect(s2.lanes).toHaveLength(1);
    expect(s2.lanes[0].startedAt).toBe(1200);
    // and a late "launched" for a run already shown changes nothing
    expect(runsReducer(s2, { type: 'launched', runId: 'r1', spec: spec(), t: 5 })).toBe(s2);
  });

  it('dismisses only ended lanes, and prunes ended lanes by age and by count', () => {
    let s = events(EMPTY_RUNS, started('r1'), started('r2'), started('r3'));
    s = events(s, { type: 'run-ended', runId: 'r1', summary: summary('r1'), t: 1000 }, { type: 'run-ended', runId: 'r2', summary: summary('r2'), t: 5000 });
    expect(runsReducer(s, { type: 'dismiss', runId: 'r3' })).toBe(s);
    expect(runsReducer(s, { type: 'dismiss', runId: 'r1' }).lanes.map((l) => l.runId)).toEqual(['r2', 'r3']);
    expect(runsReducer(s, { type: 'prune', now: 5500, keepMs: 1000, maxEnded: 8 }).lanes.map((l) => l.runId)).toEqual(['r2', 'r3']);
    expect(runsReducer(s, { type: 'prune', now: 5500, keepMs: 60_000, maxEnded: 1 }).lanes.map((l) => l.runId)).toEqual(['r2', 'r3']);
    expect(runsReducer(s, { type: 'prune', now: 5500, keepMs: 60_000, maxEnded: 8 })).toBe(s);
  });

  it('colours a run without a lane from its number', () => {
    expect(colorOf(EMPTY_RUNS, 'r3')).toBe(2);
  });
});

describe('run colours', () => {
  it('starts from the run number and skips colours in use', () => {
    expect(runNumber('r12')).toBe(12);
    expect(fallbackColor('r1')).toBe(0);
    expect(fallbackColor('r9')).toBe(0);
    expect(pickColor('r9', new Set([0]))).toBe(1);
    expect(pickColor('r2', new Set([0, 2, 3]))).toBe(1);
  });
});

describe('progress', () => {
  const lane = (over: Partial<RunSpec> = {}) => events(EMPTY_RUNS, started('r1', 1000, spec(over))).lanes[0];

  it('goes by time for a duration-based run', () => {
    const p = progressOf(lane({ durationS: 10 }), 1000 + 2500);
    expect(p).toMatchObject({ fraction: 0.25, basis: 'time', elapsedMs: 2500, remainingMs: 7500, estimated: false });
  });

  it('uses the hosts’ default duration when neither duration nor work is given', () => {
    const p = progressOf(lane({ durationS: undefined }), 1000 + 2500);
    expect(p.fraction).toBeCloseTo(0.5);
  });

  it('goes by units ended for a work-based run and estimates what is left', () => {
    const l0 = lane({ durationS: undefined, work: 100, units: 4 });
    expect(progressOf(l0, 3000)).toMatchObject({ fraction: 0, basis: 'units', remainingMs: null });
    const s = events({ lanes: [l0] }, unit('r1', 0, 'done'));
    expect(progressOf(s.lanes[0], 3000)).toMatchObject({ fraction: 0.25, remainingMs: 6000, estimated: true });
  });

  it('is complete once the run has ended, with the summary’s wall time', () => {
    const allDone = summary('r1', { unitResults: [{ id: 0, pid: 1, tid: 2, cpuMs: 1, peakBytes: 1, startMs: 0, endMs: 1, state: 'done' }] });
    const s = events({ lanes: [lane()] }, { type: 'run-ended', runId: 'r1', summary: allDone, t: 7000 });
    expect(progressOf(s.lanes[0], 99_999)).toMatchObject({ fraction: 1, elapsedMs: 5000, remainingMs: 0 });
  });

  it('a run stopped early shows how far it got, not 100 %, and says stopped', () => {
    const stopped = summary('r1', { wallMs: 2000 }); // one unit killed
    const byTime = events({ lanes: [lane({ durationS: 10 })] }, { type: 'run-ended', runId: 'r1', summary: stopped, t: 3000 });
    expect(progressOf(byTime.lanes[0], 99_999)).toMatchObject({ fraction: 0.2, elapsedMs: 2000, remainingMs: 0 });
    expect(laneStatus(byTime.lanes[0], true, false)).toBe('stopped');
    const byWork = events({ lanes: [lane({ durationS: undefined, work: 100, units: 2 })] }, { type: 'run-ended', runId: 'r1', summary: stopped, t: 3000 });
    expect(progressOf(byWork.lanes[0], 99_999).fraction).toBe(0.5); // one of two units done
    const finished = summary('r1', { unitResults: [{ id: 0, pid: 1, tid: 2, cpuMs: 1, peakBytes: 1, startMs: 0, endMs: 1, state: 'done' }] });
    const whole = events({ lanes: [lane({ durationS: 10 })] }, { type: 'run-ended', runId: 'r1', summary: finished, t: 3000 });
    expect(progressOf(whole.lanes[0], 99_999).fraction).toBe(1);
    expect(laneStatus(whole.lanes[0], true, false)).toBe('ended');
  });

  it('titles a lane the way people say it', () => {
    expect(laneTitle(spec({ mode: 'async', workload: 'io-sleep', units: 10000 }))).toBe('async · io-sleep × 10,000');
    expect(laneDetail(spec({ workload: 'mem', durationS: 3 }))).toBe('64 MB per unit, 3 s each');
    expect(laneDetail(spec({ durationS: undefined, work: 400 }))).toBe('work 400 blocks, split');
  });
});

describe('the lanes’ shape (what the views that ignore unit states redraw on)', () => {
  it('stays the same object while only units change, and changes when a run starts, ends, is dismissed or lost', () => {
    const s1 = events(EMPTY_RUNS, started('r1'));
    const shape1 = runsShape(EMPTY_SHAPE, s1);
    expect(shape1).not.toBe(EMPTY_SHAPE);
    expect(shape1.lanes).toEqual([{ runId: 'r1', spec: spec(), startedAt: 1000, color: s1.lanes[0].color, endedAt: null, summary: null, lost: false, watch: null }]);
    expect(runsShape(EMPTY_SHAPE, EMPTY_RUNS)).toBe(EMPTY_SHAPE);

    // 10,000 units' worth of states in batches: the shape does not move
    let s = s1;
    for (let b = 0; b < 5; b++) s = events(s, unit('r1', 0, 'running', 1100 + b), unit('r1', 1, 'waiting(io)', 1100 + b));
    expect(s).not.toBe(s1);
    expect(runsShape(shape1, s)).toBe(shape1);

    const s2 = events(s, started('r2'));
    const shape2 = runsShape(shape1, s2);
    expect(shape2.lanes.map((l) => l.runId)).toEqual(['r1', 'r2']);

    const ended = events(s2, { type: 'run-ended', runId: 'r1', t: 6000, summary: summary('r1') });
    const shape3 = runsShape(shape2, ended);
    expect(shape3).not.toBe(shape2);
    expect(shape3.lanes[0]).toMatchObject({ endedAt: 6000, summary: summary('r1') });

    const dismissed = runsReducer(ended, { type: 'dismiss', runId: 'r1' });
    expect(runsShape(shape3, dismissed).lanes.map((l) => l.runId)).toEqual(['r2']);
    const lost = runsReducer(dismissed, { type: 'lost', liveRunIds: new Set(), t: 7000 });
    expect(runsShape(runsShape(shape3, dismissed), lost).lanes[0]).toMatchObject({ runId: 'r2', lost: true, endedAt: 7000 });
  });

  it('gives the colours colorOf gives from the whole state', () => {
    const s = events(EMPTY_RUNS, started('r1'), started('r2'));
    const shape = runsShape(EMPTY_SHAPE, s);
    expect(['r1', 'r2', 'r9'].map((id) => colorOf(shape, id))).toEqual(['r1', 'r2', 'r9'].map((id) => colorOf(s, id)));
  });
});

describe('runTotals', () => {
  const u = (runId: string, unitId: number, cpuPct: number, bytes: number, core: number | null, state: UnitSample['state'] = 'running'): UnitSample => ({
    runId,
    unitId,
    pid: 1,
    tid: null,
    cpuPct,
    bytes,
    core,
    state,
  });

  it('sums CPU (of one core) and bytes per run and counts live units and their cores', () => {
    const units = [u('r1', 0, 100, 10, 0), u('r1', 1, 98, 20, 1), u('r2', 0, 0.5, 5, 1), u('r1', 2, 0, 1, 1, 'done')];
    const t = runTotals(aggregateSamples(units, () => 'thread'));
    expect(t.get('r1')).toEqual({ cpuPct: 198, bytes: 30, live: 2, cores: 2 });
    expect(t.get('r2')).toEqual({ cpuPct: 0.5, bytes: 5, live: 1, cores: 1 });
  });
});
