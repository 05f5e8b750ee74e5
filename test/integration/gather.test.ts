/** The article's gather: 10,000 awaited sleeps of 5 s finish in about 5 s (Python: 5.28 s). */
import { afterAll, expect, it } from 'vitest';
import type { RunSummary } from '../../contract/run-events.js';
import { MEASURES_CPU, hostPids, runCli } from './helpers.js';

afterAll(() => expect(hostPids()).toEqual([]));

it('10,000 async io-sleep units of 5 s take under 6 s', MEASURES_CPU, async () => {
  const r = await runCli(['run', '--mode', 'async', '--units', '10000', '--workload', 'io-sleep', '--duration', '5', '--json']);
  expect(r.code, r.stderr).toBe(0);
  const s = JSON.parse(r.stdout) as RunSummary;
  expect(s.unitResults).toHaveLength(10_000);
  expect(s.unitResults.every((u) => u.state === 'done')).toBe(true);
  expect(s.wallMs).toBeGreaterThanOrEqual(5000);
  expect(s.wallMs).toBeLessThan(6000);
});
