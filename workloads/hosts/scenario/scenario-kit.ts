/**
 * Builds the UnitKit a scenario unit's body runs against, from what its placement provides (the
 * commons, a way to send reports, a way to meet the others), and runs the body: 'running', whatever
 * the body reports, then how it ended. The same for a task, a worker thread and a process.
 */
import type { CoordinatorToUnit, ScenarioOptions, UnitDetail, UnitReport, UnitStateName, UnitToCoordinator } from '../../../contract/host-protocol.js';
import { sleepUnlessAborted } from '../../kernels/abortable-sleep.js';
import type { Commons } from '../../sync/commons.js';
import { scenarioNamed } from '../../scenarios/catalog.js';
import type { ScenarioDef, UnitKit } from '../../scenarios/scenario.js';
import type { UnitStart } from './scenario-launch.js';

export interface KitParts {
  name: string;
  index: number;
  options: ScenarioOptions;
  given: Readonly<Record<string, string>>;
  signal: AbortSignal;
  commons: Commons;
  /** whether this scenario takes locks: then every report says what the unit holds and waits for */
  usesLocks: boolean;
  pid: number;
  tid: number | null;
  emit: (report: UnitReport) => void;
  together: () => Promise<void>;
}

const FINAL: readonly UnitStateName[] = ['done', 'cancelled', 'failed', 'killed'];
const epochNow = () => performance.timeOrigin + performance.now();

/** A class, not an object of closures: gather makes 10,000 of these at once, and each closure is garbage. */
export class Kit implements UnitKit {
  private readonly holds: string[] = [];
  private ended = false;
  private said = false;
  /** the state said last: a sleep says 'waiting(io)' only when the unit is not already saying so */
  private last: UnitStateName | null = null;

  constructor(private readonly p: KitParts) {}

  get name() {
    return this.p.name;
  }
  get index() {
    return this.p.index;
  }
  get options() {
    return this.p.options;
  }
  get signal() {
    return this.p.signal;
  }
  get given() {
    return this.p.given;
  }
  get counter() {
    return this.p.commons.counter;
  }

  send(state: UnitStateName, waitsFor: string | null = null, error?: string, note?: string): void {
    if (this.ended) return;
    this.ended = FINAL.includes(state);
    this.last = state;
    const detail: UnitDetail | undefined =
      this.p.usesLocks || note ? { holds: [...this.holds], waitsFor, ...(note !== undefined && { note }) } : undefined;
    this.p.emit({ unitId: this.p.index, state, t: epochNow(), pid: this.p.pid, tid: this.p.tid, detail, error });
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
    return sleepUnlessAborted(ms, this.p.signal);
  }

  together(): Promise<void> {
    return this.p.together();
  }

  lock(name: string) {
    const lock = this.p.commons.lock(name);
    return {
      acquire: async () => {
        if (!(await lock.tryAcquire())) {
          this.send('waiting(lock)', name);
          await lock.acquire(this.p.signal);
        }
        this.holds.push(name);
        this.send('running');
      },
      release: async () => {
        this.holds.splice(this.holds.lastIndexOf(name), 1);
        this.send('running'); // said before the lock is free, so no report ever shows two holders
        await lock.release();
      },
    };
  }

  get semaphore() {
    const { semaphore } = this.p.commons;
    return {
      acquire: async () => {
        this.send('waiting(semaphore)');
        await semaphore.acquire(this.p.signal);
        this.send('running');
      },
      release: () => semaphore.release(),
    };
  }
}

function makeKit(p: KitParts): { kit: Kit; end: (state: UnitStateName, error?: string) => void } {
  const kit = new Kit(p);
  return { kit, end: (state, error) => kit.send(state, null, error) };
}

/** Run a unit's body to its end and report how it ended; resolves with that state. */
async function runScenarioUnit(def: ScenarioDef, kit: Kit, end: (state: UnitStateName, error?: string) => void) {
  // 'running' unless the body says something else before its first await (gather: waiting(io) at once),
  // which spares 10,000 tasks a report each
  queueMicrotask(() => kit.reportUnlessSaid('running'));
  try {
    await def.unit(kit);
    end(kit.signal.aborted ? 'cancelled' : 'done');
  } catch (e) {
    end(kit.signal.aborted ? 'cancelled' : 'failed', e instanceof Error ? e.message : String(e));
  }
}

export interface UnitLink {
  signal: AbortSignal;
  pid: number;
  tid: number | null;
  emit: (report: UnitReport) => void;
  /** tell the coordinator this unit has reached together() */
  arrive: () => void;
}

/** A unit ready to run, whose together() waits until the coordinator calls go(). */
export function preparedUnit(start: UnitStart, commons: Commons, link: UnitLink) {
  let release = () => undefined as void;
  const { kit, end } = makeKit({
    name: start.name,
    index: start.index,
    options: start.options,
    given: start.given,
    usesLocks: start.plan.locks.length > 0,
    commons,
    ...link,
    together: () =>
      new Promise<void>((resolve) => {
        release = resolve;
        link.arrive();
      }),
  });
  return { go: () => release(), run: () => runScenarioUnit(scenarioNamed(start.scenario), kit, end) };
}

/**
 * A unit in a thread or a process of its own: its reports and arrivals go to the coordinator as
 * messages, and `hear` takes the coordinator's 'go' and 'stop'.
 */
export function messagingUnit(start: UnitStart, commons: Commons, tid: number | null, post: (m: UnitToCoordinator) => void) {
  const abort = new AbortController();
  const unit = preparedUnit(start, commons, {
    signal: abort.signal,
    pid: process.pid,
    tid,
    emit: (report) => post({ kind: 'report', report }),
    arrive: () => post({ kind: 'arrive' }),
  });
  return { hear: (m: CoordinatorToUnit) => (m.kind === 'stop' ? abort.abort() : unit.go()), run: unit.run };
}
