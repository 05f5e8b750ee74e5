/**
 * What a host process and the engine say to each other over the fork IPC channel.
 * The engine starts a host with one HostSpec (JSON in argv[2]); the host answers with HostMessages.
 * Kept free of runtime imports (types only) so that every host, and the engine, can share it.
 */

import type { UnitState } from './domain.js';

type HostWorkload = 'cpu' | 'io-sleep' | 'mem';

/** a unit's state as hosts report it: the contract's states, named once (domain.ts) */
export type UnitStateName = UnitState;

export interface HostSpec {
  runId: string;
  workload: HostWorkload;
  mode: 'process' | 'thread' | 'async';
  /** The ids of the units this host runs (process mode: one; thread/async: all of the run's). */
  unitIds: number[];
  /** Keep each unit busy/asleep/holding for this long… */
  durationS?: number;
  /** …or (cpu) do this many blocks of work per unit, indexed like unitIds. */
  workPerUnit?: number[];
  mb?: number;
  /** Set for a scenario run: the host is scenario-host, a coordinator that starts the scenario's units. */
  scenario?: { name: ScenarioName; options: ScenarioOptions };
}

export type ScenarioName = 'race' | 'lock' | 'deadlock' | 'semaphore' | 'gather' | 'first-completed' | 'event-loop-block' | 'gil';

/** The optional knobs of a scenario spec, by their API names (each scenario takes some of them). */
export type ScenarioFlag = 'variant' | 'limit' | 'jobs' | 'jobSeconds' | 'tasks' | 'sleepS' | 'workload';

/** A scenario's knobs, already validated and filled with defaults by the engine. */
export interface ScenarioOptions {
  /** deadlock: 'self' takes one non-reentrant lock twice instead of two locks in opposite order */
  variant?: 'pair' | 'self';
  /** semaphore: permits, jobs, and how long each job holds its permit */
  limit: number;
  jobs: number;
  jobSeconds: number;
  /** gather: how many tasks, each waiting this long, on a timer or on a slow local HTTP server */
  tasks: number;
  sleepS: number;
  workload: 'io-sleep' | 'http';
}

/** What a unit that takes locks holds and waits for: the edges of the wait-for graph. */
export interface UnitDetail {
  holds: string[];
  waitsFor: string | null;
  /** what the unit just did, for its lane on the timeline: the race's "read 0", "wrote 10" */
  note?: string;
}

/** One unit's news since the last flush. t is epoch ms on the unit's own clock (same machine as the engine). */
export interface UnitReport {
  unitId: number;
  state: UnitStateName;
  t: number;
  pid: number;
  tid: number | null;
  /** CPU time the unit itself accounted for (its thread's, or its slices on a shared loop). */
  cpuMs?: number;
  error?: string;
  /** scenario units that take locks say what they hold and wait for with every state */
  detail?: UnitDetail;
  /** a unit process that its host started (Python's multiprocessing): its own peak memory so far */
  peakBytes?: number;
}

/**
 * The same report for many units: its unit ids as ranges, flat [from, to, from, to, …] (inclusive).
 * 100,000 tasks that start waiting in the same millisecond are one group of two numbers, where a
 * UnitReport each was ~10 MB of JSON per state change for the host to write and the engine to parse.
 */
export interface StateGroup extends Omit<UnitReport, 'unitId'> {
  ids: number[];
}

export type HostMessage =
  | { kind: 'hello'; pid: number; baselineBytes: number; measure: 'pss' | 'rss' }
  /** reports one by one (the Python host); the Node hosts send 'states' */
  | { kind: 'units'; reports: UnitReport[] }
  /** reports in the order they were made, those alike and close in time grouped (StateGroup) */
  | { kind: 'states'; groups: StateGroup[] }
  | { kind: 'memory'; bytes: number }
  | { kind: 'bye'; peakBytes: number; cpuMs: number }
  /** a scenario host's verdict, sent before bye (see ScenarioOutcome) */
  | { kind: 'outcome'; outcome: ScenarioOutcome };

export type EngineMessage = { kind: 'stop' };

/** Between a scenario host (the coordinator) and a unit it runs as a thread or a process. */
export type UnitToCoordinator = { kind: 'report'; report: UnitReport } | { kind: 'arrive' };
export type CoordinatorToUnit = { kind: 'go' } | EngineMessage;

/** The outcome of each scenario: what the article claims, measured. */
export interface CounterOutcome {
  expected: number;
  actual: number;
}
export interface DeadlockOutcome {
  deadlocked: boolean;
  /** one line per unit of the cycle: "function_a holds A, waits B" */
  cycle: string[];
  /** ms after the run started when the watchdog was sure; null when there was no deadlock */
  detectedMs: number | null;
}
export interface SemaphoreOutcome {
  limit: number;
  jobs: number;
  maxConcurrent: number;
  /** when each wave of jobs got its permits, ms after the first */
  waveStartsMs: number[];
}
export interface GatherOutcome {
  tasks: number;
  sleepMs: number;
  workload: 'io-sleep' | 'http';
  /** first task started → last task done */
  wallMs: number;
}
export interface FirstCompletedOutcome {
  winner: string | null;
  cancelled: string[];
  /** start → the winner's result */
  wallMs: number;
  /** what each cancelled task still had to wait when it was cancelled: the time the cancel cost it (absent in older recordings) */
  lostMs?: Record<string, number>;
}
export interface EventLoopBlockOutcome {
  ioTasks: number;
  cpuMs: number;
  /** where this mode puts the CPU task: 'event loop' (async) or 'worker thread' (thread) */
  placement: 'event loop' | 'worker thread';
  /** the largest event-loop delay with the CPU task where this mode puts it */
  maxLagMs: number;
  /** both placements, measured one after the other in the same run */
  loopMaxLagMs: number;
  workerMaxLagMs: number;
}
/** A figure's lowest and highest over the windows of one measurement. */
export interface LowHigh {
  min: number;
  max: number;
}
/** The same CPU work as Python threads and as Python processes, one leg after the other. */
export interface GilOutcome {
  /** each leg's units' CPU summed, in cores (1 = one core busy), mean over the leg */
  threadsBusyCores: number;
  processesBusyCores: number;
  /** the lowest and highest half second of each leg (from the units' own CPU reports), or null when a leg was shorter */
  threadsBusyCoresSpread: LowHigh | null;
  processesBusyCoresSpread: LowHigh | null;
  /** the threads again on a free-threaded build (python3.13t+), or null when there is none */
  freeThreadedBusyCores: number | null;
  /** which free-threaded Python ran the third lane, or why there was none */
  freeThreaded: string;
  /** how long each leg ran */
  legMs: number;
}
export type ScenarioOutcome =
  | GilOutcome
  | CounterOutcome
  | DeadlockOutcome
  | SemaphoreOutcome
  | GatherOutcome
  | FirstCompletedOutcome
  | EventLoopBlockOutcome;

/**
 * A HostSpec as it goes in argv: unit ids 0…n-1 (every plain run's) travel as their count, since
 * 100,000 ids would pass the kernel's limit on one argument (E2BIG). Hosts read it with unpackSpec
 * (and workloads/python/host.py the same way).
 */
export function packSpec(spec: HostSpec): string {
  const ids = spec.unitIds;
  const contiguous = ids.every((id, i) => id === i);
  return JSON.stringify(contiguous ? { ...spec, unitIds: undefined, unitCount: ids.length } : spec);
}

export function unpackSpec<T>(text: string): T {
  const raw = JSON.parse(text) as { unitIds?: number[]; unitCount?: number };
  if (raw.unitIds === undefined && typeof raw.unitCount === 'number') {
    raw.unitIds = Array.from({ length: raw.unitCount }, (_, i) => i);
    delete raw.unitCount;
  }
  return raw as T;
}

/** Calls `each` with every unit id of a group, in order. */
export function forEachGroupUnit(group: StateGroup, each: (unitId: number) => void): void {
  const ids = group.ids;
  for (let k = 0; k + 1 < ids.length; k += 2) for (let id = ids[k]; id <= ids[k + 1]; id++) each(id);
}

export const HOST_FLUSH_MS = 50;
/** Reports of one state made this close together (ms) share a group and its t: the first one's. */
export const GROUP_WITHIN_MS = 1;
/** A busy unit repeats its state with its CPU time this often: its heartbeat. */
export const HEARTBEAT_MS = 250;
