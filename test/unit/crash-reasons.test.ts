/** A unit or host that dies on its own says why: the reason's wording, its place in the lanes and the table. */
import { describe, expect, it } from 'vitest';
import type { RunEvent, RunSummary, UnitResult } from '../../contract/run-events.js';
import { runSummaryTable } from '../../main/cli/summary-table.js';
import { exitReason } from '../../main/engine/runs/run.js';
import { EMPTY_RUNS, MAX_CRASHES, runsReducer } from '../../renderer/src/state/runs.js';

const NODE_TRACE = `file:///x/dist/workloads/hosts/loop-host.mjs:117
    throw new Error("boom");
    ^

Error: boom
    at Timeout._onTimeout (file:///x/loop-host.mjs:117:11)
    at listOnTimeout (node:internal/timers:581:17)

Node.js v20.19.0
`;
const PY_TRACE = `Traceback (most recent call last):
  File "/x/host.py", line 60, in <module>
    main()
  File "/x/fault.py", line 21, in crash
    raise RuntimeError('boom')
RuntimeError: boom
`;

describe('exitReason', () => {
  it('says the signal that killed a host, and nothing more when it wrote nothing', () => {
    expect(exitReason(null, 'SIGKILL', '')).toBe('killed by SIGKILL');
  });
  it("quotes a Node crash's message and the line that threw, not its stack frames", () => {
    expect(exitReason(1, null, NODE_TRACE)).toBe('exit code 1: file:///x/dist/workloads/hosts/loop-host.mjs:117 | throw new Error("boom"); | Error: boom');
  });
  it("ends with a Python traceback's exception line", () => {
    expect(exitReason(1, null, PY_TRACE)).toMatch(/^exit code 1: .*\| RuntimeError: boom$/);
  });
});

const result = (id: number, state: UnitResult['state'], reason?: string): UnitResult => ({
  id,
  pid: 1,
  tid: null,
  cpuMs: 0,
  peakBytes: 0,
  startMs: 0,
  endMs: 1,
  state,
  ...(reason && { reason }),
});

describe('a crash in the lanes', () => {
  const units = 8;
  const started: RunEvent = { type: 'run-started', runId: 'r1', spec: { mode: 'async', runtime: 'node', workload: 'cpu', units }, t: 0 };
  const failed = (unitId: number): RunEvent => ({ type: 'unit-state', runId: 'r1', unitId, pid: 9, tid: null, state: 'failed', t: 1, reason: `boom ${unitId}` });

  it('keeps the reasons of the first few units that failed, once each', () => {
    const state = runsReducer(EMPTY_RUNS, { type: 'events', events: [started, ...Array.from({ length: units }, (_, i) => failed(i)), failed(0)] });
    const crashes = state.lanes[0].crashes;
    expect(crashes).toHaveLength(MAX_CRASHES);
    expect(crashes[0]).toEqual({ unitId: 0, state: 'failed', reason: 'boom 0' });
    expect(state.lanes[0].counts.failed).toBe(units);
  });

  it("takes the reasons of a run's summary too, and none for units that ended well", () => {
    const summary = { unitResults: [result(0, 'done'), result(1, 'killed', 'killed by SIGKILL')] } as RunSummary;
    const state = runsReducer(EMPTY_RUNS, { type: 'events', events: [started, { type: 'run-ended', runId: 'r1', summary, t: 2 }] });
    expect(state.lanes[0].crashes).toEqual([{ unitId: 1, state: 'killed', reason: 'killed by SIGKILL' }]);
  });
});

describe('a crash in the CLI table', () => {
  it('prints each reason under the units', () => {
    const s: RunSummary = {
      runId: 'r1',
      mode: 'thread',
      runtime: 'node',
      workload: 'cpu',
      units: 2,
      wallMs: 1,
      cpuMs: 1,
      cores: { count: 1, busyPct: [1] },
      memory: { peakTotalBytes: 1, baselineBytes: 1, perUnitBytes: 1, measure: 'pss' },
      spawn: { p50Ms: 1, maxMs: 1 },
      unitResults: [result(0, 'done'), result(1, 'failed', 'injected fault: the unit threw')],
    };
    const table = runSummaryTable(s);
    expect(table).toContain('unit 1 failed: injected fault: the unit threw');
    expect(table).not.toContain('unit 0 done:');
  });
});
