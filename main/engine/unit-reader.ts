/**
 * Reads what each live unit costs right now: CPU % (of one core), bytes, and the core it last ran on.
 * Processes through pidusage; on Linux, threads through /proc/<pid>/task/<tid>/stat (field 39 is the
 * core) and memory from /proc/<pid>/smaps_rollup. Threads and async tasks get an equal share
 * of their host's growth over its idle baseline. Memory is PSS on Linux: a process's private pages plus
 * its fair share of the pages it shares (the node binary, libraries), so N processes add up to what
 * they really take; USS would hide the shared part, RSS would count it N times.
 */
import { readFile } from 'node:fs/promises';
import pidusage from 'pidusage';
import type { MemoryMeasure, UnitSample } from '../../preload/api.js';
import { parseSmapsRollup, parseTaskStat, type TaskStat } from './proc-parse.js';
import type { UnitRef } from './unit-ref.js';

const TICKS_PER_S = 100; // USER_HZ
const isLinux = process.platform === 'linux';

export const memoryMeasure: MemoryMeasure = isLinux ? 'pss' : 'rss';

async function readPss(pid: number): Promise<number | null> {
  try {
    return parseSmapsRollup(await readFile(`/proc/${pid}/smaps_rollup`, 'utf8')).pss;
  } catch {
    return null;
  }
}

async function readTask(pid: number, tid: number): Promise<TaskStat | null> {
  try {
    return parseTaskStat(await readFile(`/proc/${pid}/task/${tid}/stat`, 'utf8'));
  } catch {
    return null;
  }
}

const taskKey = (u: UnitRef) => `${u.pid}/${u.tid ?? u.pid}`;

/** One read per OS thread: 10,000 async tasks share one thread and one read. */
async function readTasks(units: readonly UnitRef[]): Promise<Map<string, TaskStat | null>> {
  const keys = [...new Set(units.map(taskKey))];
  const stats = await Promise.all(keys.map((k) => readTask(...(k.split('/').map(Number) as [number, number]))));
  return new Map(keys.map((k, i) => [k, stats[i]]));
}

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

interface Tick {
  value: number;
  at: number;
}

export class UnitReader {
  /** previous CPU readings, for rates: thread ticks by "pid/tid", self-reported ms by "run/unit" */
  private prevTicks = new Map<string, Tick>();
  private prevSelf = new Map<string, Tick>();
  /** pidusage reads 0 % the first time it sees a pid: discard that reading */
  private seenPids = new Set<number>();

  async read(units: readonly UnitRef[], now = performance.now()): Promise<UnitSample[]> {
    const processPids = [...new Set(units.filter((u) => u.mode === 'process').map((u) => u.pid))];
    const allPids = [...new Set(units.map((u) => u.pid))];
    const [usage, pss, tasks] = await Promise.all([
      readProcesses(isLinux ? processPids : allPids),
      isLinux ? Promise.all(allPids.map(readPss)) : Promise.resolve([] as (number | null)[]),
      isLinux ? readTasks(units) : Promise.resolve(new Map<string, TaskStat | null>()),
    ]);
    const bytesOfPid = new Map<number, number>();
    allPids.forEach((pid, i) => {
      const b = pss[i] ?? usage.get(pid)?.rss;
      if (b !== undefined) bytesOfPid.set(pid, b);
    });

    const samples = units.map((u): UnitSample => {
      const task = tasks.get(taskKey(u)) ?? null;
      const hostBytes = bytesOfPid.get(u.pid) ?? 0;
      const bytes =
        u.mode === 'process' ? hostBytes : Math.max(0, hostBytes - u.hostBaselineBytes) / Math.max(1, u.hostUnits);
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
    this.forget(units);
    return samples;
  }

  private cpuPct(u: UnitRef, task: TaskStat | null, usage: Usage | undefined, now: number): number {
    if (u.mode === 'process') {
      const first = !this.seenPids.has(u.pid);
      this.seenPids.add(u.pid);
      return first ? 0 : (usage?.cpuPct ?? 0);
    }
    if (u.mode === 'thread' && task) return this.rate(this.prevTicks, `${u.pid}/${u.tid}`, (task.cpuTicks * 1000) / TICKS_PER_S, now);
    return this.rate(this.prevSelf, `${u.runId}/${u.unitId}`, u.selfCpuMs, now);
  }

  /** % of one core from a cumulative CPU-ms counter; the first reading only sets the base. */
  private rate(prev: Map<string, Tick>, key: string, cpuMs: number, now: number): number {
    const p = prev.get(key);
    prev.set(key, { value: cpuMs, at: now });
    if (!p || now <= p.at) return 0;
    return Math.max(0, ((cpuMs - p.value) / (now - p.at)) * 100);
  }

  /** Drop state of units that are gone, so a long session doesn't grow without bound. */
  private forget(units: readonly UnitRef[]): void {
    const pids = new Set(units.map((u) => u.pid));
    const tids = new Set(units.map((u) => `${u.pid}/${u.tid}`));
    const selves = new Set(units.map((u) => `${u.runId}/${u.unitId}`));
    for (const k of this.prevTicks.keys()) if (!tids.has(k)) this.prevTicks.delete(k);
    for (const k of this.prevSelf.keys()) if (!selves.has(k)) this.prevSelf.delete(k);
    for (const pid of this.seenPids) if (!pids.has(pid)) this.seenPids.delete(pid);
  }
}
