import { describe, expect, it } from 'vitest';
import type { UnitState } from '../../contract/domain.js';
import { SNAPSHOT_UNITS } from '../../contract/snapshot.js';
import { aggregateRuns, listedUnits, unitsPage } from '../../main/engine/snapshot-view.js';
import type { UnitReadings } from '../../main/engine/readers/unit-reader.js';
import type { UnitRef } from '../../main/engine/runs/unit-ref.js';

/** n async tasks of one run on core 1, unit i using i % 7 % of a core; the first `changed` began a state at t=2000; `first` the first units' states */
function readings(n: number, changed = 0, first: UnitState[] = []): UnitReadings {
  const units: UnitRef[] = Array.from({ length: n }, (_, i) => ({
    runId: 'r1',
    unitId: i,
    mode: 'async',
    pid: 4242,
    tid: 4242,
    state: first[i] ?? (i % 3 === 0 ? 'running' : 'waiting(io)'),
    stateAt: i < changed ? 2000 : 1000,
    hostBaselineBytes: 0,
    hostUnits: n,
    selfCpuMs: 0,
  }));
  return {
    units,
    cpuPct: Float64Array.from(units, (_, i) => i % 7),
    bytes: Float64Array.from(units, () => 100),
    core: Int32Array.from(units, () => 1),
    hostCpuPct: new Map([[4242, 5]]),
    unitsCpuPctByHost: new Map([[4242, units.reduce((sum, _, i) => sum + (i % 7), 0)]]),
    latestStateAt: changed > 0 ? 2000 : 1000,
  };
}

describe('snapshot view', () => {
  it('sums every unit of a run into one aggregate: states, CPU, memory, cores', () => {
    const [a] = aggregateRuns(readings(10));
    expect(a).toEqual({ runId: 'r1', mode: 'async', live: 10, states: { running: 4, 'waiting(io)': 6 }, cpuPct: 24, bytes: 1000, cores: [{ core: 1, units: 10, cpuPct: 24 }] });
  });

  it('puts no unit that has not begun on a core: a queued leg and a unit still starting carry only their host\'s pid', () => {
    const r = readings(4, 0, ['queued', 'starting']);
    const [a] = aggregateRuns(r);
    expect(a.states).toEqual({ queued: 1, starting: 1, 'waiting(io)': 1, running: 1 });
    expect(a.cores).toEqual([{ core: 1, units: 2, cpuPct: 5 }]);
    const listed = unitsPage(r, { offset: 0, limit: 4, sort: 'unit', dir: 'asc' }).rows;
    expect(listed.map((u) => u.core)).toEqual([null, null, 1, 1]);
  });

  it('lists at most the busiest and the changed ones, however many units there are, and stays under 64 KB at 100,000', () => {
    const r = readings(100_000, 150);
    const listed = listedUnits(r, 1500);
    expect(listed.length).toBe(SNAPSHOT_UNITS.busiest + SNAPSHOT_UNITS.changed);
    expect(listed.slice(0, SNAPSHOT_UNITS.busiest).every((u) => u.cpuPct === 6)).toBe(true);
    expect(listed.slice(SNAPSHOT_UNITS.busiest).every((u) => u.unitId < 150)).toBe(true);
    const snapshotBytes = JSON.stringify({ t: 0, intervalMs: 100, cores: [0, 0], memory: {}, runs: aggregateRuns(r), units: listed, self: {} }).length;
    expect(snapshotBytes).toBeLessThan(64 * 1024);
  });

  it('answers pages of every unit in the asked order, without overlap', () => {
    const r = readings(1000);
    const p1 = unitsPage(r, { offset: 0, limit: 200, sort: 'cpuPct', dir: 'desc' });
    const p2 = unitsPage(r, { offset: 200, limit: 200, sort: 'cpuPct', dir: 'desc' });
    expect(p1.total).toBe(1000);
    expect(p1.rows[0].cpuPct).toBe(6);
    const ids = new Set([...p1.rows, ...p2.rows].map((u) => u.unitId));
    expect(ids.size).toBe(400);
    expect(unitsPage(r, { offset: 0, limit: 5, sort: 'unit', dir: 'asc' }).rows.map((u) => u.unitId)).toEqual([0, 1, 2, 3, 4]);
    expect(unitsPage(null, { offset: 0, limit: 5, sort: 'unit', dir: 'asc' })).toEqual({ total: 0, offset: 0, rows: [] });
  });
});
