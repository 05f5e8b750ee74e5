/**
 * Reads what each live unit costs right now: CPU % (of one core), bytes, and the core it last ran on,
 * into arrays aligned with the units (no object per unit per sample: 100,000 async tasks are one read
 * of their host and a pass over numbers).
 *
 * On Linux every read is a synchronous pread through a kept-open handle (proc-files.ts), parsed
 * without allocating: each host's /proc/<pid>/stat once (a process unit's CPU, and the core its main
 * thread — where process and async units run — last ran on), and /proc/<pid>/task/<tid>/stat only for
 * the threads of live thread units, and only when their host's CPU time moved (else none of them ran:
 * their CPU is 0 and their cores the last ones) or once a second. With the portable readers (macOS, Windows, or CORESCOPE_READERS=portable)
 * pidusage, per process: no thread, no core (null), RSS; a thread unit's CPU is the time it took itself.
 *
 * Memory is PSS on Linux: a process's private pages plus its fair share of the pages it shares (the
 * node binary, libraries), so N processes add up to what they really take; USS would hide the shared
 * part, RSS would count it N times. smaps_rollup makes the kernel walk the page tables (ms per large
 * process: with 32 idle unit processes, read once a second each, it was ~3/4 of the sampler's CPU,
 * measured), so it is read again only when the resident set (RSS, in the stat line read anyway) has
 * moved by PSS_REFRESH_RSS_BYTES since, or PSS_REFRESH_MS has passed (sharing changes as processes
 * come and go); in between, PSS follows RSS's moves (pages a process gains or frees are its own). An
 * idle process costs one smaps_rollup read every PSS_REFRESH_MS. A process whose RSS keeps moving
 * is read again no sooner than PSS_COST_FACTOR times what its last read took (at least
 * PSS_MIN_GAP_MS): a thread host holding 64 isolates has thousands of mappings, its read takes
 * milliseconds, and refreshed on every 1 MB move it was ~2.5 % of a core, measured. Threads and async
 * tasks get an equal share of their host's growth over its idle baseline.
 */
import type { ReaderKind } from '../../../contract/domain.js';
import { asciiKey, kbFieldBytes, parseStatInto, type StatFields } from '../../../lib/proc-bytes.js';
import { ProcFiles } from './proc-files.js';
import type { UnitRef } from '../runs/unit-ref.js';

const TICKS_PER_S = 100; // USER_HZ
/** how far RSS may move before PSS is read again, and how long a PSS reading is trusted at most */
const PSS_REFRESH_RSS_BYTES = 1 << 20;
const PSS_REFRESH_MS = 30_000;
/** a process's PSS reads take at most 1/PSS_COST_FACTOR of the time, and come at most once a PSS_MIN_GAP_MS */
const PSS_COST_FACTOR = 200;
const PSS_MIN_GAP_MS = 1000;
const PAGE_BYTES = 4096;
const PSS = asciiKey('Pss:');
/** a host none of whose threads ran has its thread units' stat files read again at least this often (their cores) */
const THREAD_REFRESH_MS = 1000;

/** One sample's figures, index i for units[i]. */
export interface UnitReadings {
  units: readonly UnitRef[];
  cpuPct: Float64Array;
  bytes: Float64Array;
  /** the core the unit last ran on, -1 when unknown */
  core: Int32Array;
  /** each host process's own CPU, % of one core (for the monitor's cost inside the hosts) */
  hostCpuPct: Map<number, number>;
  /** by host pid, the CPU its units showed (the rest of the host's is CoreScope's own) */
  unitsCpuPctByHost: Map<number, number>;
  /** the newest `stateAt` among the units (epoch ms): none began a state after it */
  latestStateAt: number;
}

/** A cumulative CPU-ms counter's last reading; `at` < 0 until the first (which only sets the base). */
interface Rate {
  value: number;
  at: number;
}

/** A thread unit's: its stat file's path (made once) and the core it last ran on. */
interface ThreadRate extends Rate {
  path: string;
  core: number;
}

interface Pss {
  value: number;
  at: number;
  rssBytes: number;
  /** no read before this (performance.now() ms), however RSS moves */
  nextAt: number;
}

interface ProcessFigures {
  cpuPct: number;
  core: number;
  bytes: number;
  /** its CPU time moved since the previous read (false: none of its threads ran since) */
  moved: boolean;
}

const NO_UNITS: UnitReadings = Object.freeze({
  units: [],
  cpuPct: new Float64Array(0),
  bytes: new Float64Array(0),
  core: new Int32Array(0),
  hostCpuPct: new Map(),
  unitsCpuPctByHost: new Map(),
  latestStateAt: 0,
});

/** pidusage for many pids at once (not Linux); a pid that died between samples is simply absent. */
async function readWithPidusage(pids: number[]): Promise<Map<number, { cpu: number; memory: number }>> {
  const out = new Map<number, { cpu: number; memory: number }>();
  if (pids.length === 0) return out;
  const { default: pidusage } = await import('pidusage');
  try {
    const all = await pidusage(pids);
    for (const pid of pids) if (all[pid]) out.set(pid, all[pid]);
  } catch {
    // one dead pid rejects the batch: ask one by one
    const each = await Promise.allSettled(pids.map((pid) => pidusage(pid)));
    each.forEach((r, i) => r.status === 'fulfilled' && out.set(pids[i], r.value));
  }
  return out;
}

/** The distinct pids of `units`, whose units come together. */
function pidsOf(units: readonly UnitRef[]): number[] {
  const pids: number[] = [];
  for (let i = 0, last = -1; i < units.length; i++) if (units[i].pid !== last) pids.push((last = units[i].pid));
  return [...new Set(pids)];
}

/** % of one core since the counter's last reading, which becomes `cpuMs` at `now`; the first reading only sets the base. */
function advance(r: Rate, cpuMs: number, now: number): number {
  const pct = r.at >= 0 && now > r.at ? Math.max(0, ((cpuMs - r.value) / (now - r.at)) * 100) : 0;
  r.value = cpuMs;
  r.at = now;
  return pct;
}

const statPath = (pid: number) => `/proc/${pid}/stat`;
const taskPath = (pid: number, tid: number) => `/proc/${pid}/task/${tid}/stat`;
const smapsPath = (pid: number) => `/proc/${pid}/smaps_rollup`;

export class UnitReader {
  /** the proc readers see threads, cores and PSS; the portable ones processes only (pidusage, RSS) */
  private readonly isProc: boolean;
  private readonly files = new ProcFiles();
  private readonly stat: StatFields = { cpuTicks: 0, processor: -1, rssPages: 0 };
  /** previous cumulative CPU ms, for rates: by path (host processes) and by unit (threads, async slices) */
  private readonly prevByPath = new Map<string, Rate>();
  private readonly prevByUnit = new WeakMap<UnitRef, Rate>();
  private readonly threadRates = new WeakMap<UnitRef, ThreadRate>();
  /** the units of the previous read and their self-reported CPU then, by index: while the run manager
   * hands out the same array (no unit changed), a task's rate is a subtraction, not a map lookup */
  private prevUnits: readonly UnitRef[] | null = null;
  private prevSelfMs = new Float64Array(0);
  private prevSelfAt = 0;
  /** last PSS per pid, when it was read, and the RSS then */
  private readonly pss = new Map<number, Pss>();
  /** per host pid, when its thread units' stat files were last read */
  private readonly threadsReadAt = new Map<number, number>();
  private reused: Pick<UnitReadings, 'cpuPct' | 'bytes' | 'core'> = { cpuPct: new Float64Array(0), bytes: new Float64Array(0), core: new Int32Array(0) };
  /** pidusage reads 0 % the first time it sees a pid: discard that reading */
  private readonly seenPids = new Set<number>();

  constructor(kind: ReaderKind) {
    this.isProc = kind === 'proc';
  }

  /**
   * The reading when there is nothing to read, or null: no units now nor at the last read (the machine
   * alone: `sample`, a dashboard between runs) — the last read has forgotten every process already.
   */
  idleReading(units: readonly UnitRef[]): UnitReadings | null {
    return units.length === 0 && this.prevUnits?.length === 0 ? NO_UNITS : null;
  }

  async read(units: readonly UnitRef[], now = performance.now()): Promise<UnitReadings> {
    const idle = this.idleReading(units);
    if (idle) return idle;
    const n = units.length;
    const out: UnitReadings = { units, ...this.arrays(n), hostCpuPct: new Map(), unitsCpuPctByHost: new Map(), latestStateAt: 0 };
    // the proc readers read a host when its first unit comes up; pidusage wants all the pids at once
    const portablePids = this.isProc ? null : pidsOf(units);
    const procs: Map<number, ProcessFigures | null> = portablePids ? await this.readPortable(portablePids) : new Map();
    const keep = new Set<string>();
    const sameUnits = units === this.prevUnits && now > this.prevSelfAt;
    if (!sameUnits && this.prevSelfMs.length !== n) this.prevSelfMs = new Float64Array(n);
    // One pass. A host's units come together (an async run's 100,000 share one pid): what is the
    // host's — its figures, each unit's share of its memory — is worked out once per stretch.
    let lastPid = -1;
    let proc: ProcessFigures | null | undefined;
    let share = 0;
    let readThreads = true;
    let stretchCpu = 0;
    let latestStateAt = 0;
    for (let i = 0; i < n; i++) {
      const u = units[i];
      if (u.pid !== lastPid) {
        if (lastPid !== -1) out.unitsCpuPctByHost.set(lastPid, (out.unitsCpuPctByHost.get(lastPid) ?? 0) + stretchCpu);
        lastPid = u.pid;
        stretchCpu = 0;
        proc = procs.get(u.pid);
        if (proc === undefined && this.isProc) {
          proc = this.readProcess(u.pid, keep, now);
          procs.set(u.pid, proc);
        }
        const hostBytes = proc?.bytes ?? 0;
        share = u.mode === 'process' ? hostBytes : Math.max(0, hostBytes - u.hostBaselineBytes) / Math.max(1, u.hostUnits);
        // A host whose CPU time did not move ran none of its threads: each one's CPU since is 0 and its
        // core the one it last ran on, so its thread units' stat files are left unread (64 idle thread
        // units: one read per sample instead of 65), but for a refresh of their cores once a second.
        readThreads = u.mode !== 'thread' || !proc || proc.moved || now - (this.threadsReadAt.get(u.pid) ?? -Infinity) >= THREAD_REFRESH_MS;
        if (readThreads && u.mode === 'thread') this.threadsReadAt.set(u.pid, now);
      }
      out.core[i] = proc?.core ?? -1;
      out.bytes[i] = share;
      let cpu = 0;
      const self = u.selfCpuMs;
      if (u.mode === 'process') cpu = proc?.cpuPct ?? 0;
      else if (u.mode === 'thread' && this.isProc && u.tid !== null) {
        // only live thread units' threads are read; the host's other threads are not
        let t = this.threadRates.get(u);
        if (!t) this.threadRates.set(u, (t = { value: 0, at: -1, path: taskPath(u.pid, u.tid), core: -1 }));
        keep.add(t.path);
        if (readThreads || t.at < 0) {
          const len = this.files.read(t.path);
          if (len > 0 && parseStatInto(this.files.buf, len, this.stat)) {
            cpu = advance(t, (this.stat.cpuTicks * 1000) / TICKS_PER_S, now);
            t.core = this.stat.processor;
          }
        } else t.at = now; // it used nothing since: the next rate starts here
        out.core[i] = t.core;
      } else if (sameUnits) {
        const d = self - this.prevSelfMs[i];
        cpu = d > 0 ? (d / (now - this.prevSelfAt)) * 100 : 0;
      } else cpu = this.unitRate(u, now);
      this.prevSelfMs[i] = self;
      out.cpuPct[i] = cpu;
      stretchCpu += cpu;
      if (u.stateAt > latestStateAt) latestStateAt = u.stateAt;
    }
    if (lastPid !== -1) out.unitsCpuPctByHost.set(lastPid, (out.unitsCpuPctByHost.get(lastPid) ?? 0) + stretchCpu);
    for (const [pid, p] of procs) if (p) out.hostCpuPct.set(pid, p.cpuPct);
    out.latestStateAt = latestStateAt;
    this.prevUnits = units;
    this.prevSelfAt = now;
    this.forget(new Set(portablePids ?? procs.keys()), keep);
    return out;
  }

  close(): void {
    this.files.closeAll();
  }

  /**
   * The figures' arrays, made again only when the number of units changes: at 100,000 tasks they are
   * 2 MB, which a new set per sample would hand the GC ten times a second. Each read overwrites every
   * element; the previous readings (the sampler's, for pages between samples) are the latest anyway.
   */
  private arrays(n: number): Pick<UnitReadings, 'cpuPct' | 'bytes' | 'core'> {
    if (this.reused.cpuPct.length !== n) this.reused = { cpuPct: new Float64Array(n), bytes: new Float64Array(n), core: new Int32Array(n) };
    return this.reused;
  }

  /** Linux: one stat read per host process (its PSS only now and then, see pssOf); null when it is gone. */
  private readProcess(pid: number, keep: Set<string>, now: number): ProcessFigures | null {
    const path = statPath(pid);
    keep.add(path).add(smapsPath(pid));
    const len = this.files.read(path);
    if (len <= 0 || !parseStatInto(this.files.buf, len, this.stat)) return null;
    const cpuMs = (this.stat.cpuTicks * 1000) / TICKS_PER_S;
    let rate = this.prevByPath.get(path);
    if (!rate) this.prevByPath.set(path, (rate = { value: 0, at: -1 }));
    const moved = rate.at < 0 || rate.value !== cpuMs;
    const cpuPct = advance(rate, cpuMs, now);
    const core = this.stat.processor;
    const rssBytes = this.stat.rssPages * PAGE_BYTES; // read before pssOf reuses the buffer
    return { cpuPct, core, bytes: this.pssOf(pid, rssBytes, now), moved };
  }

  private pssOf(pid: number, rssBytes: number, now: number): number {
    const last = this.pss.get(pid);
    const fresh = last && now - last.at < PSS_REFRESH_MS && Math.abs(rssBytes - last.rssBytes) < PSS_REFRESH_RSS_BYTES;
    if (last && (fresh || now < last.nextAt)) return Math.max(0, last.value + rssBytes - last.rssBytes);
    const t = performance.now();
    const len = this.files.read(smapsPath(pid));
    const value = len > 0 ? kbFieldBytes(this.files.buf, len, PSS) : -1;
    if (value < 0) return last?.value ?? 0;
    this.pss.set(pid, { value, at: now, rssBytes, nextAt: now + Math.max(PSS_MIN_GAP_MS, (performance.now() - t) * PSS_COST_FACTOR) });
    return value;
  }

  /** Elsewhere: pidusage per process (CPU % and RSS), no core. */
  private async readPortable(pids: number[]): Promise<Map<number, ProcessFigures>> {
    const usage = await readWithPidusage(pids);
    const out = new Map<number, ProcessFigures>();
    for (const [pid, s] of usage) {
      const first = !this.seenPids.has(pid);
      this.seenPids.add(pid);
      out.set(pid, { cpuPct: first ? 0 : s.cpu, core: -1, bytes: s.memory, moved: true });
    }
    return out;
  }

  /** An async task's (or a thread unit's where threads can't be read) CPU: the slices it reported. */
  private unitRate(u: UnitRef, now: number): number {
    if (u.selfCpuMs === 0) return 0; // a task that has used no CPU yet (every idle one): nothing to keep
    let p = this.prevByUnit.get(u);
    if (!p) this.prevByUnit.set(u, (p = { value: 0, at: -1 }));
    return advance(p, u.selfCpuMs, now);
  }

  /** Drop the state of processes and threads that are gone, so a long session doesn't grow without bound. */
  private forget(pids: ReadonlySet<number>, paths: ReadonlySet<string>): void {
    for (const k of this.prevByPath.keys()) if (!paths.has(k)) this.prevByPath.delete(k);
    for (const pid of this.pss.keys()) if (!pids.has(pid)) this.pss.delete(pid);
    for (const pid of this.threadsReadAt.keys()) if (!pids.has(pid)) this.threadsReadAt.delete(pid);
    for (const pid of this.seenPids) if (!pids.has(pid)) this.seenPids.delete(pid);
    this.files.retainOnly(paths);
  }
}
