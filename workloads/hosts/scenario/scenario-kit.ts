/**
 * Builds the UnitKit a scenario unit's body runs against, from what its placement provides (the
 * commons, a way to send reports, a way to meet the others), and runs the body: 'running', whatever
 * the body reports, then how it ended. The same for a task, a worker thread and a process.
 */
import type { CoordinatorToUnit, UnitDetail, UnitReport, UnitStateName, UnitToCoordinator } from '../../../contract/host-protocol.js';
import { sleepUnlessAborted } from '../../kernels/abortable-sleep.js';
import type { Commons } from '../../sync/commons.js';
import { scenarioNamed } from '../../scenarios/catalog.js';
import type { UnitKit } from '../../scenarios/scenario.js';
import type { UnitStart } from './scenario-launch.js';

/**
 * What a unit's kit talks through: how to send a report, how to tell the coordinator it has arrived at
 * together(). Methods, not closures: gather makes 100,000 kits at once, and every closure (and the
 * context it keeps) is one more object the GC copies while the others are still being made.
 */
export interface UnitLink {
  signal: AbortSignal;
  pid: number;
  tid: number | null;
  emit(report: UnitReport): void;
  /** tell the coordinator this unit has reached together() */
  arrive(): void;
}

const FINAL: readonly UnitStateName[] = ['done', 'cancelled', 'failed', 'killed'];
const epochNow = () => performance.timeOrigin + performance.now();
const NO_HOLDS: readonly string[] = [];

/**
 * A unit's kit, and the unit ready to run with it: run() runs the scenario's body, go() releases its
 * together(). One object per unit (with its start and its link), measured: the closures and contexts
 * the kit was built from before held ~2.7 KB per gathered task.
 */
export class Kit implements UnitKit {
  /** the locks it holds, made when it takes its first */
  private holds: string[] | null = null;
  private ended = false;
  private said = false;
  /** the state said last: a sleep says 'waiting(io)' only when the unit is not already saying so */
  private last: UnitStateName | null = null;
  private release: (() => void) | null = null;

  constructor(
    private readonly start: UnitStart,
    private readonly commons: Commons,
    private readonly link: UnitLink,
  ) {}

  get name() {
    return this.start.name;
  }
  get index() {
    return this.start.index;
  }
  get options() {
    return this.start.options;
  }
  get signal() {
    return this.link.signal;
  }
  get given(): Readonly<Record<string, string>> {
    return this.start.given;
  }
  get counter() {
    return this.commons.counter;
  }

  send(state: UnitStateName, waitsFor: string | null = null, error?: string, note?: string): void {
    if (this.ended) return;
    this.ended = FINAL.includes(state);
    this.last = state;
    // a scenario that takes locks says with every report what the unit holds and waits for
    const detail: UnitDetail | undefined =
      this.start.plan.locks.length > 0 || note ? { holds: [...(this.holds ?? NO_HOLDS)], waitsFor, ...(note !== undefined && { note }) } : undefined;
    this.link.emit({ unitId: this.start.index, state, t: epochNow(), pid: this.link.pid, tid: this.link.tid, detail, error });
  }

  report(state: UnitStateName, note?: string): void {
    this.said = true;
    this.send(state, null, undefined, note);
  }

  reportUnlessSaid(state: UnitStateName): void {
    if (!this.said) this.send(state);
  }

  /**
   * A sleep is a wait, wherever it is (holding a permit or a lock too): the unit says 'waiting(io)' as
   * Python's kit.sleep does, unless it already said so (with a note, say). What it does after the sleep
   * it says itself (a unit that computes next reports 'running'; one that ends, its end) — so 10,000
   * gathered tasks cost no extra report each.
   */
  sleep(ms: number): Promise<void> {
    if (this.last !== 'waiting(io)') this.report('waiting(io)');
    return sleepUnlessAborted(ms, this.link.signal);
  }

  together(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.release = resolve;
      this.link.arrive();
    });
  }

  /** every unit has arrived: together() returns */
  go(): void {
    this.release?.();
  }

  lock(name: string) {
    const lock = this.commons.lock(name);
    return {
      acquire: async () => {
        if (!(await lock.tryAcquire())) {
          this.send('waiting(lock)', name);
          await lock.acquire(this.link.signal);
        }
        (this.holds ??= []).push(name);
        this.send('running');
      },
      release: async () => {
        const holds = this.holds ?? [];
        holds.splice(holds.lastIndexOf(name), 1);
        this.send('running'); // said before the lock is free, so no report ever shows two holders
        await lock.release();
      },
    };
  }

  get semaphore() {
    const { semaphore } = this.commons;
    return {
      acquire: async () => {
        this.send('waiting(semaphore)');
        await semaphore.acquire(this.link.signal);
        this.send('running');
      },
      release: () => semaphore.release(),
    };
  }

  /** Run the unit's body to its end and report how it ended. */
  async run(): Promise<void> {
    // 'running' unless the body says something else before its first await (gather: waiting(io) at once),
    // which spares 10,000 tasks a report each
    queueMicrotask(() => this.reportUnlessSaid('running'));
    try {
      await scenarioNamed(this.start.scenario).unit(this);
      this.send(this.link.signal.aborted ? 'cancelled' : 'done');
    } catch (e) {
      this.send(this.link.signal.aborted ? 'cancelled' : 'failed', null, e instanceof Error ? e.message : String(e));
    }
  }
}

/**
 * A unit in a thread or a process of its own: its reports and arrivals go to the coordinator as
 * messages, and `hear` takes the coordinator's 'go' and 'stop'.
 */
export function messagingUnit(start: UnitStart, commons: Commons, tid: number | null, post: (m: UnitToCoordinator) => void) {
  const abort = new AbortController();
  const kit = new Kit(start, commons, {
    signal: abort.signal,
    pid: process.pid,
    tid,
    emit: (report) => post({ kind: 'report', report }),
    arrive: () => post({ kind: 'arrive' }),
  });
  return { hear: (m: CoordinatorToUnit) => (m.kind === 'stop' ? abort.abort() : kit.go()), run: () => kit.run() };
}
