/**
 * What a host process and the engine say to each other over the fork IPC channel.
 * The engine starts a host with one HostSpec (JSON in argv[2]); the host answers with HostMessages.
 * Kept free of imports so that every host, and the engine, can share it.
 */

export type HostWorkload = 'cpu' | 'io-sleep' | 'mem';

export type UnitStateName =
  | 'starting'
  | 'running'
  | 'waiting(lock)'
  | 'waiting(semaphore)'
  | 'waiting(io)'
  | 'done'
  | 'cancelled'
  | 'failed'
  | 'killed';

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
}

export type HostMessage =
  | { kind: 'hello'; pid: number; baselineBytes: number; measure: 'pss' | 'rss' }
  | { kind: 'units'; reports: UnitReport[] }
  | { kind: 'memory'; bytes: number }
  | { kind: 'bye'; peakBytes: number; cpuMs: number };

export type EngineMessage = { kind: 'stop' };

export const HOST_FLUSH_MS = 50;
/** A busy unit repeats its state with its CPU time this often: its heartbeat. */
export const HEARTBEAT_MS = 250;
