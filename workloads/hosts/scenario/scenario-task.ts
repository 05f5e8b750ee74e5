/**
 * Runs a scenario unit as an async task on the coordinator's own event loop. It aborts with `shared`
 * (the run's controller) unless it has to be cancellable alone: then it gets an AbortController of its own.
 * One object is the task's kit, its link to the stage and its handle (methods, no closures: gather
 * starts 100,000 of them).
 */
import type { UnitReport } from '../../../contract/host-protocol.js';
import { mainThreadId } from '../os-thread.js';
import type { Commons } from '../../sync/commons.js';
import { Kit } from './scenario-kit.js';
import type { LaunchedUnit, UnitCommon, UnitExit, UnitListener } from './scenario-launch.js';

const RETURNED: UnitExit = Object.freeze({ code: 0, signal: null });
/** every task runs on the coordinator's main thread */
const TASK_TID = mainThreadId(process.pid);

class TaskUnit extends Kit implements LaunchedUnit {
  /** the body has ended and the task said so */
  private over = false;
  /** made when stop asks for `exited` while the task is still going */
  private exit: { promise: Promise<UnitExit>; resolve: (exit: UnitExit) => void } | null = null;

  constructor(
    common: UnitCommon,
    index: number,
    name: string,
    commons: Commons,
    private readonly listener: UnitListener,
    private readonly abort: AbortController,
  ) {
    super(common, index, name, commons);
    this.runBody();
  }

  get signal(): AbortSignal {
    return this.abort.signal;
  }
  protected get pid(): number {
    return process.pid;
  }
  protected get tid(): number | null {
    return TASK_TID;
  }
  protected emit(report: UnitReport): void {
    this.listener.onReport(report);
  }
  protected arrive(): void {
    this.listener.onArrive();
  }
  /** asked for only on stop, of the tasks still going: not one more promise per task while they wait */
  get exited(): Promise<UnitExit> {
    if (this.over) return Promise.resolve(RETURNED);
    if (!this.exit) {
      let resolve!: (exit: UnitExit) => void;
      const promise = new Promise<UnitExit>((r) => (resolve = r));
      this.exit = { promise, resolve };
    }
    return this.exit.promise;
  }
  protected finished(): void {
    this.over = true;
    this.exit?.resolve(RETURNED);
  }
  cancel(): void {
    this.abort.abort();
  }
  /** a task can't be killed: aborting is all there is (a task stuck on a lock is left behind with its host) */
  kill(): void {
    this.abort.abort();
  }
}

export const startTaskUnit = (
  common: UnitCommon,
  index: number,
  name: string,
  commons: Commons,
  listener: UnitListener,
  shared: AbortController | null,
): LaunchedUnit => new TaskUnit(common, index, name, commons, listener, shared ?? new AbortController());
