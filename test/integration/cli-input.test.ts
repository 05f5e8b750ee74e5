import { describe, expect, it } from 'vitest';
import { hostPids, runCli } from './helpers.js';

describe('bad input exits 2 with one line and starts nothing', () => {
  it.each([
    [['run', '--mode', 'process', '--units', '0', '--workload', 'cpu'], 'units must be between 1 and 256'],
    [['run', '--mode', 'async', '--units', '100001', '--workload', 'io-sleep'], 'units must be between 1 and 100000'],
    [['run', '--mode', 'warp', '--units', '2', '--workload', 'cpu'], 'mode must be one of process, thread, async'],
    [['run', '--mode', 'process', '--units', '2', '--workload', 'cpu', '--interval', '1'], 'interval must be between 50 and 5000'],
    [['run', '--mode', 'process', '--units', '2', '--workload', 'dance'], 'workload must be one of'],
    [['run', '--nonsense'], "unknown option '--nonsense'"],
    [['sample', '--count', '0'], 'count must be a whole number'],
    [['compare', '--units', '2', '--workload', 'mem'], 'compare measures the cpu workload only'],
  ])('corescope %j', async (args, reason) => {
    const before = hostPids().length;
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(reason);
    expect(hostPids().length).toBe(before);
  });

  it('answers --help', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/run .*compare .*sample/s);
  });
});
