/**
 * The one model of a sample: the whole machine, each run's units summed up, and a bounded list of
 * units, as the sampler produces it. A snapshot does not grow with the number of units: 100,000 async
 * tasks are one RunAggregate and at most SNAPSHOT_UNITS.busiest + SNAPSHOT_UNITS.changed rows; the
 * rest of the units are asked for a page at a time (the `units` method).
 */
import type { Mode, OsState, UnitState } from './domain.js';

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

/** One run's live units at one sample, summed. */
export interface RunAggregate {
  runId: string;
  mode: Mode;
  /** live units (not yet ended) */
  live: number;
  /** how many of them are in each state */
  states: Partial<Record<UnitState, number>>;
  /** their CPU summed, % of one core (two busy units read 200) */
  cpuPct: number;
  /** their memory summed (processes: each its own PSS; threads and async: the host's growth) */
  bytes: number;
  /** per core the units last ran on: how many, and their CPU summed */
  cores: Array<{ core: number; units: number; cpuPct: number }>;
}

/** How many units a snapshot lists: the busiest, then those whose state changed since the last one. */
export const SNAPSHOT_UNITS = { busiest: 200, changed: 100 } as const;

export interface Snapshot {
  t: number;
  intervalMs: number;
  cores: number[];
  memory: { totalBytes: number; usedBytes: number; availableBytes: number };
  runs: RunAggregate[];
  /** at most SNAPSHOT_UNITS.busiest + .changed units: the busiest, then the ones that changed state */
  units: UnitSample[];
  /**
   * What the monitor itself costs, % of one core: `cpuPct` the sampling process's, `hostsCpuPct` what
   * CoreScope spends inside the hosts it started (their CPU not spent by the units' own work), and
   * the sampling process's RSS.
   */
  self: { cpuPct: number; hostsCpuPct: number; bytes: number };
}

/** A page of the live units, sorted as the units table asks (the `units` method). */
export interface UnitsPage {
  total: number;
  offset: number;
  rows: UnitSample[];
}
