/**
 * Reads what each live unit costs right now: CPU % (of one core), bytes, and the core it last ran on.
 * Processes through pidusage; with the proc readers (kind 'proc', Linux), every unit's thread through
 * /proc/<pid>/task/<tid>/stat (field 39 is the core) and memory from /proc/<pid>/smaps_rollup. The
 * portable readers can't see threads or cores: core stays null, a thread unit's CPU % is the time it
 * took itself, memory is RSS. Threads and async tasks get an equal share of their host's growth over
 * its idle baseline.
 *
 * Memory is PSS on Linux: a process's private pages plus its fair share of the pages it shares (the
 * node binary, libraries), so N processes add up to what they really take; USS would hide the shared
 * part, RSS would count it N times. smaps_rollup makes the kernel walk the page tables (ms per large
 * process), so it is read at most once a second per process and reused in between.
 */
import pidusage from 'pidusage';
import type { ReaderKind } from '../../../contract/domain.js';
import type { UnitSample } from '../../../contract/snapshot.js';
import { parseSmapsRollup, parseTaskStat, type TaskStat } from '../../../lib/proc-parse.js';
import { ProcFiles } from './proc-files.js';
import type { UnitRef } from '../runs/unit-ref.js';

const TICKS_PER_S = 100; // USER_HZ
const MEMORY_REFRESH_MS = 1000;
type Usage = { cpuPct: number; rss: number };

/** pidusage for many pids at once; a pid that died between samples is simply absent. */
async function readProcesses(pids: number[]): Promise<Map<number, Usage>> {
  const out = new Map<number, Usage>();
  if (pids.length === 0) return out;
  const put = (pid: number, s: { cpu: number; memory: number }) => out.set(pid, { cpuPct: s.cpu, rss: s.memory });
  try {
    const all = await pidusage(pids);
    for (const pid of pids) if (all[pid]) put(pid, all[pid]);
  } catch {
    // one dead pid rejects the batch: ask one by one
    const each = await Promise.allSettled(pids.map((pid) => pidusage(pid)));
    each.forEach((r, i) => r.status === 'fulfilled' && put(pids[i], r.value));
  }
  return out;
}

const taskPath = (u: UnitRef) => `/proc/${u.pid}/task/${u.tid ?? u.pid}/stat`;
const smapsPath = (pid: number) => `/proc/${pid}/smaps_rollup`;

interface Reading {
  value: number;
  at: number;
}

export class UnitReader {
  private readonly files = new ProcFiles();
  /** previous CPU readings, for rates: thread ticks by task path, self-reported ms by "run/unit" */
  private readonly prevTicks = new Map<string, Reading>();
  private readonly prevSelf = new Map<string, Reading>();
  /** last PSS per pid and when it was read */
  private readonly pss = new Map<number, Reading>();
  /** pidusage reads 0 % the first time it sees a pid: discard that reading */
  private readonly seenPids = new Set<number>();

  constructor(private readonly kind: ReaderKind) {}

  async read(units: readonly UnitRef[], now = performance.now()): Promise<UnitSample[]> {
    const isProc = this.kind === 'proc';
    const processPids = [...new Set(units.filter((u) => u.mode === 'process').map((u) => u.pid))];
    const allPids = [...new Set(units.map((u) => u.pid))];
    const [usage, tasks] = await Promise.all([
      readProcesses(isProc ? processPids : allPids),
      isProc ? this.readTasks(units) : Promise.resolve(new Map<string, TaskStat | null>()),
      isProc ? this.refreshPss(allPids, now) : Promise.resolve(),
    ]);
    const bytesOfPid = (pid: number) => (isProc ? this.pss.get(pid)?.value : usage.get(pid)?.rss) ?? 0;

    const samples = units.map((u): UnitSample => {
      const task = tasks.get(taskPath(u)) ?? null;
      const hostBytes = bytesOfPid(u.pid);
      const bytes = u.mode === 'process' ? hostBytes : Math.max(0, hostBytes - u.hostBaselineBytes) / Math.max(1, u.hostUnits);
      return {
        runId: u.runId,
        unitId: u.unitId,
        pid: u.pid,
        tid: u.tid,
        cpuPct: this.cpuPct(u, task, usage.get(u.pid), now),
        bytes: Math.round(bytes),
        core: task && task.processor >= 0 ? task.processor : null,
        state: u.state,
      };
    });
    this.forget(units, allPids);
    return samples;
  }

  close(): void {
    this.files.closeAll();
  }

  /** One read per OS thread: 10,000 async tasks share one thread and one read. */
  private async readTasks(units: readonly UnitRef[]): Promise<Map<string, TaskStat | null>> {
    const paths = [...new Set(units.map(taskPath))];
    const texts = await Promise.all(paths.map((p) => this.files.read(p)));
    return new Map(paths.map((p, i) => [p, texts[i] === null ? null : parseTaskStat(texts[i])]));
  }

  private async refreshPss(pids: number[], now: number): Promise<void> {
    const due = pids.filter((pid) => now - (this.pss.get(pid)?.at ?? -Infinity) >= MEMORY_REFRESH_MS);
    await Promise.all(
      due.map(async (pid) => {
        const text = await this.files.read(smapsPath(pid));
        if (text !== null) this.pss.set(pid, { value: parseSmapsRollup(text).pss, at: now });
      }),
    );
  }

  private cpuPct(u: UnitRef, task: TaskStat | null, usage: Usage | undefined, now: number): number {
    if (u.mode === 'process') {
      const first = !this.seenPids.has(u.pid);
      this.seenPids.add(u.pid);
      return first ? 0 : (usage?.cpuPct ?? 0);
    }
    if (u.mode === 'thread' && task) return this.rate(this.prevTicks, taskPath(u), (task.cpuTicks * 1000) / TICKS_PER_S, now);
    return this.rate(this.prevSelf, `${u.runId}/${u.unitId}`, u.selfCpuMs, now);
  }

  /** % of one core from a cumulative CPU-ms counter; the first reading only sets the base. */
  private rate(prev: Map<string, Reading>, key: string, cpuMs: number, now: number): number {
    const p = prev.get(key);
    prev.set(key, { value: cpuMs, at: now });
    if (!p || now <= p.at) return 0;
    return Math.max(0, ((cpuMs - p.value) / (now - p.at)) * 100);
  }

  /** Drop the state of units that are gone, so a long session doesn't grow without bound. */
  private forget(units: readonly UnitRef[], pids: number[]): void {
    const livePids = new Set(pids);
    const tasks = new Set(units.map(taskPath));
    const selves = new Set(units.map((u) => `${u.runId}/${u.unitId}`));
    for (const k of this.prevTicks.keys()) if (!tasks.has(k)) this.prevTicks.delete(k);
    for (const k of this.prevSelf.keys()) if (!selves.has(k)) this.prevSelf.delete(k);
    for (const pid of this.pss.keys()) if (!livePids.has(pid)) this.pss.delete(pid);
    for (const pid of this.seenPids) if (!livePids.has(pid)) this.seenPids.delete(pid);
    this.files.retainOnly(new Set([...tasks, ...pids.map(smapsPath)]));
  }
}
