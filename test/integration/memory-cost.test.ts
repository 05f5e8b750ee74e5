import { afterAll, describe, expect, it } from 'vitest';
import type { MemoryCostReport } from '../../contract/studies.js';
import { MEASURES_CPU, READER_SETS, hostPids, runCli } from './helpers.js';

afterAll(() => expect(hostPids()).toEqual([]));

describe.each(READER_SETS)('$readers readers', ({ readers, env }) => {
  it('a process costs more memory than a thread, a thread more than an async task, each more than nothing', { ...MEASURES_CPU, timeout: 260_000 }, async () => {
    const r = await runCli(['memory', '--units', '1,2,4,8', '--json'], 120_000, env);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as MemoryCostReport;
    const by = Object.fromEntries(report.results.map((x) => [x.mode, x]));
    expect(report.measure).toBe(readers === 'proc' ? 'pss' : 'rss');
    expect(by.process.bytesPerUnit).toBeGreaterThan(by.thread.bytesPerUnit);
    expect(by.thread.bytesPerUnit).toBeGreaterThan(by.async.bytesPerUnit);
    expect(by.async.bytesPerUnit).toBeGreaterThan(0);
    for (const m of report.results) {
      expect(m.points).toHaveLength(4);
      expect(m.r2).toBeGreaterThan(0.5);
    }
});
});

it('refuses a list it cannot fit a line to', async () => {
  const r = await runCli(['memory', '--units', '4']);
  expect(r.code).toBe(2);
  expect(r.stderr.trim()).toBe('corescope: units needs at least two different counts to fit a line, e.g. 1,2,4,8');
});
