import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../contract/snapshot.js';
import { RecentSamples } from '../../main/engine/recent-history.js';

const snap = (t: number): Snapshot => ({
  t,
  intervalMs: 50,
  cores: [t % 100, 1],
  memory: { totalBytes: 10, usedBytes: 4, availableBytes: 6 },
  units: [{ runId: 'r1', unitId: 0, pid: 1, tid: null, cpuPct: 1, bytes: 1, core: 0, state: 'running' }],
  runs: [],
  self: { cpuPct: 0, hostsCpuPct: 0, bytes: 0 },
});

describe('the engine\'s recent samples', () => {
  it('keeps the last minute, cores and memory only', () => {
    const r = new RecentSamples(60_000, 10_000);
    for (let t = 0; t <= 90_000; t += 1000) r.push(snap(t));
    const { samples } = r.read();
    expect(samples[0]!.t).toBe(30_000);
    expect(samples.at(-1)).toEqual({ t: 90_000, cores: [0, 1], usedBytes: 4, availableBytes: 6 });
    expect(samples).toHaveLength(61);
  });

  it('keeps at most its count at a fast interval', () => {
    const r = new RecentSamples(60_000, 100);
    for (let t = 0; t < 10_000; t += 50) r.push(snap(t));
    const { samples } = r.read();
    expect(samples).toHaveLength(100);
    expect(samples.at(-1)!.t).toBe(9950);
  });
});
