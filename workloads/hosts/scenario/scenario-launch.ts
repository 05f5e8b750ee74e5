/**
 * How the coordinator starts one scenario unit, whatever it runs as: what it tells the unit, what it
 * hears back, and the handles it keeps. One launcher per placement: scenario-task (async),
 * scenario-thread (worker thread), scenario-process (child process).
 */
import type { ScenarioName, ScenarioOptions, UnitReport } from '../../../contract/host-protocol.js';
import type { CommonsPlan } from '../../sync/commons.js';

/** What the units started together share: one object for all of them (a task keeps it, not a copy). */
export interface UnitCommon {
  scenario: ScenarioName;
  options: ScenarioOptions;
  given: Record<string, string>;
  plan: CommonsPlan;
}

/** What a unit needs to know to run, sent to a thread as workerData and to a process in argv. */
export interface UnitStart extends UnitCommon {
  index: number;
  name: string;
}

export interface UnitListener {
  onReport(report: UnitReport): void;
  /** the unit reached together() */
  onArrive(): void;
}

export interface LaunchedUnit {
  /** every unit has arrived: go on */
  go(): void;
  /** ask it to stop: its signal aborts, and it ends 'cancelled' if it can still listen */
  cancel(): void;
  /** end it now, listening or not (worker.terminate(), SIGKILL) */
  kill(): void;
  /** the unit's thread or process is gone (or its task has returned), and how */
  exited: Promise<UnitExit>;
}

/** How a unit's thread or process ended: its exit code, the signal that killed it, an uncaught error. */
export interface UnitExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  error?: string;
}

/**
 * The state and reason of a unit gone without saying how it ended: a signal (kill -9, the OOM killer)
 * is a kill whoever sent it; any other end is a failure unless the run was being stopped.
 */
export function goneWithoutSaying(exit: UnitExit, stopping: boolean): { state: 'killed' | 'failed'; reason: string } {
  if (exit.signal) return { state: 'killed', reason: `killed by ${exit.signal}` };
  const reason = exit.error ? `${exit.error} (exit code ${exit.code})` : `exit code ${exit.code}`;
  return { state: stopping ? 'killed' : 'failed', reason };
}
