import { describe, expect, it } from 'vitest';
import type { UnitSample } from '../../contract/snapshot.js';
import { aggregateSamples } from '../../lib/run-aggregates.js';
import { MAX_CHIPS_PER_CORE, chipsByCore as chipsOf } from '../../renderer/src/state/core-chips.js';
import { DEFAULT_SORT, endedRows, stateWords, tableRows, toggleSort } from '../../renderer/src/state/units-table.js';
import type { RunSummary } from '../../contract/run-events.js';

const u = (runId: string, unitId: number, over: Partial<UnitSample> = {}): UnitSample => ({
  runId,
  unitId,
  pid: 1000 + unitId,
  tid: null,
  cpuPct: 50,
  bytes: 1024,
  core: 0,
  state: 'running',
  ...over,
});

/** the snapshot the engine would send for these units: their aggregates, and all of them listed */
const chipsByCore = (units: UnitSample[]) => chipsOf({ runs: aggregateSamples(units, () => 'thread'), units });

describe('chipsByCore', () => {
  it('names a few units of a run one by one, on the core they last ran on', () => {
    const m = chipsByCore([u('r1', 0, { core: 1 }), u('r1', 1, { core: 1 }), u('r2', 0, { core: 0, cpuPct: 0 })]);
    expect(m.get(1)?.chips.map((c) => c.label)).toEqual(['r1·u0', 'r1·u1']);
    expect(m.get(0)?.chips).toEqual([{ runId: 'r2', label: 'r2·u0', units: 1, idle: true }]);
  });

  it('folds many units of one run on a core into one chip', () => {
    const many = Array.from({ length: 812 }, (_, i) => u('r2', i, { cpuPct: i === 5 ? 90 : 0 }));
    const chips = chipsByCore(many).get(0)?.chips;
    expect(chips).toEqual([{ runId: 'r2', label: 'r2 ×812', units: 812, idle: false }]);
  });

  it('shows a handful of chips per core and counts the units left over', () => {
    const units = Array.from({ length: 6 }, (_, i) => u(`r${i + 1}`, 0));
    const cc = chipsByCore(units).get(0);
    expect(cc?.chips).toHaveLength(MAX_CHIPS_PER_CORE);
    expect(cc?.more).toBe(6 - MAX_CHIPS_PER_CORE);
  });

  it('leaves out units that ended or whose core is unknown', () => {
    expect(chipsByCore([u('r1', 0, { state: 'done' }), u('r1', 1, { core: null })]).size).toBe(0);
  });
});

describe('units table', () => {
  const modeOf = (runId: string) => (runId === 'r1' ? 'process' : runId === 'r2' ? 'thread' : null);

  it('sorts by CPU, busiest first, by default, with a stable run/unit tie-break', () => {
    const rows = tableRows([u('r2', 1, { cpuPct: 5 }), u('r1', 3, { cpuPct: 90 }), u('r2', 0, { cpuPct: 5 })], modeOf, DEFAULT_SORT).rows;
    expect(rows.map((r) => `${r.runId}/${r.unitId}`)).toEqual(['r1/3', 'r2/0', 'r2/1']);
    expect(rows[0].mode).toBe('process');
  });

  it('flips direction on the same header and starts other columns in their natural order', () => {
    expect(toggleSort(DEFAULT_SORT, 'cpuPct')).toEqual({ key: 'cpuPct', dir: 'asc' });
    expect(toggleSort(DEFAULT_SORT, 'pid')).toEqual({ key: 'pid', dir: 'asc' });
    expect(toggleSort({ key: 'pid', dir: 'asc' }, 'bytes')).toEqual({ key: 'bytes', dir: 'desc' });
  });

  it('sorts run ids by number and unknown cores and tids first when ascending', () => {
    const rows = tableRows([u('r10', 0, { core: 3 }), u('r9', 0, { core: null }), u('r2', 0, { core: 1 })], modeOf, { key: 'run', dir: 'asc' }).rows;
    expect(rows.map((r) => r.runId)).toEqual(['r2', 'r9', 'r10']);
    const byCore = tableRows([u('r10', 0, { core: 3 }), u('r9', 0, { core: null }), u('r2', 0, { core: 1 })], modeOf, { key: 'core', dir: 'asc' }).rows;
    expect(byCore.map((r) => r.core)).toEqual([null, 1, 3]);
  });

  it('sorts text columns alphabetically', () => {
    const rows = tableRows([u('r1', 0, { state: 'waiting(io)' }), u('r1', 1, { state: 'running' })], modeOf, { key: 'state', dir: 'asc' }).rows;
    expect(rows.map((r) => r.state)).toEqual(['running', 'waiting(io)']);
  });

  it('caps the rendered rows and says how many more there are', () => {
    const units = Array.from({ length: 10_000 }, (_, i) => u('r3', i, { cpuPct: i % 7 }));
    const t = tableRows(units, modeOf, DEFAULT_SORT, 200);
    expect(t.rows).toHaveLength(200);
    expect(t.hidden).toBe(9800);
    expect(t.total).toBe(10_000);
    expect(t.rows.every((r) => r.cpuPct === 6)).toBe(true);
  });
});

describe('endedRows', () => {
  it("keeps an ended run's units as rows (final state, peak memory, no core), leaving a unit still listed live to the snapshot", () => {
    const summary = {
      runId: 'r1',
      unitResults: [
        { id: 0, pid: 11, tid: 12, cpuMs: 900, peakBytes: 2048, startMs: 0, endMs: 1000, state: 'done' },
        { id: 1, pid: 11, tid: 13, cpuMs: 400, peakBytes: 4096, startMs: 0, endMs: 500, state: 'killed' },
      ],
    } as RunSummary;
    const rows = endedRows([summary], [u('r1', 1)]);
    expect(rows).toEqual([{ runId: 'r1', unitId: 0, pid: 11, tid: 12, cpuPct: 0, bytes: 2048, core: null, state: 'done', ended: true }]);
    expect(tableRows([u('r2', 0), ...rows], () => 'thread', DEFAULT_SORT).total).toBe(2);
  });
});

describe('stateWords', () => {
  it('says a mem unit waits holding its memory, not for io; every other state as it is', () => {
    expect(stateWords('waiting(io)', 'mem')).toBe('waiting (holding memory)');
    expect(stateWords('waiting(io)', 'io-sleep')).toBe('waiting(io)');
    expect(stateWords('running', 'mem')).toBe('running');
  });
});
