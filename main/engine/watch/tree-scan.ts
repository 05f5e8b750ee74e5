/**
 * Finds a watched tree in /proc and reads it, once per sample: the root and every descendant process
 * (through /proc/<pid>/task/<tid>/children where the kernel has it, with a full /proc parent scan every
 * FULL_SCAN_MS for what that misses; every sample where it doesn't), each process's stat, its threads'
 * stats within the thread budget, and its PSS at most once a second. Processes seen before stay in the
 * tree while they live, so a grandchild re-parented when its parent died is still followed.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { WATCH_LIMITS } from '../../../contract/watch.js';
import { parseChildren, parseCmdline, parsePidStat, type PidStat } from '../../../lib/proc-pid-parse.js';
import { parseSmapsRollup } from '../../../lib/proc-parse.js';
import { ProcFiles } from '../readers/proc-files.js';
import type { ProcReading, TreeReading } from './tree-state.js';

const FULL_SCAN_MS = 2000;
const MEMORY_REFRESH_MS = 1000;
const HAS_CHILDREN_FILE = existsSync(`/proc/${process.pid}/task/${process.pid}/children`);

const numbers = async (dir: string): Promise<number[]> => {
  try {
    return (await readdir(dir)).map(Number).filter((n) => Number.isInteger(n) && n > 0);
  } catch {
    return [];
  }
};

async function readText(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return null;
  }
}

export interface ScanRequest {
  rootPid: number;
  /** pid → start ticks of the tree's live processes at the last sample */
  known: ReadonlyMap<number, number>;
  /** pid → the name each had then: a new name means an exec, whose command line is read again */
  knownNames?: ReadonlyMap<number, string>;
  /** live pids busiest first, for the thread budget */
  busiestFirst: readonly number[];
}

export class TreeScanner {
  private readonly files = new ProcFiles();
  private lastFullScan = -Infinity;
  private readonly pss = new Map<number, { bytes: number; at: number }>();
  /** the handles used by this reading: the others (exited threads and processes) are closed after it */
  private touched = new Set<string>();
  /** threads of the tree not read this time (over the budget) */
  threadsLeftOut = 0;

  /** threadBudget: threads read per sample (WATCH_LIMITS.threads; smaller only to prove the limit) */
  constructor(private readonly threadBudget: number = WATCH_LIMITS.threads) {}

  async read(req: ScanRequest, now = performance.now()): Promise<TreeReading> {
    this.touched = new Set();
    const selfStat = await this.readKept(`/proc/${process.pid}/stat`);
    const pids = await this.discover(req, now);
    const stats = await Promise.all(pids.map((pid) => this.readKept(`/proc/${pid}/stat`)));
    const live = new Map<number, PidStat>();
    pids.forEach((pid, i) => {
      const s = stats[i] === null ? null : parsePidStat(stats[i]);
      // the same pid but a later start: a new process that reused it, not ours unless its parent is
      const startKnown = req.known.get(pid);
      if (s && (startKnown === undefined || startKnown === s.startTicks)) live.set(pid, s);
    });
    const budgetOrder = [...new Set([...req.busiestFirst.filter((p) => live.has(p)), ...live.keys()])];
    let budget = this.threadBudget;
    this.threadsLeftOut = 0;
    const processes = await Promise.all(
      budgetOrder.map(async (pid): Promise<ProcReading> => {
        const stat = live.get(pid) as PidStat;
        const fits = stat.threads <= budget;
        if (fits) budget -= stat.threads;
        else this.threadsLeftOut += stat.threads;
        const [threads, bytes, cmdline] = await Promise.all([
          fits ? this.readThreads(pid) : Promise.resolve([]),
          this.readMemory(pid, now),
          req.known.has(pid) && req.knownNames?.get(pid) === stat.name
            ? Promise.resolve(undefined)
            : readText(`/proc/${pid}/cmdline`).then((t) => (t === null ? '' : parseCmdline(t))),
        ]);
        return { pid, stat, threads, bytes, ...(cmdline !== undefined && { cmdline }) };
      }),
    );
    const self = selfStat === null ? null : parsePidStat(selfStat);
    this.forget(new Set(live.keys()));
    return { t: Date.now(), processes, selfChildTicks: self?.childTicks ?? 0 };
  }

  close(): void {
    this.files.closeAll();
  }

  /** The root, its descendants, and every live process seen before (with their descendants). */
  private async discover(req: ScanRequest, now: number): Promise<number[]> {
    const tree = new Set<number>([req.rootPid, ...req.known.keys()]);
    if (HAS_CHILDREN_FILE) {
      const queue = [...tree];
      while (queue.length) {
        const pid = queue.pop() as number;
        for (const tid of await numbers(`/proc/${pid}/task`)) {
          const text = await this.readKept(`/proc/${pid}/task/${tid}/children`);
          for (const child of text === null ? [] : parseChildren(text))
            if (!tree.has(child)) {
              tree.add(child);
              queue.push(child);
            }
        }
      }
    }
    if (!HAS_CHILDREN_FILE || now - this.lastFullScan >= FULL_SCAN_MS) {
      this.lastFullScan = now;
      await this.addByParent(tree);
    }
    return [...tree];
  }

  /** The full scan: every process's parent from /proc/<pid>/stat, and the tree's descendants from those. */
  private async addByParent(tree: Set<number>): Promise<void> {
    const all = await numbers('/proc');
    const stats = await Promise.all(all.map((pid) => readText(`/proc/${pid}/stat`)));
    const children = new Map<number, number[]>();
    all.forEach((pid, i) => {
      const s = stats[i] === null ? null : parsePidStat(stats[i]);
      if (s) children.set(s.ppid, [...(children.get(s.ppid) ?? []), pid]);
    });
    const queue = [...tree];
    while (queue.length)
      for (const child of children.get(queue.pop() as number) ?? [])
        if (!tree.has(child)) {
          tree.add(child);
          queue.push(child);
        }
  }

  private async readThreads(pid: number): Promise<ProcReading['threads']> {
    const tids = await numbers(`/proc/${pid}/task`);
    const texts = await Promise.all(tids.map((tid) => this.readKept(`/proc/${pid}/task/${tid}/stat`)));
    const out: ProcReading['threads'] = [];
    tids.forEach((tid, i) => {
      const s = texts[i] === null ? null : parsePidStat(texts[i]);
      if (s) out.push({ tid, stat: s });
    });
    return out;
  }

  private async readMemory(pid: number, now: number): Promise<number | null> {
    const last = this.pss.get(pid);
    if (last && now - last.at < MEMORY_REFRESH_MS) return last.bytes;
    const text = await this.readKept(`/proc/${pid}/smaps_rollup`);
    if (text === null) return null;
    const bytes = parseSmapsRollup(text).pss;
    this.pss.set(pid, { bytes, at: now });
    return bytes;
  }

  /** A /proc file read through a handle kept open while it is read at every sample. */
  private readKept(path: string): Promise<string | null> {
    this.touched.add(path);
    const n = this.files.read(path);
    return Promise.resolve(n < 0 ? null : this.files.buf.toString('latin1', 0, n));
  }

  /** Close the handles not used this time and drop the memory readings of processes that are gone. */
  private forget(live: ReadonlySet<number>): void {
    for (const pid of this.pss.keys()) if (!live.has(pid)) this.pss.delete(pid);
    // smaps_rollup is read once a second: keep its handle while the process lives
    for (const pid of live) this.touched.add(`/proc/${pid}/smaps_rollup`);
    this.files.retainOnly(this.touched);
  }
}
