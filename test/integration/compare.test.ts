import { afterAll, describe, expect, it } from 'vitest';
import type { CompareReport } from '../../contract/studies.js';
import { MEASURES_CPU, READER_SETS, hostPids, runCli } from './helpers.js';

afterAll(() => expect(hostPids()).toEqual([]));

describe.each(READER_SETS)('$readers readers', ({ env }) => {
  it('compare: processes and threads speed up, async does not; a process costs more memory than a thread, a thread more than a task', { ...MEASURES_CPU, timeout: 200_000 }, async () => {
    const r = await runCli(['compare', '--workload', 'cpu', '--units', '2', '--json'], 90_000, env);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as CompareReport;
    const by = Object.fromEntries(report.results.map((x) => [x.mode, x]));
    expect(by.process.speedup).toBeGreaterThanOrEqual(1.5);
    expect(by.thread.speedup).toBeGreaterThanOrEqual(1.5);
    expect(by.async.speedup).toBeLessThanOrEqual(1.2);
    expect(by.process.memory.perUnitBytes).toBeGreaterThan(by.thread.memory.perUnitBytes);
    expect(by.thread.memory.perUnitBytes).toBeGreaterThan(by.async.memory.perUnitBytes);
});
});
