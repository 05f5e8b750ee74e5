/**
 * Builds the UnitKit a scenario unit's body runs against, from what its placement provides (the
 * commons, a way to send reports, a way to meet the others), and runs the body: 'running', whatever
 * the body reports, then how it ended. The same for a task, a worker thread and a process.
 */
import { FINAL_STATES } from '../../../contract/domain.js';
import type { CoordinatorToUnit, UnitDetail, UnitReport, UnitStateName, UnitToCoordinator } from '../../../contract/host-protocol.js';
import { sleepUnlessAborted } from '../../kernels/abortable-sleep.js';
import type { Commons } from '../../sync/commons.js';
import { scenarioNamed } from '../../scenarios/catalog.js';
import type { UnitKit } from '../../scenarios/scenario.js';
import type { UnitCommon, UnitStart } from './scenario-launch.js';

const epochNow = () => performance.timeOrigin + performance.now();
const NO_HOLDS: readonly string[] = [];

/**
 * A unit's kit, and the unit ready to run with it: runBody() runs the scenario's body, go() releases its
 * together(). How it talks to the coordinator is its subclass's: a task calls the stage on the same
 * loop (TaskUnit), a thread or a process posts messages (MessagingKit). One object per unit, with
 * methods, not closures: gather makes 100,000 kits at once, and every object a waiting task keeps
 * is copied by each young-generation GC while the others are still being made (measured: a kit of
 * closures and contexts held ~2.7 KB per gathered task; a kit, its link and its start as three
 * objects ~220 B; this one ~120 B).
 */
export abstract class Kit implements UnitKit {
  /** the locks it holds, made when it takes its first */
  private holds: string[] | null = null;
  private ended = false;
  private said = false;
  /** the state said last: a sleep says 'waiting(io)' only when the unit is not already saying so */
  private last: UnitStateName | null = null;
  private release: (() => void) | null = null;

  constructor(
    /** what it shares with the units started with it (one object for all of gather's) */
    private readonly common: UnitCommon,
    readonly index: number,
    readonly name: string,
    private readonly commons: Commons,
  ) {}

  abstract readonly signal: AbortSignal;
  /** the process and thread it runs in, as its reports say */
  protected abstract readonly pid: number;
  protected abstract readonly tid: number | null;
  protected abstract emit(report: UnitReport): void;
  /** tell the coordinator this unit has reached together() */
  protected abstract arrive(): void;

  get options() {
    return this.common.options;
  }
  get given(): Readonly<Record<string, string>> {
    return this.common.given;
  }
  get counter() {
    return this.commons.counter;
  }

  send(state: UnitStateName, waitsFor: string | null = null, error?: string, note?: string): void {
    if (this.ended) return;
    this.ended = FINAL_STATES.includes(state);
    this.last = state;
    // a scenario that takes locks says with every report what the unit holds and waits for
    const detail: UnitDetail | undefined =
      this.common.plan.locks.length > 0 || note ? { holds: [...(this.holds ?? NO_HOLDS)], waitsFor, ...(note !== undefined && { note }) } : undefined;
    this.emit({ unitId: this.index, state, t: epochNow(), pid: this.pid, tid: this.tid, detail, error });
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
    return sleepUnlessAborted(ms, this.signal);
  }

  together(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.release = resolve;
      this.arrive();
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
          await lock.acquire(this.signal);
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
        await semaphore.acquire(this.signal);
        this.send('running');
      },
      release: () => semaphore.release(),
    };
  }

  /**
   * Run the unit's body; once it has ended, report how and call finished(). Not an async function:
   * an async frame awaiting the body kept a generator, its registers, a promise and the await's
   * closures per unit (~400 B), for as long as 100,000 gathered tasks wait.
   */
  protected runBody(): void {
    let body: Promise<void>;
    try {
      body = scenarioNamed(this.common.scenario).unit(this);
    } catch (e) {
      body = Promise.reject(e);
    }
    // 'running' unless the body said something else before its first wait (gather: waiting(io) at
    // once), which spares 100,000 tasks a report each. Said here, after the body's first steps and
    // before anything it awaits can go on, as a microtask queued before it would have.
    this.reportUnlessSaid('running');
    bodyEnds.follow(body, this);
  }

  /** the body has ended and the unit has said how: what its placement does then */
  protected abstract finished(): void;

  /** its body returned (BodyEnds tells it) */
  returned(): void {
    this.send(this.signal.aborted ? 'cancelled' : 'done');
    this.finished();
  }

  /** its body threw or rejected */
  threw(e: unknown): void {
    this.send(this.signal.aborted ? 'cancelled' : 'failed', null, e instanceof Error ? e.message : String(e));
    this.finished();
  }
}

/** The kits whose bodies returned one promise, told together when it settles, in the order they started. */
class Followers {
  private readonly kits: Kit[] = [];
  private settled = false;

  constructor(readonly body: Promise<void>) {
    body.then(
      () => this.tell((kit) => kit.returned()),
      (e: unknown) => this.tell((kit) => kit.threw(e)),
    );
  }

  /** false once the promise has settled: a kit that comes later needs Followers of its own */
  add(kit: Kit): boolean {
    if (this.settled) return false;
    this.kits.push(kit);
    return true;
  }

  private tell(end: (kit: Kit) => void): void {
    this.settled = true;
    for (const kit of this.kits)
      try {
        end(kit);
      } catch (e) {
        queueMicrotask(() => {
          throw e; // as its own reaction would have: the others still end
        });
      }
  }
}

/**
 * Follows the units' bodies to their ends. A body that returns the same promise as the body started
 * just before it (gather's tasks due in the same millisecond share their sleep's) joins that one's
 * Followers instead of getting a reaction of its own: 100,000 waiting tasks keep ~1,000 reactions
 * and lists, not 100,000 reactions, derived promises and pairs of bound callbacks (~200 B per task,
 * measured, of the ~460 B a task kept).
 */
class BodyEnds {
  private latest: Followers | null = null;

  follow(body: Promise<void>, kit: Kit): void {
    if (this.latest?.body === body && this.latest.add(kit)) return;
    this.latest = new Followers(body);
    this.latest.add(kit);
  }
}

const bodyEnds = new BodyEnds();

/**
 * A unit in a thread or a process of its own: its reports and arrivals go to the coordinator as
 * messages, and `hear` takes the coordinator's 'go' and 'stop'.
 */
class MessagingKit extends Kit {
  readonly pid = process.pid;
  private readonly abort = new AbortController();
  private whenFinished: (() => void) | null = null;

  constructor(
    start: UnitStart,
    commons: Commons,
    readonly tid: number | null,
    private readonly post: (m: UnitToCoordinator) => void,
  ) {
    super(start, start.index, start.name, commons);
  }

  get signal(): AbortSignal {
    return this.abort.signal;
  }
  protected emit(report: UnitReport): void {
    this.post({ kind: 'report', report });
  }
  protected arrive(): void {
    this.post({ kind: 'arrive' });
  }
  /** Run the body to its end and report how it ended. */
  run(): Promise<void> {
    return new Promise((resolve) => {
      this.whenFinished = resolve;
      this.runBody();
    });
  }
  protected finished(): void {
    this.whenFinished?.();
  }
  hear(m: CoordinatorToUnit): void {
    if (m.kind === 'stop') this.abort.abort();
    else this.go();
  }
}

export function messagingUnit(start: UnitStart, commons: Commons, tid: number | null, post: (m: UnitToCoordinator) => void) {
  const kit = new MessagingKit(start, commons, tid, post);
  return { hear: (m: CoordinatorToUnit) => kit.hear(m), run: () => kit.run() };
}
