import { describe, expect, it } from 'vitest';
import { meanBusyOverSpan } from '../../main/engine/core-span.js';

describe('mean busy % over a run window', () => {
  const samples = [
    { t: 1000, intervalMs: 500, cores: [0, 0] }, // before the run
    { t: 1500, intervalMs: 500, cores: [50, 10] }, // half inside
    { t: 2000, intervalMs: 500, cores: [100, 20] },
    { t: 2500, intervalMs: 500, cores: [0, 0] }, // after
  ];

  it('weights each sample by how much of it lies inside the window', () => {
    // window 1250…2000: 250 ms of the 50/10 sample, 500 ms of the 100/20 one
    const [a, b] = meanBusyOverSpan(samples, 1250, 2000);
    expect(a).toBeCloseTo((50 * 250 + 100 * 500) / 750);
    expect(b).toBeCloseTo((10 * 250 + 20 * 500) / 750);
  });

  it('is all zeros when no sample covers the window', () => {
    expect(meanBusyOverSpan(samples, 5000, 6000)).toEqual([0, 0]);
  });
});
