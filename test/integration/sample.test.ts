import { spawn } from 'node:child_process';
import os from 'node:os';
import { expect, it } from 'vitest';
import type { Snapshot } from '../../contract/snapshot.js';
import { MEASURES_CPU, runCli, startCli } from './helpers.js';

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

it('ends quietly when its reader goes, like `corescope sample | head -2`', async () => {
  const child = startCli(['sample', '--interval', '100']);
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  // the reader takes the first line and goes: the next write meets a closed pipe (EPIPE)
  child.stdout?.once('data', () => child.stdout?.destroy());
  const code = await Promise.race([exited, new Promise<string>((r) => setTimeout(() => r('still running'), 10_000))]);
  if (code === 'still running') child.kill('SIGKILL');
  expect(code).toBe(0);
  expect(stderr).toBe('');
});

const snapshotsOf = (stdout: string): Snapshot[] =>
  stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Snapshot);

/** Each core's busy %, weighted by each sample's interval, over the samples that end within [from, to]. */
const meanPerCore = (snaps: Snapshot[], from: number, to: number): number[] => {
  const inside = snaps.filter((s) => s.t >= from && s.t <= to);
  const ms = inside.reduce((sum, s) => sum + s.intervalMs, 0);
  return snaps[0].cores.map((_, i) => inside.reduce((sum, s) => sum + s.cores[i] * s.intervalMs, 0) / ms);
};

it('the portable readers agree with /proc within 10 points per core over the same seconds', MEASURES_CPU, async () => {
  // a known load, so that agreeing can't mean both read nothing: one core's worth of busy loop
  const busy = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
  try {
    const args = ['sample', '--interval', '500', '--count', '10', '--json'];
    const [proc, portable] = await Promise.all([runCli(args, 60_000, { CORESCOPE_READERS: 'proc' }), runCli(args, 60_000, { CORESCOPE_READERS: 'portable' })]);
    expect(proc.code, proc.stderr).toBe(0);
    expect(portable.code, portable.stderr).toBe(0);
    // the same seconds: the two start apart (systeminformation's first reading takes ~0.6 s), and the
    // busy loop may move between cores meanwhile; compare only the stretch both sampled
    const [sa, sb] = [snapshotsOf(proc.stdout), snapshotsOf(portable.stdout)];
    const from = Math.max(sa[0].t, sb[0].t) + 500;
    const to = Math.min(sa[sa.length - 1].t, sb[sb.length - 1].t);
    expect(to - from).toBeGreaterThanOrEqual(2000);
    const [a, b] = [meanPerCore(sa, from, to), meanPerCore(sb, from, to)];
    expect(b).toHaveLength(a.length);
    for (const [i, pct] of a.entries()) expect(Math.abs(pct - b[i]), `core ${i}: proc ${pct.toFixed(1)}, portable ${b[i].toFixed(1)}`).toBeLessThanOrEqual(10);
    for (const cores of [a, b]) expect(cores.reduce((x, y) => x + y, 0)).toBeGreaterThanOrEqual(80);
  } finally {
    busy.kill('SIGKILL');
  }
});
