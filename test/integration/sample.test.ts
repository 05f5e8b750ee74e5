import { spawn } from 'node:child_process';
import os from 'node:os';
import { expect, it } from 'vitest';
import type { Snapshot } from '../../contract/snapshot.js';
import { runCli } from './helpers.js';

it('sample --interval 100 --count 20 --json prints 20 snapshots, one entry per logical core', async () => {
  // a child that spins one core all along: some core must read busy (a reading that ignored /proc
  // would pass a bound like "≥ 0", which the parser's clamp guarantees anyway)
  const spinner = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
  const r = await runCli(['sample', '--interval', '100', '--count', '20', '--json']).finally(() => spinner.kill('SIGKILL'));
  expect(r.code, r.stderr).toBe(0);
  const lines = r.stdout.trim().split('\n');
  expect(lines).toHaveLength(20);
  const snaps = lines.map((l) => JSON.parse(l) as Snapshot);
  for (const s of snaps) {
    expect(s.cores).toHaveLength(os.cpus().length);
    expect(s.memory.totalBytes).toBeGreaterThan(s.memory.availableBytes);
  }
  const busiest = snaps.slice(2).map((s) => Math.max(...s.cores));
  expect(Math.max(...busiest)).toBeGreaterThanOrEqual(80);
  // the samples are ~100 ms apart (loose: a busy machine may stretch them)
  const span = snaps[19].t - snaps[0].t;
  expect(span).toBeGreaterThan(19 * 80);
  expect(span).toBeLessThan(19 * 400);
});
