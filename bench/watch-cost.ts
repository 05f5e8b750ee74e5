/**
 * Bench: what watching a program costs. A real tree of 200 threads (4 Python processes of 50 threads
 * each, all waiting) is watched with `corescope watch --pid` — the scan of its /proc entries every
 * sample, children found again each time — while `htop -d 1` runs in tmux; both CoreScope's and htop's
 * CPU are read from /proc over the same window (observer.ts's besideHtop), at htop's own rate (100 ms)
 * and at CoreScope's default (500 ms). `npm run bench -- watch` runs it alone.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { besideHtop, has, type HtopRow } from './observer.js';
import { treeTicks } from './proc-tree.js';

const PROCESSES = 4;
const THREADS_PER_PROCESS = 50;

/** the parent and 3 forked children, each with 49 waiting threads beside its main one: 200 threads in all */
const TREE = `
import os, threading, time
for _ in range(${PROCESSES - 1}):
    if os.fork() == 0: break
ev = threading.Event()
for _ in range(${THREADS_PER_PROCESS - 1}): threading.Thread(target=ev.wait, daemon=True).start()
time.sleep(600)
`;

export interface WatchCostResult {
  /** threads of the watched tree when measured, as /proc counts them */
  threads: number;
  processes: number;
  rows: HtopRow[] | { skipped: string };
}

const threadsOf = (pid: number) => {
  try {
    return Number(/^Threads:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
};

export async function benchWatchCost(): Promise<WatchCostResult> {
  const tree: ChildProcess = spawn('python3', ['-c', TREE], { stdio: 'ignore' });
  try {
    const root = tree.pid as number;
    const t0 = performance.now();
    const count = () => [...treeTicks([root]).keys()].reduce((n, pid) => n + threadsOf(pid), 0);
    while (count() < PROCESSES * THREADS_PER_PROCESS && performance.now() - t0 < 30_000) await sleep(200);
    const threads = count();
    const processes = treeTicks([root]).size;
    if (!has('tmux') || !has('htop')) return { threads, processes, rows: { skipped: 'htop or tmux is not installed (apt-get install -y htop tmux)' } };
    const watch = (ms: number) => ['watch', '--json', '--interval', String(ms), '--pid', String(root)];
    const rows = [
      await besideHtop(`corescope watch --pid (${threads} threads) @100 ms`, watch(100), 1),
      await besideHtop(`corescope watch --pid (${threads} threads) @500 ms`, watch(500), 1),
    ];
    return { threads, processes, rows };
  } finally {
    // the tree's children were forked by it: end the whole process group of each, then the root
    for (const pid of treeTicks([tree.pid as number]).keys()) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone already
      }
    }
  }
}
