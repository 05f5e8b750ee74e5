import { describe, expect, it } from 'vitest';
import { corePaths } from '../../renderer/src/state/core-path.js';
import { bucketMeans, valueAtOrBefore } from '../../renderer/src/state/downsample.js';
import { SampleRing } from '../../renderer/src/state/sample-ring.js';
import { totalsSeries, totalsSummary } from '../../renderer/src/state/totals-series.js';
import { byteTicks, fittedByteMax } from '../../renderer/src/state/byte-ticks.js';

const ringOf = (channels: number, capacity: number, rows: Array<[number, number[]]>) => {
  const r = new SampleRing(channels, capacity);
  for (const [t, v] of rows) r.push(t, v);
  return r;
};

describe('SampleRing', () => {
  it('keeps samples oldest first and overwrites the oldest once full', () => {
    const r = ringOf(2, 3, [
      [10, [1, 2]],
      [20, [3, 4]],
      [30, [5, 6]],
      [40, [7, 8]],
    ]);
    expect(r.size).toBe(3);
    expect([0, 1, 2].map((i) => r.timeAt(i))).toEqual([20, 30, 40]);
    expect([0, 1, 2].map((i) => r.valueAt(i, 1))).toEqual([4, 6, 8]);
    expect(r.oldestT).toBe(20);
    expect(r.newestT).toBe(40);
  });

  it('finds the first sample at or after a time across the wrap point', () => {
    const r = ringOf(1, 4, [10, 20, 30, 40, 50, 60].map((t) => [t, [t]] as [number, number[]]));
    expect(r.firstAtOrAfter(0)).toBe(0); // 30 is the oldest now
    expect(r.firstAtOrAfter(35)).toBe(1);
    expect(r.firstAtOrAfter(40)).toBe(1);
    expect(r.firstAtOrAfter(61)).toBe(4);
  });

  it('reads missing channels as 0 and says so when empty', () => {
    const r = ringOf(3, 2, [[1, [9]]]);
    expect(r.valueAt(0, 2)).toBe(0);
    expect(new SampleRing(1, 1).oldestT).toBeNull();
  });
});

describe('bucketMeans', () => {
  it('averages the samples of each time bucket for every channel in one pass, NaN where none fell', () => {
    const r = ringOf(2, 100, [
      [0, [10, 100]],
      [1, [30, 100]],
      [5, [50, 0]],
      [9, [70, 0]],
    ]);
    const m = bucketMeans(r, 0, 10, 5); // buckets of 2 ms: [0,2) [2,4) [4,6) [6,8) [8,10]
    expect(Array.from(m.slice(0, 5))).toEqual([20, NaN, 50, NaN, 70]);
    expect(Array.from(m.slice(5, 10))).toEqual([100, NaN, 0, NaN, 0]);
  });

  it('ignores samples outside the window', () => {
    const r = ringOf(1, 10, [
      [-5, [99]],
      [2, [40]],
      [15, [99]],
    ]);
    expect(Array.from(bucketMeans(r, 0, 10, 2))).toEqual([40, NaN]);
  });

  it('reuses an output array of the right size', () => {
    const r = ringOf(1, 4, [[1, [5]]]);
    const out = new Float32Array(3);
    expect(bucketMeans(r, 0, 3, 3, out)).toBe(out);
  });

  it('valueAtOrBefore gives the sample a view ending at t shows as current', () => {
    const r = ringOf(1, 10, [
      [10, [1]],
      [20, [2]],
    ]);
    expect(valueAtOrBefore(r, 20, 0)).toBe(2);
    expect(valueAtOrBefore(r, 19, 0)).toBe(1);
    expect(valueAtOrBefore(r, 5, 0)).toBeNull();
  });
});

describe('corePaths', () => {
  it('maps 0 % to the bottom and 100 % to the top, skipping empty buckets', () => {
    const p = corePaths([0, NaN, 100, 50], 0, 4, 30, 100);
    expect(p.line).toBe('M0 100L20 0L30 50');
    expect(p.area).toBe('M0 100L20 0L30 50L30 100L0 100Z');
  });

  it('reads one core out of the all-cores layout and clamps out-of-range values', () => {
    const p = corePaths([1, 2, 150, -5], 2, 2, 10, 10);
    expect(p.line).toBe('M0 0L10 10');
  });

  it('draws nothing without samples', () => {
    expect(corePaths([NaN, NaN], 0, 2, 10, 10)).toEqual({ line: '', area: '' });
  });
});

describe('totalsSeries', () => {
  it('gives one point per non-empty bucket, x in seconds before the view end', () => {
    const r = ringOf(3, 10, [
      [1000, [50, 10, 90]],
      [9000, [100, 20, 80]],
    ]);
    const pts = totalsSeries(r, 0, 10_000, 5);
    expect(pts).toEqual([
      { s: -9, cpu: 50, used: 10, available: 90 },
      { s: -1, cpu: 100, used: 20, available: 80 },
    ]);
  });
});

describe('totalsSummary', () => {
  it("says now, mean and peak over the chart's span, for a screen reader instead of the tick labels", () => {
    const pts = [
      { s: -40, cpu: 20, used: 100, available: 900 },
      { s: -20, cpu: 80, used: 300, available: 700 },
      { s: -1, cpu: 50, used: 200, available: 800 },
    ];
    expect(totalsSummary(pts, (b) => `${b} B`)).toEqual({
      cpu: 'Machine CPU chart: 50% now, mean 50%, peak 80% over the last 39 s',
      memory: 'Memory chart: 200 B used now, peak 300 B over the last 39 s',
    });
    expect(totalsSummary([], String).cpu).toBe('Machine CPU chart: no samples yet');
  });
});

describe('fittedByteMax', () => {
  it('fits the axis to what is used, at a round tick above it', () => {
    const GB = 1024 ** 3;
    const MB = 1024 ** 2;
    expect(fittedByteMax(2.2 * GB)).toBe(3 * GB);
    expect(fittedByteMax(128 * MB)).toBe(150 * MB);
    expect(fittedByteMax(0)).toBe(GB);
    // a 2 × 64 MB run on 2.2 GB used moves the line by a visible share of the axis, not 0.5 %
    expect((128 * MB) / fittedByteMax(2.3 * GB)).toBeGreaterThan(0.04);
  });
});

describe('byteTicks', () => {
  const GB = 1024 ** 3;
  it('steps by round numbers of the largest unit that fits', () => {
    expect(byteTicks(23.5 * GB)).toEqual([0, 10, 20].map((g) => g * GB));
    expect(byteTicks(14.9 * GB)).toEqual([0, 5, 10].map((g) => g * GB));
    expect(byteTicks(64 * GB)).toEqual([0, 20, 40, 60].map((g) => g * GB));
    expect(byteTicks(512 * 1024 ** 2)).toEqual([0, 200, 400].map((m) => m * 1024 ** 2));
    expect(byteTicks(0)).toEqual([0]);
  });
});
