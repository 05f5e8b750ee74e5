/**
 * The Python host with multiprocessing's `spawn` start method (macOS's and Windows' default), forced
 * here on Linux with CORESCOPE_PY_START=spawn: process mode and the scenarios whose units are
 * processes still run with their outcomes (lock: a multiprocessing.Lock across spawned units), and killing the host with SIGKILL leaves none of its
 * spawned units behind (each unit watches its host: PR_SET_PDEATHSIG here, a sentinel elsewhere).
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { CounterOutcome } from '../../contract/host-protocol.js';
import type { RunSummary, ScenarioResult } from '../../contract/run-events.js';
import { findPython } from '../../main/engine/runs/python-runtime.js';
import { alive, hostPids, runCli, startCli, waitFor } from './helpers.js';

const SPAWN = { CORESCOPE_PY_START: 'spawn' };
const cmdline = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
};
const isHostScript = (pid: number) => cmdline(pid).includes('/workloads/python/host.py');
const spawnedUnits = () => hostPids().filter((p) => cmdline(p).includes('spawn_main'));

async function scenario(name: string): Promise<ScenarioResult & { outcome: CounterOutcome }> {
  const r = await runCli(['scenario', name, '--runtime', 'python', '--mode', 'process', '--json'], 60_000, SPAWN);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as ScenarioResult & { outcome: CounterOutcome };
}

describe.skipIf(findPython() === null)('python runtime with the spawn start method', () => {
  afterEach(async () => {
    expect(await waitFor(() => hostPids().length === 0, 3000)).toBe(true);
  });

  it('run --mode process: 2 spawned unit processes, each its own pid, both done', async () => {
    const r = await runCli(['run', '--runtime', 'python', '--mode', 'process', '--units', '2', '--workload', 'cpu', '--duration', '2', '--json'], 60_000, SPAWN);
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout) as RunSummary;
    expect(new Set(s.unitResults.map((u) => u.pid)).size).toBe(2);
    expect(s.unitResults.every((u) => u.state === 'done' && u.cpuMs > 0 && u.peakBytes > 1e6)).toBe(true);
  });

  // race is not run here: its sleep(0.1) window is shorter than spawn's start-up under load (each
  // unit a fresh interpreter, seconds apart on a busy machine), so the updates need not overlap and
  // 30 is a fair outcome with spawn — see README, "Start method, named".
  it('lock in process mode: 30, with a multiprocessing.Lock across spawned units', async () => {
    const r = await scenario('lock');
    expect(r.outcome).toEqual({ expected: 30, actual: 30 });
  });

  it('kill -9 of the python host leaves none of its spawned units behind', async () => {
    const cli = startCli(['run', '--runtime', 'python', '--mode', 'process', '--units', '2', '--workload', 'cpu', '--duration', '60'], SPAWN);
    const exited = new Promise((r) => cli.on('exit', r));
    // the host and its 2 spawned units (spawn may add its resource tracker)
    const pids = await waitFor(() => spawnedUnits().length === 2 && hostPids(), 30_000);
    expect(pids, 'python host and units did not start').toBeTruthy();
    const host = (pids as number[]).find(isHostScript);
    expect(host).toBeDefined();
    process.kill(host as number, 'SIGKILL');
    // a spawned unit still importing its modules meets its host's death only when it gets to
    // become_unit_process (then at once): on a loaded machine that import can take seconds
    expect(await waitFor(() => (pids as number[]).every((p) => !alive(p)), 10_000)).toBe(true);
    cli.kill('SIGINT');
    await exited;
  });
});
