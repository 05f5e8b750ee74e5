/** A compare's figures from its repeated rounds: medians, min–max, and when a speedup is no measurable gain. */
import { describe, expect, it } from 'vitest';
import { otherCores, summarizeMode, verdictOf } from '../../main/engine/studies/compare.js';
import type { RunSummary } from '../../contract/run-events.js';

const leg = (units: number, wallMs: number, cpuMs = wallMs): RunSummary => ({
  runId: `r${wallMs}`,
  mode: 'thread',
  runtime: 'node',
  workload: 'cpu',
  units,
  wallMs,
  cpuMs,
  cores: { count: 2, busyPct: [90, 90] },
  memory: { peakTotalBytes: 1e8, baselineBytes: 5e7, perUnitBytes: 1e6, measure: 'pss' },
  spawn: { p50Ms: 10, maxMs: 12 },
  unitResults: [],
});

describe('a compare over rounds', () => {
  it('divides each baseline by the N-unit leg that ran right after it, and reports their median and min–max', () => {
    // round 2 hit a slow stretch that slowed both of its legs: its speedup stays near the others
    const r = summarizeMode([leg(1, 3000), leg(1, 3600), leg(1, 3100)], [leg(2, 1600), leg(2, 1900), leg(2, 1550, 3000)], 2);
    expect(r.speedupSpread).toEqual({ median: 1.89, min: 1.88, max: 2 });
    expect(r.speedup).toBe(1.89);
    expect(r.efficiencySpread).toEqual({ median: 0.95, min: 0.94, max: 1 });
    expect(r.baselineWall).toEqual({ median: 3100, min: 3000, max: 3600 });
    expect(r.baselineWallMs).toBe(3100);
    expect(r.wall).toEqual({ median: 1600, min: 1550, max: 1900 });
    // the run details shown are those of the median N-unit leg, a real run
    expect(r.runId).toBe('r1600');
    expect(r.repeats).toBe(3);
    expect(r.verdict).toBe('gain');
  });

  it('calls a speedup whose min–max straddles 1 no measurable gain, and one wholly under 1 slower', () => {
    const r = summarizeMode([leg(1, 3000), leg(1, 3000), leg(1, 3000)], [leg(2, 2900), leg(2, 3100), leg(2, 3050)], 2);
    expect(r.speedupSpread.min).toBeLessThan(1);
    expect(r.speedupSpread.max).toBeGreaterThan(1);
    expect(r.verdict).toBe('no measurable gain');
    expect(verdictOf({ min: 0.8, max: 0.95 })).toBe('slower');
    expect(verdictOf({ min: 1.01, max: 1.2 })).toBe('gain');
    expect(verdictOf({ min: 1, max: 1 })).toBe('no measurable gain');
  });
});

describe('other programs during a leg', () => {
  it('are the cores busy beyond what the leg’s own hosts used', () => {
    // 2 cores at 90 % for 1 s while the hosts used 1.2 s of CPU: 0.6 cores were someone else's
    expect(otherCores({ ...leg(2, 1000, 1200), cores: { count: 2, busyPct: [90, 90] } })).toBeCloseTo(0.6, 5);
    // busy no more than the hosts: nothing else ran (never below 0)
    expect(otherCores({ ...leg(1, 1000, 1000), cores: { count: 2, busyPct: [95, 3] } })).toBe(0);
  });
  it('are reported with the rounds kept', () => {
    const busy = { ...leg(1, 4000, 3000), cores: { count: 2, busyPct: [100, 100] } };
    const r = summarizeMode([busy, leg(1, 3000)], [leg(2, 1500, 3000), leg(2, 1550, 3000)], 2, 5);
    expect(r.roundsRun).toBe(5);
    expect(r.otherCores.max).toBeCloseTo(1.25, 2);
  });
});
