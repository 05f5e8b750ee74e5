/**
 * The watch's thread limit, enforced where the tree is read (the engine's scanner), on a real tree in
 * /proc: processes are read busiest first while their threads fit the budget; a process that does not
 * fit is counted (threadsLeftOut, the summary's note) but its threads are not read. The real budget is
 * WATCH_LIMITS.threads (4,096); a small one here proves the rule without starting 4,097 threads.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WATCH_LIMITS } from '../../contract/watch.js';
import { TreeScanner } from '../../main/engine/watch/tree-scan.js';
import { alive, waitFor } from './helpers.js';

/** the root (1 thread) forks two children: one with 30 threads, one with 10; each prints its pid */
const TREE = `
import os, sys, threading, time
for n in (30, 10):
    if os.fork() == 0:
        ev = threading.Event()
        for _ in range(n - 1): threading.Thread(target=ev.wait, daemon=True).start()
        print(n, os.getpid(), flush=True)
        time.sleep(60)
        os._exit(0)
time.sleep(60)
`;

// the interpreter itself, not a version manager's shim
const PYTHON = execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim();
let root: ChildProcess;
const kids = new Map<number, number>(); // threads → pid

beforeAll(async () => {
  root = spawn(PYTHON, ['-c', TREE], { stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  root.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
    for (const line of out.split('\n').slice(0, -1)) {
      const [n, pid] = line.split(' ').map(Number);
      kids.set(n, pid);
    }
  });
  const threads = (pid: number) => {
    try {
      return Number(/^Threads:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    } catch {
      return 0;
    }
  };
  expect(await waitFor(() => kids.size === 2 && threads(kids.get(30)!) === 30 && threads(kids.get(10)!) === 10, 10_000)).toBe(true);
});

afterAll(async () => {
  const pids = [root.pid as number, ...kids.values()];
  for (const pid of pids) if (alive(pid)) process.kill(pid, 'SIGKILL');
  expect(await waitFor(() => pids.every((p) => !alive(p)), 3000)).toBe(true);
});

describe('the thread budget of a watch', () => {
  it('is 4,096 threads', () => {
    expect(WATCH_LIMITS.threads).toBe(4096);
  });

  it('reads every thread of a tree within the budget', async () => {
    const scanner = new TreeScanner();
    try {
      const r = await scanner.read({ rootPid: root.pid as number, known: new Map(), busiestFirst: [] });
      expect(r.processes.map((p) => p.threads.length).sort((a, b) => a - b)).toEqual([1, 10, 30]);
      expect(scanner.threadsLeftOut).toBe(0);
    } finally {
      scanner.close();
    }
  });

  it('keeps the busiest processes’ threads within the budget, and counts the rest as left out', async () => {
    const scanner = new TreeScanner(25);
    try {
      const [big, small] = [kids.get(30) as number, kids.get(10) as number];
      const r = await scanner.read({ rootPid: root.pid as number, known: new Map(), busiestFirst: [small, root.pid as number, big] });
      const threadsOf = (pid: number) => r.processes.find((p) => p.pid === pid)?.threads.length;
      expect(threadsOf(small)).toBe(10);
      expect(threadsOf(root.pid as number)).toBe(1);
      expect(threadsOf(big)).toBe(0); // 30 do not fit in the 14 left: not read, still a process of the tree
      expect(scanner.threadsLeftOut).toBe(30);
    } finally {
      scanner.close();
    }
  });
});
