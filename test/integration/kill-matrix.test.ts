/**
 * The kill matrix: every kind of process CoreScope starts (kill-matrix-kinds.ts) is killed with -9
 * mid-run, three ways — the process itself inside a live engine, the CLI running it, and `corescope
 * serve` running it for a connected client. Each time: nothing of that run is left after 2 s; inside
 * the engine also the run ends saying the kind was killed (not done), and the engine starts and
 * finishes a run afterwards. Serial: the tree of one row must not be confused with another's.
 */
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../main/engine/engine.js';
import type { Run } from '../../main/engine/runs/run.js';
import { connect } from '../../bench/soak/socket-client.js';
import { KINDS, cliArgs, endedAsExpected, type Kind } from './kill-matrix-kinds.js';
import { hostPids, startCli, waitFor } from './helpers.js';
import { descendants, running } from './process-tree.js';

const GONE_WITHIN_MS = 2000;
/** a Python host or a scenario's units can take a few seconds to appear on 2 busy cores */
const APPEARS_WITHIN_MS = 20_000;
/** after the victim appears, a moment for the run's other processes to start too */
const SETTLE_MS = 500;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const rows = KINDS.map((k) => [k.name, k] as const);
const allGone = (pids: number[]) => waitFor(() => pids.every((p) => !running(p)), GONE_WITHIN_MS);
const survivors = (pids: number[]) => pids.filter(running).map((p) => `${p}`);

/** Waits until the kind's process runs below `root`; returns it and every process of the run then. */
async function findVictim(root: number, kind: Kind): Promise<{ victim: number; tree: number[] }> {
  const victim = await waitFor(() => {
    const tree = descendants(root);
    return (!kind.readyWhen || tree.some(kind.readyWhen)) && tree.find(kind.is);
  }, APPEARS_WITHIN_MS);
  if (!victim) throw new Error(`no ${kind.name} appeared below ${root}`);
  await sleep(SETTLE_MS);
  return { victim, tree: descendants(root) };
}

describe('kill matrix: kill -9 of each kind inside a live engine', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = new Engine({ intervalMs: 200 });
    await engine.start();
  });
  afterAll(async () => {
    await engine.close();
    expect(hostPids()).toEqual([]);
  });

  it.each(rows)('kill -9 of the %s: the run ends with it killed, the engine goes on, nothing is left', async (_, kind) => {
    const run: Run = kind.start.method === 'startRun' ? engine.startRun(kind.start.params) : engine.runScenario(kind.start.params);
    const { victim, tree } = await findVictim(process.pid, kind);
    // a unit process is known by the pid its first report gave; wait for it, so the kill is mid-run
    if (kind.expect === 'one-killed') expect(await waitFor(() => run.units.some((u) => u.pid === victim), APPEARS_WITHIN_MS)).toBe(true);
    const victimUnit = run.units.findIndex((u) => u.pid === victim);
    process.kill(victim, 'SIGKILL');
    expect(await waitFor(() => !running(victim), GONE_WITHIN_MS), 'the victim itself').toBe(true);

    const summary = await engine.summary(run);
    const states = summary.unitResults.map((u) => u.state);
    expect(endedAsExpected(kind, states, victimUnit), `${kind.expect}: ${states.join(',')}`).toBe(true);
    // a kill or a failure is said with its reason, never a silent end
    for (const u of summary.unitResults) if (u.state === 'killed' || u.state === 'failed') expect(u.reason, `unit ${u.id} ${u.state}`).toBeTruthy();
    if (kind.expect !== 'all-failed') expect(summary.unitResults.find((u) => u.state === 'killed')?.reason).toMatch(/SIGKILL/);
    expect(await allGone(tree), `survivors: ${survivors(tree).join(' ')}`).toBe(true);

    const next = await engine.runToEnd({ mode: 'async', workload: 'io-sleep', units: 2, durationS: 0.2 });
    expect(next.unitResults.map((u) => u.state)).toEqual(['done', 'done']);
  });
});

describe('kill matrix: kill -9 of the CLI during each kind', () => {
  afterAll(() => expect(hostPids()).toEqual([]));

  it.each(rows)('kill -9 of the CLI during a run with a %s: nothing is left', async (_, kind) => {
    const cli = startCli(cliArgs(kind.start));
    const exited = new Promise<void>((r) => cli.once('exit', () => r()));
    try {
      const { tree } = await findVictim(cli.pid as number, kind);
      cli.kill('SIGKILL');
      await exited;
      expect(await allGone(tree), `survivors: ${survivors(tree).join(' ')}`).toBe(true);
    } finally {
      cli.kill('SIGKILL');
    }
  });
});

/** `corescope serve` on any free port, and the URL it printed. */
async function startServe(): Promise<{ child: ChildProcess; url: string; exited: Promise<void> }> {
  const child = startCli(['serve', '--port', '0', '--interval', '200']);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  const printed = await waitFor(() => /http:\/\/\S+/.exec(out)?.[0], APPEARS_WITHIN_MS);
  if (!printed) {
    child.kill('SIGKILL');
    throw new Error(`corescope serve printed no URL: ${out}`);
  }
  return { child, url: printed, exited };
}

describe('kill matrix: kill -9 of corescope serve during each kind, a client connected', () => {
  afterAll(() => expect(hostPids()).toEqual([]));

  it.each(rows)('kill -9 of corescope serve during a run with a %s: nothing is left', async (_, kind) => {
    const serve = await startServe();
    try {
      const client = await connect(serve.url);
      client.onPush(() => undefined); // a dashboard client: it hears the streams as they come
      await client.call(kind.start.method, kind.start.params);
      const { tree } = await findVictim(serve.child.pid as number, kind);
      serve.child.kill('SIGKILL');
      await serve.exited;
      expect(await allGone(tree), `survivors: ${survivors(tree).join(' ')}`).toBe(true);
      await client.close();
    } finally {
      serve.child.kill('SIGKILL');
    }
  });
});
