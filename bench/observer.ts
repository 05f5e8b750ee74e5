/**
 * Bench: the observer effect. Each case runs CoreScope (`corescope run`, idle io-sleep units, sampling
 * every 100 ms) and the same shape in plain Node (processes, worker threads or timers that only wait)
 * side by side, at the same time, and measures both process trees' CPU from /proc over the same window,
 * so a noisy machine spoils both alike and the difference is what CoreScope adds. Then the sampler
 * beside `htop -d 1` (run in tmux), measured the same way.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { round } from '../main/engine/studies/stats.js';
import { treeThreads, treeTicks } from './proc-tree.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WINDOW_MS = 12_000;
/**
 * Beside htop, longer: /proc/<pid>/stat counts CPU in whole clock ticks (10 ms), and a 10 Hz sampler
 * costs ~0.5 % of a core — 6 ticks in 12 s, where one tick either way is ±17 % of the figure (and of
 * the ratio); over 36 s, ±6 %.
 */
const HTOP_WINDOW_MS = 36_000;
const SETTLE_MS = 10_000;
const SETTLE_STEP_MS = 2_000;
const SETTLE_WINDOWS = 4;
const SETTLE_MAX_MS = 120_000;
/** fresh CoreScope processes measured one after another beside htop; the median counts */
const HTOP_ROUNDS = 3;
const TICK_MS = 10; // one clock tick (USER_HZ 100)
/** threads a Node process has besides its workers, at least (main, V8's platform workers; libuv's pool starts on demand) */
const NODE_OWN_THREADS = 5;

interface Case {
  label: string;
  mode: 'process' | 'thread' | 'async';
  units: number;
}

const CASES: Case[] = [
  { label: '32 processes', mode: 'process', units: 32 },
  { label: '64 processes', mode: 'process', units: 64 },
  { label: '32 threads', mode: 'thread', units: 32 },
  { label: '64 threads', mode: 'thread', units: 64 },
  { label: '10,000 async tasks', mode: 'async', units: 10_000 },
  { label: '100,000 async tasks', mode: 'async', units: 100_000 },
];

interface ObserverRow {
  label: string;
  corescopePct: number;
  plainPct: number;
  /** CoreScope − plain, % of one core */
  overPct: number;
  /** the sampling process alone, % of one core */
  enginePct: number;
  /** seconds from the units being up until both trees were steady */
  settledS: number;
}

export interface HtopRow {
  label: string;
  /** CoreScope's whole tree: the engine and the hosts it started */
  corescopePct: number;
  /** the engine alone: the sampling process, the monitor that stands beside htop */
  enginePct: number;
  htopPct: number;
  /** engine ÷ htop: monitor against monitor (the hosts' idle cost is the observer table's) */
  ratio: number;
  settledS: number;
  /** with several rounds: each round's ratio, in the order measured (the row's figures are the median round's) */
  ratios?: number[];
}

export interface ObserverResult {
  windowMs: number;
  htopWindowMs: number;
  rows: ObserverRow[];
  htop: HtopRow[] | { skipped: string };
}

/** The same shape without CoreScope: N processes, one process with N workers, or N timers, all waiting. */
function plainShape(c: Case): ChildProcess[] {
  const wait = 'setTimeout(() => {}, 600000)';
  const node = (code: string) => spawn(process.execPath, ['-e', code], { stdio: 'ignore' });
  if (c.mode === 'process') return Array.from({ length: c.units }, () => node(wait));
  if (c.mode === 'thread')
    return [node(`const { Worker } = require('node:worker_threads'); for (let i = 0; i < ${c.units}; i++) new Worker(${JSON.stringify(wait)}, { eval: true }); ${wait}`)];
  return [node(`for (let i = 0; i < ${c.units}; i++) new Promise((r) => setTimeout(r, 600000)); ${wait}`)];
}

const corescope = (args: string[]) => spawn(process.execPath, [`${ROOT}bin/corescope.js`, ...args], { stdio: 'ignore' });

/** CPU of each group of trees over one window, % of one core; `firstRootPct` the first group's root process alone (the engine). */
async function measureSideBySide(groups: number[][], windowMs: number): Promise<{ pct: number[]; firstRootPct: number }> {
  const before = groups.map((g) => treeTicks(g));
  const t0 = performance.now();
  await sleep(windowMs);
  const after = groups.map((g) => treeTicks(g));
  const ms = performance.now() - t0;
  const pctOf = (ticks: number) => round(((ticks * TICK_MS) / ms) * 100, 2);
  const pct = after.map((a, i) => {
    let ticks = 0;
    for (const [pid, t] of a) ticks += t - (before[i].get(pid) ?? t);
    return pctOf(ticks);
  });
  const root = groups[0][0];
  return { pct, firstRootPct: pctOf((after[0].get(root) ?? 0) - (before[0].get(root) ?? 0)) };
}

/** Wait until the trees hold what the case starts: every process up, and every worker thread. */
async function waitUp(roots: number[], processes: number, threads = 0): Promise<void> {
  const t0 = performance.now();
  while (treeTicks(roots).size < processes && performance.now() - t0 < 60_000) await sleep(250);
  // thread units: every worker is up (a worker isolate's start-up is seconds of CPU, not the idle cost)
  while (treeThreads(roots) < threads && performance.now() - t0 < 120_000) await sleep(250);
}

/**
 * Then wait until start-up is over in every group: compiling, the first collections and V8's memory
 * reducer in 64 fresh isolates come in bursts until ~40 s after the start, with quiet seconds between
 * them, so one quiet window proves nothing. Settled = each group's last SETTLE_WINDOWS windows of
 * SETTLE_STEP_MS within a point of each other (at least SETTLE_MS after the start; at most SETTLE_MAX_MS).
 * Returns the seconds it took.
 */
async function settle(groups: number[][]): Promise<number> {
  const t0 = performance.now();
  await sleep(SETTLE_MS);
  const history: number[][] = groups.map(() => []);
  while (performance.now() - t0 < SETTLE_MAX_MS) {
    const { pct } = await measureSideBySide(groups, SETTLE_STEP_MS);
    pct.forEach((p, i) => history[i].push(p));
    const steady = history.every((h) => {
      const last = h.slice(-SETTLE_WINDOWS);
      return last.length === SETTLE_WINDOWS && Math.max(...last) - Math.min(...last) <= 1;
    });
    if (steady) break;
  }
  return round((performance.now() - t0) / 1000, 1);
}

async function stop(children: ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve();
          c.once('exit', () => resolve());
          c.kill('SIGINT'); // the CLI stops its units on Ctrl-C and exits; plain Node just exits
          setTimeout(() => c.kill('SIGKILL'), 5000).unref();
        }),
    ),
  );
}

async function observe(c: Case): Promise<ObserverRow> {
  const cs = corescope(['run', '--mode', c.mode, '--units', String(c.units), '--workload', 'io-sleep', '--duration', '600', '--interval', '100', '--json']);
  const plain = plainShape(c);
  try {
    const procs = c.mode === 'process' ? c.units : 1;
    const workers = c.mode === 'thread' ? c.units + NODE_OWN_THREADS : 0;
    const groups = [[cs.pid as number], plain.map((p) => p.pid as number)];
    await waitUp(groups[0], procs + 1, workers);
    await waitUp(groups[1], procs, workers);
    const settledS = await settle(groups);
    const m = await measureSideBySide(groups, WINDOW_MS);
    return { label: c.label, corescopePct: m.pct[0], plainPct: m.pct[1], overPct: round(m.pct[0] - m.pct[1], 2), enginePct: m.firstRootPct, settledS };
  } finally {
    await stop([cs, ...plain]);
  }
}

export const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

/**
 * htop -d 1 (10 updates a second) in a detached tmux session, beside CoreScope; both trees measured
 * together. With `rounds` > 1, a fresh CoreScope each round beside the same htop, and the median
 * round's figures: processes of the same code at 10 Hz differ for as long as they live (six `sample`
 * processes side by side: 0.39–0.58 % of a core, each the same in two windows running — where their
 * wakeups fall against the others'), which a longer window does not average away and another process does.
 */
export async function besideHtop(label: string, args: string[], unitsUp: number, workers = 0, rounds = 1): Promise<HtopRow> {
  const session = `cs-bench-htop-${process.pid}`;
  spawnSync('tmux', ['new-session', '-d', '-s', session, '-x', '200', '-y', '50', 'htop -d 1']);
  try {
    const htopPid = Number(spawnSync('tmux', ['list-panes', '-t', session, '-F', '#{pane_pid}']).stdout.toString().trim());
    const rows: HtopRow[] = [];
    for (let i = 0; i < rounds; i++) {
      const cs = corescope(args);
      try {
        const groups = [[cs.pid as number], [htopPid]];
        await waitUp(groups[0], unitsUp, workers);
        const settledS = await settle(groups);
        const m = await measureSideBySide(groups, HTOP_WINDOW_MS);
        rows.push({ label, corescopePct: m.pct[0], enginePct: m.firstRootPct, htopPct: m.pct[1], ratio: round(m.firstRootPct / Math.max(0.01, m.pct[1]), 2), settledS });
      } finally {
        await stop([cs]);
      }
    }
    const median = [...rows].sort((a, b) => a.ratio - b.ratio)[Math.floor(rows.length / 2)];
    return rounds > 1 ? { ...median, ratios: rows.map((r) => r.ratio) } : median;
  } finally {
    spawnSync('tmux', ['kill-session', '-t', session]);
  }
}

export async function benchObserver(): Promise<ObserverResult> {
  const rows: ObserverRow[] = [];
  for (const c of CASES) rows.push(await observe(c));
  if (!has('tmux') || !has('htop')) return { windowMs: WINDOW_MS, htopWindowMs: HTOP_WINDOW_MS, rows, htop: { skipped: 'htop or tmux is not installed (apt-get install -y htop tmux)' } };
  const htop = [
    await besideHtop('corescope sample --interval 100', ['sample', '--interval', '100', '--json'], 1, 0, HTOP_ROUNDS),
    await besideHtop('engine, 64 thread units @100 ms', ['run', '--mode', 'thread', '--units', '64', '--workload', 'io-sleep', '--duration', '600', '--interval', '100', '--json'], 2, 64 + NODE_OWN_THREADS, HTOP_ROUNDS),
  ];
  return { windowMs: WINDOW_MS, htopWindowMs: HTOP_WINDOW_MS, rows, htop };
}
