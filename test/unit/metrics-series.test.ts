/** /proc/stat by mode, and how unit series are capped and folded without a counter ever going down. */
import { describe, expect, it } from 'vitest';
import { parseProcStatModes } from '../../lib/proc-parse.js';
import { FOLDED_UNIT, FoldedCpuSeconds, UNIT_SERIES_PER_RUN } from '../../main/server/unit-series.js';

describe('parseProcStatModes', () => {
  it('reads every mode node_exporter reports, numbered from the line', () => {
    const text = ['cpu  10 1 5 100 2 0 3 0 0 0', 'cpu0 4 1 2 50 1 0 1 0 0 0', 'cpu2 6 0 3 50 1 0 2 7 0 0', 'intr 123'].join('\n');
    expect(parseProcStatModes(text)).toEqual([
      { cpu: 0, ticks: { user: 4, nice: 1, system: 2, idle: 50, iowait: 1, irq: 0, softirq: 1, steal: 0 } },
      { cpu: 2, ticks: { user: 6, nice: 0, system: 3, idle: 50, iowait: 1, irq: 0, softirq: 2, steal: 7 } },
    ]);
  });

  it('leaves out the columns an old kernel lacks', () => {
    expect(parseProcStatModes('cpu0 4 1 2 50')).toEqual([{ cpu: 0, ticks: { user: 4, nice: 1, system: 2, idle: 50 } }]);
  });
});

const unit = (runId: string, unitId: number, user: number) => ({ runId, unitId, seconds: { user, system: user / 10 } });

describe('FoldedCpuSeconds', () => {
  it('keeps the first units of a run apart and folds the rest into one series', () => {
    const readings = Array.from({ length: 40 }, (_, i) => unit('r1', i, 1));
    const series = new FoldedCpuSeconds().series(readings);
    const units = new Set(series.map((s) => s.unit));
    expect(units.size).toBe(UNIT_SERIES_PER_RUN + 1);
    expect(units.has(FOLDED_UNIT)).toBe(true);
    const other = series.find((s) => s.unit === FOLDED_UNIT && s.mode === 'user');
    expect(other?.seconds).toBeCloseTo(40 - UNIT_SERIES_PER_RUN);
  });

  it('never lets the folded counter go down when a folded unit exits', () => {
    const f = new FoldedCpuSeconds();
    const other = (s: ReturnType<FoldedCpuSeconds['series']>) => s.find((x) => x.unit === FOLDED_UNIT && x.mode === 'user')?.seconds;
    const a = UNIT_SERIES_PER_RUN;
    const b = UNIT_SERIES_PER_RUN + 1;
    expect(other(f.series([unit('r1', a, 2), unit('r1', b, 3)]))).toBeCloseTo(5);
    expect(other(f.series([unit('r1', a, 4), unit('r1', b, 3.5)]))).toBeCloseTo(7.5);
    // b has exited: the sum of the live totals would be 5; the counter keeps what was counted
    expect(other(f.series([unit('r1', a, 5)]))).toBeCloseTo(8.5);
  });

  it('forgets a run once it has no live units', () => {
    const f = new FoldedCpuSeconds();
    f.series([unit('r1', UNIT_SERIES_PER_RUN, 2)]);
    expect(f.series([unit('r2', 0, 1)]).map((s) => s.run)).toEqual(['r2', 'r2']);
  });
});
