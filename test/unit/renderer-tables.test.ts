import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { UnitSample } from '../../contract/snapshot.js';
import { aggregateSamples } from '../../lib/run-aggregates.js';
import { MAX_CHIPS_PER_CORE, chipsByCore as chipsOf } from '../../renderer/src/state/core-chips.js';
import { DEFAULT_SORT, MAX_ROWS, ROW_PX, endedRows, endedTable, liveAndEndedRows, rowWindow, stateWords, tableRows, toggleSort, type SortKey } from '../../renderer/src/state/units-table.js';
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

describe('rowWindow (the table draws only the rows in its scroll box)', () => {
  it('draws the rows in view and a few either side, the rest as spacers of their height', () => {
    const top = rowWindow(MAX_ROWS, 0, 380);
    expect(top.first).toBe(0);
    expect(top.padTop).toBe(0);
    expect(top.end).toBeGreaterThanOrEqual(Math.ceil(380 / ROW_PX)); // every row in view is drawn
    expect(top.end).toBeLessThanOrEqual(30); // never the whole page of 200
    expect(top.padTop + (top.end - top.first) * ROW_PX + top.padBottom).toBe(MAX_ROWS * ROW_PX);

    const mid = rowWindow(MAX_ROWS, 100 * ROW_PX, 380);
    expect(mid.first).toBeLessThanOrEqual(100);
    expect(mid.end).toBeGreaterThanOrEqual(100 + Math.ceil(380 / ROW_PX));
    expect(mid.padTop + (mid.end - mid.first) * ROW_PX + mid.padBottom).toBe(MAX_ROWS * ROW_PX);

    const bottom = rowWindow(MAX_ROWS, MAX_ROWS * ROW_PX - 380, 380);
    expect(bottom.end).toBe(MAX_ROWS);
    expect(bottom.padBottom).toBe(0);
  });

  it('keeps to the rows there are, whatever the scroll position says', () => {
    expect(rowWindow(3, 0, 380)).toEqual({ first: 0, end: 3, padTop: 0, padBottom: 0 });
    expect(rowWindow(0, 500, 380)).toEqual({ first: 0, end: 0, padTop: 0, padBottom: 0 });
    // a scroll position left over from a longer table (the rows went): the last rows, not past them
    const after = rowWindow(10, 5000, 380);
    expect(after).toEqual({ first: 0, end: 10, padTop: 0, padBottom: 0 });
    const shrunk = rowWindow(100, 190 * ROW_PX, 380);
    expect(shrunk.end).toBe(100);
    expect(shrunk.first).toBeLessThan(100 - Math.floor(380 / ROW_PX));
    expect(rowWindow(10, -40, 380).first).toBe(0);
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

describe('live rows merged with the ended runs’ rows, sorted once', () => {
  const SORT_KEYS: SortKey[] = ['run', 'unit', 'pid', 'tid', 'mode', 'state', 'core', 'cpuPct', 'bytes'];
  const modeOf = (runId: string) => (runId === 'r1' ? 'async' : 'thread');
  const result = (id: number, peakBytes: number, state: 'done' | 'killed') => ({ id, pid: 900 + (id % 3), tid: id % 2 ? 7000 + id : null, cpuMs: 1, peakBytes, startMs: 0, endMs: 1, state });

  it('is the table of all of them sorted together: same rows, same order, same counts', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 5000 }), fc.constantFrom<'done' | 'killed'>('done', 'killed')), { maxLength: 60 }),
        fc.array(fc.tuple(fc.constantFrom('r1', 'r2', 'r3'), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 100 })), { maxLength: 30 }),
        fc.constantFrom(...SORT_KEYS),
        fc.constantFrom<'asc' | 'desc'>('asc', 'desc'),
        fc.integer({ min: 1, max: 50 }),
        (results, lives, key, dir, max) => {
          const unitResults = [...new Map(results.map(([id, bytes, state]) => [id, result(id, bytes, state)])).values()];
          const summaries = [{ runId: 'r1', unitResults } as unknown as RunSummary];
          const live = [...new Map(lives.map(([run, id, cpu]) => [`${run}/${id}`, u(run, id, { cpuPct: cpu, core: id % 2 })])).values()];
          const sort = { key, dir };
          const before = tableRows([...live, ...endedRows(summaries, live)], modeOf, sort, max);
          const after = liveAndEndedRows(live, endedTable(summaries, modeOf, sort), modeOf, sort, max);
          expect(after.rows).toEqual(before.rows);
          expect(after.total).toBe(before.total);
          expect(after.hidden).toBe(before.hidden);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('counts the ended rows a live row does not stand for', () => {
    const summaries = [{ runId: 'r1', unitResults: [result(0, 10, 'done'), result(1, 20, 'done'), result(2, 30, 'killed')] } as unknown as RunSummary];
    const t = liveAndEndedRows([u('r1', 1), u('r2', 0)], endedTable(summaries, modeOf, DEFAULT_SORT), modeOf, DEFAULT_SORT);
    expect(t.ended).toBe(2);
    expect(t.total).toBe(4);
    expect(t.rows.map((r) => `${r.runId}/${r.unitId}${r.ended ? ' ended' : ''}`)).toEqual(['r1/1', 'r2/0', 'r1/0 ended', 'r1/2 ended']);
  });
});

describe('stateWords', () => {
  it('says a mem unit waits holding its memory, not for io; every other state as it is', () => {
    expect(stateWords('waiting(io)', 'mem')).toBe('waiting (holding memory)');
    expect(stateWords('waiting(io)', 'io-sleep')).toBe('waiting(io)');
    expect(stateWords('running', 'mem')).toBe('running');
  });
});
