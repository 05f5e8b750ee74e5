/**
 * CPU of a whole process tree from /proc, as the kernel counts it (utime + stime of every process,
 * all its threads included), so a measurement sees the engine, its hosts and their units at once —
 * what a person watching htop would add up. Linux only; the bench and the observer test use it.
 */
import { readFileSync, readdirSync } from 'node:fs';

const TICKS_PER_S = 100; // USER_HZ

interface ProcTimes {
  ppid: number;
  ticks: number;
  comm: string;
}

function readTimes(pid: number): ProcTimes | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = text.lastIndexOf(')');
    // after ") ": state ppid … utime is field 14, stime 15 (fields[11], fields[12] counting from state)
    const f = text.slice(close + 2).split(' ');
    return { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]), comm: text.slice(text.indexOf('(') + 1, close) };
  } catch {
    return null; // gone between the listing and the read
  }
}

/** Every live process's times, by pid. */
function allProcesses(): Map<number, ProcTimes> {
  const out = new Map<number, ProcTimes>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const t = readTimes(pid);
    if (t) out.set(pid, t);
  }
  return out;
}

/** The pids of `roots` and all their descendants, with their CPU ticks now. */
export function treeTicks(roots: readonly number[]): Map<number, number> {
  const all = allProcesses();
  const children = new Map<number, number[]>();
  for (const [pid, t] of all) children.set(t.ppid, [...(children.get(t.ppid) ?? []), pid]);
  const out = new Map<number, number>();
  const stack = roots.filter((r) => all.has(r));
  while (stack.length) {
    const pid = stack.pop() as number;
    if (out.has(pid)) continue;
    out.set(pid, all.get(pid)?.ticks ?? 0);
    stack.push(...(children.get(pid) ?? []));
  }
  return out;
}

interface TreeCpu {
  /** CPU of the whole tree over the window, % of one core */
  pct: number;
  /** how many processes were in the tree at both ends */
  processes: number;
  wallMs: number;
}

/**
 * The tree's CPU over `windowMs`. Only processes present at both ends count (a steady state is what is
 * measured), so start measuring once the units are up.
 */
export async function measureTree(roots: readonly number[] | (() => number[]), windowMs: number): Promise<TreeCpu> {
  const rootsNow = () => (typeof roots === 'function' ? roots() : roots);
  const before = treeTicks(rootsNow());
  const t0 = performance.now();
  await new Promise((resolve) => setTimeout(resolve, windowMs));
  const after = treeTicks(rootsNow());
  const wallMs = performance.now() - t0;
  let ticks = 0;
  let processes = 0;
  for (const [pid, t] of after) {
    const b = before.get(pid);
    if (b === undefined) continue;
    ticks += t - b;
    processes++;
  }
  return { pct: ((ticks * 1000) / TICKS_PER_S / wallMs) * 100, processes, wallMs };
}

/** How many threads of the tree's processes are there now: 64 worker isolates take many seconds to start on a busy machine. */
export function treeThreads(roots: readonly number[]): number {
  let n = 0;
  for (const pid of treeTicks(roots).keys())
    try {
      n += readdirSync(`/proc/${pid}/task`).length;
    } catch {
      // gone between the listing and the count
    }
  return n;
}
