/**
 * What a watch knows of its tree, updated from one reading per sample: every process and thread seen,
 * their CPU, cores and memory, and the CPU of children that lived and died between two samples. Pure:
 * readings in, samples and a summary out, so the accounting is tested without processes.
 *
 * The accounting of unseen children: when a process waits for a child, the kernel adds the child's CPU
 * (and that of the child's own reaped children) to the parent's cutime/cstime. So over one interval,
 * the growth of the tree's parents' child-ticks, less the totals of the tree's processes that vanished
 * (whose own rows already hold what we saw of them), is CPU no sample saw — "ended between samples".
 *
 * A process gone before it was an interval old — from its start (the kernel's) to the last reading that
 * saw it, less than the sampling interval: seen in one sample, or in two a busy sampler took close
 * together — is a helper such as a version manager's shim runs, not one of the program's own processes.
 * It gets no row; what it used counts in "ended between samples" with the children no sample saw at all.
 */
import type { OsState, UnitState } from '../../../contract/domain.js';
import type { UnitSample } from '../../../contract/snapshot.js';
import { WATCH_LIMITS, type WatchedProcess } from '../../../contract/watch.js';
import type { PidStat } from '../../../lib/proc-pid-parse.js';

const MS_PER_TICK = 10; // USER_HZ = 100
/** ended processes kept for the summary; beyond it the smallest fold into one count (no unbounded growth) */
const MAX_ENDED_RECORDS = 1024;

export interface ProcReading {
  pid: number;
  stat: PidStat;
  /** read on first sight only */
  cmdline?: string;
  /** the threads read this time (none when over the thread budget) */
  threads: Array<{ tid: number; stat: PidStat }>;
  /** PSS (or RSS) when read this time */
  bytes: number | null;
}

export interface TreeReading {
  /** epoch ms */
  t: number;
  processes: ProcReading[];
  /** CoreScope's own cutime+cstime at this reading (for the root it started) */
  selfChildTicks: number;
}

interface ThreadRecord {
  unitId: number;
  name: string;
  ticks: number;
  prevTicks: number;
  cores: Set<number>;
  core: number;
  state: OsState;
  shown: boolean;
}

interface ProcRecord {
  pid: number;
  ppid: number;
  startTicks: number;
  name: string;
  cmdline: string;
  firstAt: number;
  endAt: number | null;
  /** epoch ms of the last reading it was in */
  lastSeenAt: number;
  cpuTicks: number;
  prevTicks: number;
  childTicks: number;
  bytes: number;
  peakBytes: number;
  threads: Map<number, ThreadRecord>;
}

const keyOf = (pid: number, startTicks: number) => `${pid}/${startTicks}`;

const unitStateOf = (s: OsState): UnitState => (s === 'R' ? 'running' : s === 'Z' ? 'done' : 'waiting(io)');

export class TreeState {
  private readonly procs = new Map<string, ProcRecord>();
  private nextUnit = 0;
  private endedTicks = 0;
  private endedCount = 0;
  private folded = { count: 0, ticks: 0 };
  private lastSelfChildTicks: number | null = null;
  /** the sampling interval at the last reading: a process younger than it when last seen, then gone, gets no row */
  private intervalMs = 0;
  rootExitCode: number | null = null;

  constructor(
    readonly t0: number,
    readonly rootPid: number,
    /** attached to a running process: what its children used before we came is not ours to count */
    private readonly attached: boolean,
    /** CoreScope's own child-ticks just before it started the root (null: attached) */
    selfChildTicksAtStart: number | null,
    /** epoch ms of the machine's boot: a process's start ticks count from it */
    private readonly bootMs: number,
  ) {
    this.lastSelfChildTicks = selfChildTicksAtStart;
  }

  /** pid → start ticks of every live process, for the next discovery */
  known(): Map<number, number> {
    const out = new Map<number, number>();
    for (const p of this.procs.values()) if (p.endAt === null) out.set(p.pid, p.startTicks);
    return out;
  }

  /** pid → name of every live process, so that the scan reads the command line again after an exec */
  knownNames(): Map<number, string> {
    const out = new Map<number, string>();
    for (const p of this.procs.values()) if (p.endAt === null) out.set(p.pid, p.name);
    return out;
  }

  /** live pids, busiest first: who keeps their threads when the tree has more than the budget */
  busiestFirst(): number[] {
    return [...this.procs.values()]
      .filter((p) => p.endAt === null)
      .sort((a, b) => b.cpuTicks - b.prevTicks - (a.cpuTicks - a.prevTicks))
      .map((p) => p.pid);
  }

  get rootAlive(): boolean {
    return [...this.procs.values()].some((p) => p.pid === this.rootPid && p.endAt === null);
  }

  /** intervalMs: the sampling interval the reading was taken at */
  apply(reading: TreeReading, intervalMs: number): void {
    const { t } = reading;
    this.intervalMs = intervalMs;
    const seen = new Set<string>();
    const before = new Set([...this.procs.values()].filter((p) => p.endAt === null).map((p) => p.pid));
    let unseen = 0;
    for (const r of reading.processes) {
      const key = keyOf(r.pid, r.stat.startTicks);
      seen.add(key);
      let p = this.procs.get(key);
      // ended already: a reading begun before the root's exit and applied after it (rootReaped counted it all)
      if (p?.endAt != null) continue;
      if (!p) {
        p = this.newProcess(r, t);
        // children it waited for before we first saw it lived and died unseen (an attached root's past is not ours)
        if (!(this.attached && r.pid === this.rootPid)) unseen += r.stat.childTicks;
      } else unseen += r.stat.childTicks - p.childTicks;
      p.ppid = r.stat.ppid;
      p.lastSeenAt = t;
      p.name = r.stat.name;
      if (r.cmdline !== undefined) p.cmdline = r.cmdline; // read again after an exec (a launcher became the program)
      p.prevTicks = p.cpuTicks;
      p.cpuTicks = r.stat.cpuTicks;
      p.childTicks = r.stat.childTicks;
      if (r.bytes !== null) {
        p.bytes = r.bytes;
        p.peakBytes = Math.max(p.peakBytes, r.bytes);
      }
      this.applyThreads(p, r);
    }
    let brief = 0;
    for (const p of [...this.procs.values()]) {
      if (p.endAt !== null || seen.has(keyOf(p.pid, p.startTicks))) continue;
      // reaped by a parent of the tree: that parent's child-ticks grew by this process's whole total
      const ended = this.end(p, t, before.has(p.ppid) || p.pid === this.rootPid);
      unseen += ended.ticks;
      brief += ended.brief;
    }
    if (this.rootAlive) this.lastSelfChildTicks = reading.selfChildTicks;
    this.addUnseen(unseen, brief);
    this.fold();
  }

  /**
   * A process of the tree is gone. reapedInTree: a parent of the tree waited for it, so its whole total
   * is in that parent's child-ticks growth. Returns the ticks to add to the unseen CPU of this interval
   * (its seen part taken off, or — a process younger than an interval, whose row goes — what it used
   * moved in), and brief = 1 when it was such a short one.
   */
  private end(p: ProcRecord, t: number, reapedInTree: boolean): { ticks: number; brief: number } {
    p.endAt = t;
    const ageWhenLastSeen = p.lastSeenAt - (this.bootMs + p.startTicks * MS_PER_TICK);
    if (ageWhenLastSeen >= this.intervalMs || p.pid === this.rootPid) return { ticks: reapedInTree ? -(p.cpuTicks + p.childTicks) : 0, brief: 0 };
    // its childTicks were counted as unseen when it was first seen; its own ticks were only on its row
    this.procs.delete(keyOf(p.pid, p.startTicks));
    return { ticks: reapedInTree ? -p.childTicks : p.cpuTicks, brief: 1 };
  }

  /**
   * The root CoreScope started has exited and been reaped by CoreScope itself: CoreScope's own
   * child-ticks grew by the root's whole total since the last reading that saw it alive — and that total
   * holds every descendant the root (or a descendant it waited for) waited for, their ticks already seen
   * included. alive: the tree's processes still running now (pid → start ticks); the others ended with
   * the root, and what their rows hold is taken off the growth.
   */
  rootReaped(selfChildTicks: number, exitCode: number | null, alive: ReadonlyMap<number, number>): void {
    this.rootExitCode = exitCode;
    // a root that ended before any sample saw it has no row: all it used counts as unseen
    const root = [...this.procs.values()].find((p) => p.pid === this.rootPid);
    if (this.attached || this.lastSelfChildTicks === null) return;
    const now = Date.now();
    let unseen = selfChildTicks - this.lastSelfChildTicks;
    let brief = 0;
    // the root's rows hold what we saw of it; when a reading already missed it, apply() took that off
    if (root?.endAt === null) unseen += this.end(root, now, true).ticks;
    const endOne = (p: ProcRecord, reapedInTree: boolean) => {
      const ended = this.end(p, now, reapedInTree);
      unseen += ended.ticks;
      brief += ended.brief;
    };
    const gone = [...this.procs.values()].filter((p) => p.endAt === null && alive.get(p.pid) !== p.startTicks);
    // the ones reaped into the root: its children, their children, … (the list is in no order: repeat until none is added)
    const reaped = new Set([this.rootPid]);
    for (let more = true; more; ) {
      more = false;
      for (const p of gone)
        if (p.endAt === null && reaped.has(p.ppid)) {
          endOne(p, true);
          reaped.add(p.pid);
          more = true;
        }
    }
    // a parent still running waited for it: the next reading sees that parent's child ticks grow, and ends it then
    // otherwise no parent of the tree waited for it (re-parented): its CPU went elsewhere after we saw it
    for (const p of gone) if (p.endAt === null && !alive.has(p.ppid)) endOne(p, false);
    this.addUnseen(unseen, brief);
    this.lastSelfChildTicks = null;
  }

  /**
   * brief: processes seen once and gone, each one counted; otherwise an interval with CPU no sample saw
   * counts one (at least one process lived and died in it).
   */
  private addUnseen(ticks: number, brief: number): void {
    this.endedCount += Math.max(brief, ticks > 1 ? 1 : 0);
    this.endedTicks += ticks;
  }

  private newProcess(r: ProcReading, t: number): ProcRecord {
    const p: ProcRecord = {
      pid: r.pid,
      ppid: r.stat.ppid,
      startTicks: r.stat.startTicks,
      name: r.stat.name,
      cmdline: r.cmdline ?? '',
      firstAt: t,
      endAt: null,
      lastSeenAt: t,
      cpuTicks: r.stat.cpuTicks,
      prevTicks: r.stat.cpuTicks,
      childTicks: r.stat.childTicks,
      bytes: 0,
      peakBytes: 0,
      threads: new Map(),
    };
    this.procs.set(keyOf(r.pid, r.stat.startTicks), p);
    return p;
  }

  private applyThreads(p: ProcRecord, r: ProcReading): void {
    for (const th of p.threads.values()) th.shown = false;
    for (const { tid, stat } of r.threads) {
      let th = p.threads.get(tid);
      if (!th) {
        th = { unitId: this.nextUnit++, name: stat.name, ticks: stat.cpuTicks, prevTicks: stat.cpuTicks, cores: new Set(), core: -1, state: stat.state, shown: true };
        p.threads.set(tid, th);
      }
      th.prevTicks = th.ticks;
      th.ticks = stat.cpuTicks;
      th.name = stat.name;
      th.state = stat.state;
      th.core = stat.processor;
      th.shown = true;
      if (stat.processor >= 0 && th.ticks > th.prevTicks) th.cores.add(stat.processor);
    }
    // a thread pool's churn: keep the busiest ended threads only, so a long watch does not grow without bound
    if (p.threads.size > WATCH_LIMITS.threads) {
      const gone = [...p.threads].filter(([, th]) => !th.shown).sort(([, a], [, b]) => a.ticks - b.ticks);
      for (const [tid] of gone.slice(0, p.threads.size - WATCH_LIMITS.threads)) p.threads.delete(tid);
    }
  }

  /** The live threads as units of the snapshot. cpuPct: % of one core over the last interval. */
  samples(runId: string, intervalMs: number): UnitSample[] {
    const out: UnitSample[] = [];
    for (const p of this.procs.values()) {
      if (p.endAt !== null) continue;
      for (const [tid, th] of p.threads) {
        if (!th.shown) continue;
        out.push({
          runId,
          unitId: th.unitId,
          pid: p.pid,
          tid,
          cpuPct: intervalMs > 0 ? Math.max(0, ((th.ticks - th.prevTicks) * MS_PER_TICK * 100) / intervalMs) : 0,
          // the process's memory once, on its main thread, so the units add up to the tree's
          bytes: tid === p.pid ? p.bytes : 0,
          core: th.core >= 0 ? th.core : null,
          state: unitStateOf(th.state),
          watch: { name: th.name, ppid: p.ppid, os: th.state },
        });
      }
    }
    return out;
  }

  endedBetweenSamples(): { count: number; cpuMs: number } {
    return { count: this.endedCount, cpuMs: Math.max(0, this.endedTicks) * MS_PER_TICK };
  }

  processes(measure: 'pss' | 'rss'): WatchedProcess[] {
    return [...this.procs.values()].map((p) => ({
      pid: p.pid,
      ppid: p.ppid,
      name: p.name,
      cmdline: p.cmdline,
      startMs: Math.max(0, p.firstAt - this.t0),
      endMs: p.endAt === null ? null : p.endAt - this.t0,
      cpuMs: p.cpuTicks * MS_PER_TICK,
      peakBytes: p.peakBytes,
      measure,
      exitCode: p.pid === this.rootPid ? this.rootExitCode : null,
      threads: [...p.threads].map(([tid, th]) => ({ tid, name: th.name, cpuMs: th.ticks * MS_PER_TICK, coresSeen: [...th.cores].sort((a, b) => a - b) })),
    }));
  }

  /** CPU of processes folded away for the record limit: counted in the totals, without rows */
  get foldedAway(): { count: number; cpuMs: number } {
    return { count: this.folded.count, cpuMs: this.folded.ticks * MS_PER_TICK };
  }

  private fold(): void {
    const ended = [...this.procs.entries()].filter(([, p]) => p.endAt !== null);
    if (ended.length <= MAX_ENDED_RECORDS) return;
    ended.sort(([, a], [, b]) => a.cpuTicks - b.cpuTicks);
    for (const [key, p] of ended.slice(0, ended.length - MAX_ENDED_RECORDS)) {
      this.folded.count++;
      this.folded.ticks += p.cpuTicks;
      this.procs.delete(key);
    }
  }
}
