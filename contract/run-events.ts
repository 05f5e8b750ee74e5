/** What a run is, how it ends, and the events that tell a client about it as it goes. */
import type { MemoryMeasure, Mode, Runtime, ScenarioName, UnitState, Workload } from './domain.js';
import type { ScenarioOptions, ScenarioOutcome, UnitDetail } from './host-protocol.js';
import type { RunSpec } from './schemas.js';
import type { WatchInfo, WatchSummary } from './watch.js';

export interface UnitResult {
  id: number;
  pid: number;
  tid: number | null;
  cpuMs: number;
  peakBytes: number;
  startMs: number | null;
  endMs: number | null;
  state: UnitState;
  /**
   * Why a unit ended 'failed' or 'killed' on its own (not by a stop): its error's message, or how its
   * host ended (exit code or signal) and the last lines of its stderr. Absent when there is nothing to say.
   */
  reason?: string;
}

export interface RunSummary {
  runId: string;
  mode: Mode;
  runtime: Runtime;
  workload: Workload;
  units: number;
  wallMs: number;
  cpuMs: number;
  cores: { count: number; busyPct: number[] };
  memory: { peakTotalBytes: number; baselineBytes: number; perUnitBytes: number; measure: MemoryMeasure };
  spawn: { p50Ms: number; maxMs: number };
  unitResults: UnitResult[];
}

/**
 * Who holds which lock and who waits for which, now (scenario runs whose units take locks). Drawn as
 * a graph: an edge from each unit to the lock it waits for, and from each lock to the unit holding it.
 */
export interface WaitForGraph {
  units: Array<{ unit: string; holds: string[]; waitsFor: string | null }>;
  /** the units of a cycle, each waiting for a lock the next one holds; null while there is none */
  cycle: string[] | null;
}

/** A scenario as asked for, with its mode and every option filled in. */
export interface ResolvedScenarioSpec {
  name: ScenarioName;
  mode: Mode;
  /** absent: node */
  runtime?: Runtime;
  options: ScenarioOptions;
}

/** One change of one unit's state: tMs after the run started. */
export interface TimelineEntry {
  unit: string;
  state: UnitState;
  tMs: number;
  detail?: UnitDetail;
}

/** The result of a scenario (`scenario NAME --json`, and run-ended's `scenario`). */
export interface ScenarioResult {
  scenario: ScenarioName;
  mode: Mode;
  /** the engine always says; absent (older results): node */
  runtime?: Runtime;
  runId: string;
  /** the options this scenario takes, as it ran */
  options: Partial<ScenarioOptions>;
  /** the run's wall time: start → its last unit ended (host start-up included) */
  wallMs: number;
  /** null when the scenario was stopped before it could say */
  outcome: ScenarioOutcome | null;
  timeline: TimelineEntry[];
}

export type RunEvent =
  /** `scenario` is set for a scenario run: what was asked for, and the name of each unit (by unitId) */
  /** `watch` is set for a watched program (its spec then only sizes the lane: WATCH_LIMITS.threads units) */
  | { type: 'run-started'; runId: string; spec: RunSpec; t: number; scenario?: { spec: ResolvedScenarioSpec; unitNames: string[] }; watch?: WatchInfo }
  /**
   * t is when the unit reported the change (epoch ms, the unit's clock). In scenario runs whose units
   * take locks, `detail` says what the unit holds and waits for, and `waitFor` is the whole graph after
   * this change.
   */
  | {
      type: 'unit-state';
      runId: string;
      unitId: number;
      pid: number;
      tid: number | null;
      state: UnitState;
      t: number;
      detail?: UnitDetail;
      waitFor?: WaitForGraph;
      /** with 'failed' or 'killed': why (as UnitResult.reason) */
      reason?: string;
    }
  /** `scenario` is set for a scenario run: its outcome and timeline (the JSON of `scenario --json`) */
  | { type: 'run-ended'; runId: string; summary: RunSummary; t: number; scenario?: ScenarioResult; watch?: WatchSummary };
