import { describe, expect, it } from 'vitest';
import { CoreSpan, meanBusyOverSpan } from '../../main/engine/core-span.js';

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

describe('a run’s core span, kept as it goes', () => {
  it('holds only its last 30 s of samples over a 2-hour run, and sums to what all the samples give', () => {
    const start = 1_000_050; // mid-interval: the first sample counts in part
    const span = new CoreSpan(start);
    const all: { t: number; intervalMs: number; cores: number[] }[] = [];
    let most = 0;
    for (let t = 1_000_000; t <= 1_000_000 + 2 * 3600_000; t += 100) {
      const s = { t, intervalMs: 100, cores: [(t / 100) % 100, (t / 700) % 50, 25] };
      all.push(s);
      span.add(s);
      most = Math.max(most, span.heldSamples);
    }
    expect(most).toBeLessThanOrEqual(302);
    const end = 1_000_000 + 2 * 3600_000 - 20_000; // the run ended 20 s before it was summed up
    const kept = span.meanBusy(end);
    meanBusyOverSpan(all, start, end).forEach((v, i) => expect(kept[i]).toBeCloseTo(v, 6));
  });

  it('has no figure before its first sample', () => {
    expect(new CoreSpan(0).meanBusy(1000)).toEqual([]);
  });
});
