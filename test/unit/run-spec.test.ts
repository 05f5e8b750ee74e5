import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../contract/limits.js';
import { refusalOf } from './refusal.js';
import { planHosts } from '../../main/engine/runs/run.js';
import { parseRunSpec } from '../../main/engine/runs/run-manager.js';
import { countPrimes, splitWork } from '../../workloads/kernels/cpu.js';

const reason = refusalOf(parseRunSpec);

describe('run spec at the boundary', () => {
  it('fills defaults for a minimal valid spec', () => {
    expect(parseRunSpec({ mode: 'thread', workload: 'cpu', units: 2 })).toEqual({ mode: 'thread', runtime: 'node', workload: 'cpu', units: 2 });
  });

  it.each([
    [{ mode: 'process', workload: 'cpu', units: 0 }, 'units must be between 1 and 256 in process mode'],
    [{ mode: 'thread', workload: 'cpu', units: 257 }, 'units must be between 1 and 256 in thread mode'],
    [{ mode: 'async', workload: 'io-sleep', units: 100_001 }, `units must be between 1 and ${LIMITS.asyncUnits.max} in async mode`],
    [{ mode: 'warp', workload: 'cpu', units: 2 }, 'mode must be one of process, thread, async'],
    [{ mode: 'process', workload: 'cpu', units: 1.5 }, 'units must be a whole number'],
    [{ mode: 'process', workload: 'cpu', units: 2, durationS: 0.01 }, 'duration must be between 0.1 and 3600'],
    [{ mode: 'process', workload: 'cpu', units: 2, durationS: 1, work: 10 }, 'give either duration or work, not both'],
    [{ mode: 'process', workload: 'io-sleep', units: 2, work: 10 }, 'work applies to the cpu workload only; use duration'],
    [{ mode: 'process', workload: 'cpu', units: 2, extra: 1 }, 'Unrecognized key: "extra"'],
  ])('refuses %j with one clear line', (input, message) => {
    expect(reason(input)).toBe(message);
  });

  it('allows 10,000 async tasks (the article’s gather) but not 10,000 processes', () => {
    expect(reason({ mode: 'async', workload: 'io-sleep', units: 10_000 })).toBe('accepted');
    expect(reason({ mode: 'process', workload: 'io-sleep', units: 10_000 })).toMatch(/between 1 and 256/);
  });
});

describe('hosts for a run', () => {
  it('forks one host per unit in process mode, one host for all units otherwise', () => {
    const spec = parseRunSpec({ mode: 'process', workload: 'cpu', units: 3, work: 10 });
    const hosts = planHosts('r1', spec);
    expect(hosts.map((h) => h.unitIds)).toEqual([[0], [1], [2]]);
    expect(hosts.map((h) => h.workPerUnit)).toEqual([[4], [3], [3]]);
    expect(planHosts('r2', { ...spec, mode: 'thread' }).map((h) => h.unitIds)).toEqual([[0, 1, 2]]);
  });
});

describe('cpu kernel', () => {
  it('counts primes correctly (25 below 100)', () => {
    expect(countPrimes(0, 100)).toBe(25);
  });

  it('splits work fairly and loses none', () => {
    const parts = splitWork(301, 4);
    expect(parts).toEqual([76, 75, 75, 75]);
    expect(parts.reduce((a, b) => a + b)).toBe(301);
  });
});
