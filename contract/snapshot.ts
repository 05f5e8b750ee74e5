/** The one model of a sample: the whole machine plus every live unit, as the sampler produces it. */
import type { OsState, UnitState } from './domain.js';

/** One unit at one sample. cpuPct is % of ONE core (100 = a full core). */
export interface UnitSample {
  runId: string;
  unitId: number;
  pid: number;
  tid: number | null;
  cpuPct: number;
  bytes: number;
  core: number | null;
  state: UnitState;
  /** a watched program's thread: its name (comm), its process's parent, and its state as the kernel tells it */
  watch?: { name: string; ppid: number; os: OsState };
}

export interface Snapshot {
  t: number;
  intervalMs: number;
  cores: number[];
  memory: { totalBytes: number; usedBytes: number; availableBytes: number };
  units: UnitSample[];
  /** What the monitor itself costs: the sampling process's CPU (% of one core) and RSS. */
  self: { cpuPct: number; bytes: number };
}
