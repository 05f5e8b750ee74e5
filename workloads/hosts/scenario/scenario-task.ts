/**
 * Runs a scenario unit as an async task on the coordinator's own event loop. It aborts with `shared`
 * (the run's controller) unless it has to be cancellable alone: then it gets an AbortController of its own.
 * One object is the task's link and its handle (methods, no closures: gather starts 100,000 of them).
 */
import type { UnitReport } from '../../../contract/host-protocol.js';
import { mainThreadId } from '../os-thread.js';
import type { Commons } from '../../sync/commons.js';
import { Kit, type UnitLink } from './scenario-kit.js';
import type { LaunchedUnit, UnitExit, UnitListener, UnitStart } from './scenario-launch.js';

const RETURNED: UnitExit = Object.freeze({ code: 0, signal: null });
const returned = () => RETURNED;

class TaskUnit implements LaunchedUnit, UnitLink {
  readonly pid = process.pid;
  readonly tid = mainThreadId(process.pid);
  readonly exited: Promise<UnitExit>;
  private readonly kit: Kit;

  constructor(
    start: UnitStart,
    commons: Commons,
    private readonly listener: UnitListener,
    private readonly abort: AbortController,
  ) {
    this.kit = new Kit(start, commons, this);
    this.exited = this.kit.run().then(returned);
  }

  get signal(): AbortSignal {
    return this.abort.signal;
  }
  emit(report: UnitReport): void {
    this.listener.onReport(report);
  }
  arrive(): void {
    this.listener.onArrive();
  }
  go(): void {
    this.kit.go();
  }
  cancel(): void {
    this.abort.abort();
  }
  /** a task can't be killed: aborting is all there is (a task stuck on a lock is left behind with its host) */
  kill(): void {
    this.abort.abort();
  }
}

export const startTaskUnit = (start: UnitStart, commons: Commons, listener: UnitListener, shared: AbortController | null): LaunchedUnit =>
  new TaskUnit(start, commons, listener, shared ?? new AbortController());
