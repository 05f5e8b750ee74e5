/**
 * Cumulative CPU seconds: per logical core by mode (what node_exporter's node_cpu_seconds_total
 * reports) and per live unit (user and system time as the kernel counts them). The sampler's busy %
 * are rates between two reads; a Prometheus counter wants the running totals themselves, so these are
 * read on demand (a scrape), not on every sample.
 *
 * Linux: /proc/stat and /proc/<pid>[/task/<tid>]/stat, in USER_HZ ticks. Elsewhere: os.cpus()' times
 * (user, nice, system, idle, irq — libuv's view, in ms) and no per-unit kernel split.
 */
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { parseProcStatModes, parseTaskStat, type CpuMode } from '../../../lib/proc-parse.js';
import type { UnitRef } from '../runs/unit-ref.js';
import { onLinux } from '../platform.js';

/** USER_HZ: the unit of every time in /proc/stat and /proc/<pid>/stat; 100 on every Linux userland ABI CoreScope runs on. */
const TICKS_PER_S = 100;
const isLinux = onLinux;

export interface CoreSeconds {
  cpu: number;
  seconds: Partial<Record<CpuMode, number>>;
}

/**
 * One unit's CPU seconds so far: 'user' and 'system' as the kernel splits them (a process unit's whole
 * process, a thread unit's own thread); 'self' for an async task, which shares its thread with others
 * and so is only known by the slices it timed itself.
 */
export interface UnitCpuSeconds {
  runId: string;
  unitId: number;
  seconds: Partial<Record<'user' | 'system' | 'self', number>>;
}

export async function readCoreSeconds(): Promise<CoreSeconds[]> {
  if (isLinux) {
    return parseProcStatModes(await readFile('/proc/stat', 'utf8')).map(({ cpu, ticks }) => ({
      cpu,
      seconds: Object.fromEntries(Object.entries(ticks).map(([mode, t]) => [mode, t / TICKS_PER_S])),
    }));
  }
  return os.cpus().map(({ times }, cpu) => ({
    cpu,
    seconds: { user: times.user / 1000, nice: times.nice / 1000, system: times.sys / 1000, idle: times.idle / 1000, irq: times.irq / 1000 },
  }));
}

const statPath = (u: UnitRef) => (u.mode === 'process' ? `/proc/${u.pid}/stat` : `/proc/${u.pid}/task/${u.tid ?? u.pid}/stat`);

async function kernelSeconds(u: UnitRef): Promise<UnitCpuSeconds['seconds'] | null> {
  if (!isLinux || (u.mode === 'thread' && u.tid === null)) return null;
  const text = await readFile(statPath(u), 'utf8').catch(() => null); // the unit may have just exited
  const stat = text === null ? null : parseTaskStat(text);
  return stat && { user: stat.userTicks / TICKS_PER_S, system: stat.systemTicks / TICKS_PER_S };
}

/** Every live unit's CPU seconds; a unit whose figures can't be read here (gone, or no kernel split off Linux) is left out. */
export async function readUnitCpuSeconds(units: readonly UnitRef[]): Promise<UnitCpuSeconds[]> {
  const read = await Promise.all(
    units.map(async (u): Promise<UnitCpuSeconds | null> => {
      const seconds = u.mode === 'async' ? { self: u.selfCpuMs / 1000 } : await kernelSeconds(u);
      return seconds && { runId: u.runId, unitId: u.unitId, seconds };
    }),
  );
  return read.filter((r) => r !== null);
}
