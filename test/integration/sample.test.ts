import os from 'node:os';
import { expect, it } from 'vitest';
import type { Snapshot } from '../../contract/snapshot.js';
import { runCli } from './helpers.js';

it('sample --interval 100 --count 20 --json prints 20 snapshots, one entry per logical core', async () => {
  const r = await runCli(['sample', '--interval', '100', '--count', '20', '--json']);
  expect(r.code, r.stderr).toBe(0);
  const lines = r.stdout.trim().split('\n');
  expect(lines).toHaveLength(20);
  const snaps = lines.map((l) => JSON.parse(l) as Snapshot);
  for (const s of snaps) {
    expect(s.cores).toHaveLength(os.cpus().length);
    for (const c of s.cores) expect(c).toBeGreaterThanOrEqual(0);
    expect(s.memory.totalBytes).toBeGreaterThan(s.memory.availableBytes);
  }
  // the samples are ~100 ms apart (loose: a busy machine may stretch them)
  const span = snaps[19].t - snaps[0].t;
  expect(span).toBeGreaterThan(19 * 80);
  expect(span).toBeLessThan(19 * 400);
});
