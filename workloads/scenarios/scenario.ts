/**
 * What a scenario is: words for the person watching (`about`), the units it starts (`units`), what
 * each unit does (`unit`, written once against a UnitKit and run as an async task, a worker thread or
 * a process), and the coordinator's script (`run`), which starts the units, waits for them like the
 * article's start()/join() or gather(), and returns the outcome.
 */
import type { ScenarioFlag, ScenarioName, ScenarioOptions, ScenarioOutcome, UnitStateName } from '../../contract/host-protocol.js';
import type { CommonsPlan, CommonsReadout, Counter } from '../sync/commons.js';

export type Placement = 'process' | 'thread' | 'async';

interface ScenarioAbout {
  name: ScenarioName;
  title: string;
  /** one line: what it shows */
  summary: string;
  /** what to watch on the timeline */
  watch: string;
  /** what the article says should happen */
  article: string;
  modes: Placement[];
  defaultMode: Placement;
  flags: ScenarioFlag[];
  /** the modes its Python version runs in (workloads/python/scenarios); absent: Node only */
  python?: Placement[];
  /** only Python has it (gil): it runs in Python unless told otherwise, and never in Node */
  pythonOnly?: true;
  /** where this scenario's defaults differ from every scenario's (DEFAULT_OPTIONS in the engine) */
  defaults?: (mode: Placement) => Partial<ScenarioOptions>;
  /** the plain workload its units resemble most, for clients that show a run's spec */
  kernel: 'cpu' | 'io-sleep';
  /** the units a later leg starts (gil's processes, event-loop-block's second leg): shown 'queued' until then */
  queued?: (mode: Placement, options: ScenarioOptions) => number[];
}

/** Everything a unit's body may use; the same in every mode, backed by what that mode can share. */
export interface UnitKit {
  name: string;
  index: number;
  options: ScenarioOptions;
  /** aborts when this unit is cancelled or the run is stopped */
  signal: AbortSignal;
  /** values the coordinator handed to every unit (e.g. the slow server's URL) */
  given: Readonly<Record<string, string>>;
  /** note: what the unit just did, shown on its lane ("read 0", "wrote 10") */
  report(state: UnitStateName, note?: string): void;
  /** a sleep is a wait: says 'waiting(io)' (unless already said); after it, the unit says what it does next */
  sleep(ms: number): Promise<void>;
  /** wait until every unit started with this one has arrived here, then all go on at once */
  together(): Promise<void>;
  counter: Counter;
  /** a lock that reports waiting(lock) while blocked, and what the unit holds and waits for */
  lock(name: string): { acquire(): Promise<void>; release(): Promise<void> };
  semaphore: { acquire(): Promise<void>; release(): void };
}

/** The coordinator's handle on one started unit. */
export interface UnitHandle {
  index: number;
  name: string;
  /** the unit's final state */
  ended: Promise<UnitStateName>;
  /** ask it to stop (its signal aborts): it ends 'cancelled'. An async task must be started cancellable. */
  cancel(): void;
}

export interface TimelinePoint {
  unit: number;
  state: UnitStateName;
  /** epoch ms */
  t: number;
}

export interface StartOptions {
  /** where the unit runs (default: the run's mode) */
  placement?: Placement;
  /** values handed to the unit as kit.given */
  given?: Record<string, string>;
  /**
   * an async task gets an AbortController of its own, so that it can be cancelled alone; otherwise
   * it shares the run's (10,000 gather tasks are measurably quicker to start that way)
   */
  cancellable?: boolean;
}

/** What the coordinator's script may use. */
export interface Stage {
  mode: Placement;
  options: ScenarioOptions;
  signal: AbortSignal;
  names: readonly string[];
  start(index: number, options?: StartOptions): UnitHandle;
  /** start every unit at once; together() waits for all of them */
  startAll(options?: StartOptions): UnitHandle[];
  /** the units' final states, once every one of them has ended (like Promise.all of their `ended`, without a promise per unit) */
  allEnded(units: readonly UnitHandle[]): Promise<UnitStateName[]>;
  /** the final figures of what the units shared (in the run's mode) */
  readout: CommonsReadout;
  /** every state the units reported so far */
  timeline(): readonly TimelinePoint[];
  /** a local HTTP server, in a process of its own, that answers GET /?ms=N after N ms */
  slowServer(): Promise<{ url: string; close: () => void }>;
}

export interface ScenarioDef {
  about: ScenarioAbout;
  commons?: (o: ScenarioOptions) => CommonsPlan;
  units(o: ScenarioOptions): string[];
  unit(kit: UnitKit): Promise<void>;
  /** null when the engine decides the outcome (deadlock: its watchdog) */
  run(stage: Stage): Promise<ScenarioOutcome | null>;
}
