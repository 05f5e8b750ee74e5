/**
 * No orphans, ever: whatever ends the CLI or a host, every unit process is gone within 2 s.
 * A stopped run ends its units at once.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../contract/run-events.js';
import { Engine } from '../../main/engine/engine.js';
import { alive, hostPids, startCli, waitFor } from './helpers.js';

const GONE_WITHIN_MS = 2000;

/** Start a long run in the CLI and wait until its hosts have started. */
async function longRun(mode: string, units: number, expectHosts: number) {
  const cli = startCli(['run', '--mode', mode, '--units', String(units), '--workload', 'cpu', '--duration', '60', '--json']);
  let stdout = '';
  cli.stdout?.on('data', (d) => (stdout += d));
  const exited = new Promise<number | null>((r) => cli.on('exit', (code) => r(code)));
  const hosts = await waitFor(() => {
    const h = hostPids(cli.pid);
    return h.length === expectHosts && h;
  }, 10_000);
  expect(hosts, 'hosts did not start').toBeTruthy();
  await new Promise((r) => setTimeout(r, 300)); // let the units get going
  return { cli, hosts: hosts as number[], exited, stdout: () => stdout };
}

const allGone = (pids: number[]) => waitFor(() => pids.every((p) => !alive(p)), GONE_WITHIN_MS);

describe('when the CLI dies', () => {
  afterAll(() => expect(hostPids()).toEqual([]));

  it.each([
    ['process', 3, 3],
    ['thread', 3, 1],
    ['async', 3, 1],
  ])('kill -9 of the CLI during a %s run leaves no unit behind', async (mode, units, hosts) => {
    const run = await longRun(mode, units, hosts);
    run.cli.kill('SIGKILL');
    await run.exited;
    expect(await allGone(run.hosts)).toBe(true);
  });

  it('Ctrl-C stops the run, prints its summary and exits 130', async () => {
    const run = await longRun('process', 2, 2);
    run.cli.kill('SIGINT');
    expect(await run.exited).toBe(130);
    expect(await allGone(run.hosts)).toBe(true);
    const summary = JSON.parse(run.stdout()) as RunSummary;
    expect(summary.unitResults.map((u) => u.state)).toEqual(['cancelled', 'cancelled']);
  });
});

describe('when a host dies', () => {
  it('kill -9 of the thread host ends the run with its units killed', async () => {
    const run = await longRun('thread', 2, 1);
    process.kill(run.hosts[0], 'SIGKILL');
    expect(await run.exited).toBe(0);
    const summary = JSON.parse(run.stdout()) as RunSummary;
    expect(summary.unitResults.map((u) => u.state)).toEqual(['killed', 'killed']);
  });

  it('kill -9 of one process unit kills only that unit', async () => {
    const engine = new Engine({ intervalMs: 200 });
    await engine.start();
    const run = engine.startRun({ mode: 'process', workload: 'io-sleep', units: 2, durationS: 2 });
    await waitFor(() => run.units.every((u) => u.state === 'waiting(io)'), 5000);
    process.kill(run.hosts[0].pid, 'SIGKILL');
    const summary = await engine.summary(run);
    expect(summary.unitResults.map((u) => u.state)).toEqual(['killed', 'done']);
    await engine.close();
  });
});

describe('stopping a run', () => {
  it.each(['process', 'thread', 'async'] as const)('stops a %s run at once and ends every unit', async (mode) => {
    const engine = new Engine({ intervalMs: 200 });
    await engine.start();
    const run = engine.startRun({ mode, workload: 'cpu', units: 2, durationS: 60 });
    await waitFor(() => run.units.every((u) => u.state === 'running'), 5000);
    const pids = run.hosts.map((h) => h.pid);
    const t = Date.now();
    await engine.stopRun(run.id);
    expect(Date.now() - t).toBeLessThan(GONE_WITHIN_MS);
    expect(await allGone(pids)).toBe(true);
    const summary = await engine.summary(run);
    expect(summary.unitResults.map((u) => u.state)).toEqual(['cancelled', 'cancelled']);
    await engine.close();
  });
});
