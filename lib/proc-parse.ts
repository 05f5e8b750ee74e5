/** Pure parsers for the Linux /proc files the sampler reads. No I/O here: text in, numbers out. */

export interface CoreTimes {
  busy: number;
  total: number;
}

/** /proc/stat → cumulative busy and total jiffies per logical core (the "cpuN" lines, in order). */
export function parseProcStat(text: string): CoreTimes[] {
  const cores: CoreTimes[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('cpu') || line.startsWith('cpu ')) continue;
    const [user, nice, system, idle, iowait, irq, softirq, steal] = line.split(/\s+/).slice(1, 9).map(Number);
    const idleAll = idle + (iowait || 0);
    const busy = user + nice + system + (irq || 0) + (softirq || 0) + (steal || 0);
    cores.push({ busy, total: busy + idleAll });
  }
  return cores;
}

/** Busy % per core between two /proc/stat readings. A core with no elapsed ticks reads 0. */
export function busyPctBetween(prev: CoreTimes[], next: CoreTimes[]): number[] {
  return next.map((n, i) => {
    const p = prev[i];
    if (!p) return 0;
    const total = n.total - p.total;
    return total > 0 ? clampPct(((n.busy - p.busy) / total) * 100) : 0;
  });
}

const clampPct = (v: number) => Math.min(100, Math.max(0, v));

export interface TaskStat {
  /** utime + stime, in clock ticks */
  cpuTicks: number;
  /** utime and stime apart, in clock ticks */
  userTicks: number;
  systemTicks: number;
  /** field 39: the CPU the task last ran on */
  processor: number;
}

/** /proc/<pid>/task/<tid>/stat (or /proc/<pid>/stat). The name may hold spaces and ')', so split after the last ')'. */
export function parseTaskStat(text: string): TaskStat | null {
  const close = text.lastIndexOf(')');
  if (close < 0) return null;
  // after ") " comes field 3; field k is at index k - 3
  const f = text.slice(close + 2).trim().split(' ');
  const utime = Number(f[14 - 3]);
  const stime = Number(f[15 - 3]);
  const processor = Number(f[39 - 3]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) return null;
  return { cpuTicks: utime + stime, userTicks: utime, systemTicks: stime, processor: Number.isFinite(processor) ? processor : -1 };
}

export interface SmapsRollup {
  rss: number;
  pss: number;
  uss: number;
}

/** /proc/<pid>/smaps_rollup → bytes. USS = private clean + private dirty: what the process alone holds. */
export function parseSmapsRollup(text: string): SmapsRollup {
  const kb = (key: string) => {
    const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text);
    return m ? Number(m[1]) * 1024 : 0;
  };
  return { rss: kb('Rss'), pss: kb('Pss'), uss: kb('Private_Clean') + kb('Private_Dirty') };
}

/** The /proc/stat columns node_exporter reports as node_cpu_seconds_total's modes, in the file's order. */
const CPU_MODES = ['user', 'nice', 'system', 'idle', 'iowait', 'irq', 'softirq', 'steal'] as const;
export type CpuMode = (typeof CPU_MODES)[number];

/** One logical core's cumulative time per mode, in clock ticks (USER_HZ), and its number ("cpu3" → 3). */
export interface CoreModeTicks {
  cpu: number;
  ticks: Partial<Record<CpuMode, number>>;
}

/**
 * /proc/stat → per-core cumulative ticks by mode. The core number comes from the line, not its
 * position, so an offline core doesn't shift the others. Columns an old kernel lacks are left out.
 */
export function parseProcStatModes(text: string): CoreModeTicks[] {
  const out: CoreModeTicks[] = [];
  for (const line of text.split('\n')) {
    const m = /^cpu(\d+)\s+(.*)$/.exec(line);
    if (!m) continue;
    const values = m[2].trim().split(/\s+/).map(Number);
    const ticks: CoreModeTicks['ticks'] = {};
    CPU_MODES.forEach((mode, i) => {
      if (Number.isFinite(values[i])) ticks[mode] = values[i];
    });
    out.push({ cpu: Number(m[1]), ticks });
  }
  return out;
}

