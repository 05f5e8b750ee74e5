/**
 * The coordinator's side of a scenario (the Stage its `run` script uses): starts units where they
 * should run, relays their reports to the engine and keeps them as a timeline, opens together() once
 * every unit has arrived, and on stop asks the units to end, then kills those that can't listen.
 */
import { FINAL_STATES } from '../../../contract/domain.js';
import type { HostSpec, UnitReport, UnitStateName } from '../../../contract/host-protocol.js';
import { memoryCommons } from '../../sync/memory-commons.js';
import { atomicsCommons, newCommonsBuffer } from '../../sync/atomics-commons.js';
import { fileCommons, newCommonsFolder } from '../../sync/file-commons.js';
import type { Commons, CommonsPlan, CommonsReadout } from '../../sync/commons.js';
import type { Placement, ScenarioDef, Stage, StartOptions, TimelinePoint, UnitHandle } from '../../scenarios/scenario.js';
import type { Reporter } from '../reporter.js';
import { goneWithoutSaying, type LaunchedUnit, type UnitCommon, type UnitListener } from './scenario-launch.js';
import { startProcessUnit } from './scenario-process.js';
import { startTaskUnit } from './scenario-task.js';
import { Timeline } from './scenario-timeline.js';
import { startThreadUnit } from './scenario-thread.js';
import { startSlowServer } from './slow-server.js';

/** How long units get to end by themselves on stop before they are killed. */
const UNIT_GRACE_MS = 200;
const NO_COMMONS: CommonsPlan = { locks: [], permits: 1 };

/**
 * A started unit as the coordinator keeps it: its handle for the scenario's script, the listener its
 * launcher reports to, and its last word. One object with methods (gather starts 100,000), and no
 * promise of its own until someone asks for `ended`: the script waits for all of them through one
 * Join instead (a promise, its resolver and Promise.all's reaction per unit were ~250 B of the ~1 KB
 * each of 100,000 gathered tasks kept).
 */
class Started implements UnitHandle, UnitListener {
  launched!: LaunchedUnit;
  final: UnitStateName | null = null;
  /** as its last report said (a process unit has its own pid, a thread its own tid) */
  pid = process.pid;
  tid: number | null = null;
  /** the allEnded() waiting for this unit, told when it ends */
  join: Join | null = null;
  /** made when someone asks for `ended` while the unit is still going */
  private ending: { promise: Promise<UnitStateName>; settle: (state: UnitStateName) => void } | null = null;

  constructor(
    private readonly stage: ScenarioStage,
    readonly index: number,
    /** an async task that shares the run's abort, so it can't be cancelled alone */
    private readonly sharesAbort: boolean,
  ) {}

  get name(): string {
    return this.stage.names[this.index];
  }

  get ended(): Promise<UnitStateName> {
    if (this.final !== null) return Promise.resolve(this.final);
    if (!this.ending) {
      let settle!: (state: UnitStateName) => void;
      const promise = new Promise<UnitStateName>((resolve) => (settle = resolve));
      this.ending = { promise, settle };
    }
    return this.ending.promise;
  }

  settle(state: UnitStateName): void {
    this.ending?.settle(state);
    this.join?.oneEnded();
  }
  onReport(report: UnitReport): void {
    this.stage.heard(report, this);
  }
  onArrive(): void {
    this.stage.arrivedOne();
  }
  cancel(): void {
    if (this.sharesAbort) throw new Error(`${this.name} shares the run's abort: start it with cancellable: true`);
    this.launched.cancel();
  }
}

/** One allEnded(): how many of its units are still going, and what to call with their final states. */
class Join {
  private going = 0;

  constructor(
    private readonly units: readonly Started[],
    private readonly resolve: (states: UnitStateName[]) => void,
  ) {
    for (const u of units) {
      if (u.final !== null) continue;
      this.going++;
      // a unit already in another join (no scenario does that) is followed through its promise
      if (u.join) void u.ended.then(() => this.oneEnded());
      else u.join = this;
    }
    if (this.going === 0) this.resolveAll();
  }

  oneEnded(): void {
    if (--this.going === 0) this.resolveAll();
  }

  private resolveAll(): void {
    this.resolve(this.units.map((u) => u.final as UnitStateName));
  }
}

export class ScenarioStage implements Stage {
  readonly names: readonly string[];
  readonly readout: CommonsReadout;
  private readonly abort = new AbortController();
  private readonly plan: CommonsPlan;
  private readonly points = new Timeline();
  private readonly started: Started[] = [];
  private together: Started[] = [];
  private parties = 0;
  private arrived = 0;
  private memory: (Commons & CommonsReadout) | null = null;
  private buffer: SharedArrayBuffer | null = null;
  private lastCommon: UnitCommon | null = null;

  private constructor(
    private readonly spec: HostSpec & { scenario: NonNullable<HostSpec['scenario']> },
    def: ScenarioDef,
    private readonly reporter: Reporter,
    private readonly folder: { dir: string; remove: () => Promise<void> } | null,
  ) {
    this.names = def.units(spec.scenario.options);
    this.plan = def.commons?.(spec.scenario.options) ?? NO_COMMONS;
    this.readout =
      spec.mode === 'thread' ? atomicsCommons(this.sharedBuffer(), this.plan)
      : folder ? fileCommons(folder.dir, this.plan)
      : this.memoryCommons();
  }

  /** Processes share files, so process mode makes its folder first. */
  static async create(spec: HostSpec, def: ScenarioDef, reporter: Reporter): Promise<ScenarioStage> {
    if (!spec.scenario) throw new Error('scenario-host started without a scenario');
    const folder = spec.mode === 'process' ? await newCommonsFolder(spec.runId) : null;
    return new ScenarioStage({ ...spec, scenario: spec.scenario }, def, reporter, folder);
  }

  get mode(): Placement {
    return this.spec.mode;
  }
  get options() {
    return this.spec.scenario.options;
  }
  get signal(): AbortSignal {
    return this.abort.signal;
  }

  timeline(): readonly TimelinePoint[] {
    return this.points.points();
  }

  slowServer() {
    return startSlowServer();
  }

  startAll(options: StartOptions = {}): UnitHandle[] {
    this.parties = this.names.length;
    this.arrived = 0;
    const handles = this.names.map((_, i) => this.start(i, options));
    this.together = this.started.slice(-handles.length);
    return handles;
  }

  start(index: number, { placement = this.mode, given = {}, cancellable = false }: StartOptions = {}): UnitHandle {
    const common = this.commonOf(given);
    const name = this.names[index];
    // `launched` is set just below: a task already reports while it is being started, so the record comes first
    const record = new Started(this, index, placement === 'async' && !cancellable);
    record.launched =
      placement === 'async' ? startTaskUnit(common, index, name, this.memoryCommons(), record, cancellable ? null : this.abort)
      : placement === 'thread' ? startThreadUnit({ ...common, index, name }, this.sharedBuffer(), record)
      : startProcessUnit({ ...common, index, name }, this.folderDir(), record);
    this.started.push(record);
    // a thread or process that is gone without saying how it ended was killed, or crashed (a task always says)
    if (placement !== 'async')
      void record.launched.exited.then((exit) => {
        const { state, reason } = goneWithoutSaying(exit, this.abort.signal.aborted);
        this.endQuietly(record, state, reason);
      });
    return record;
  }

  allEnded(units: readonly UnitHandle[]): Promise<UnitStateName[]> {
    const records = units.map((u) => {
      if (!(u instanceof Started)) throw new Error(`allEnded: ${u.name} was not started by this stage`);
      return u;
    });
    return new Promise((resolve) => new Join(records, resolve));
  }

  /** Stop every unit: ask first, and after a short grace kill what is still going. */
  async stop(): Promise<void> {
    if (this.abort.signal.aborted) return;
    this.abort.abort();
    const live = () => this.started.filter((u) => u.final === null);
    for (const u of live()) u.launched.cancel();
    await Promise.race([Promise.all(live().map((u) => u.launched.exited)), new Promise((r) => setTimeout(r, UNIT_GRACE_MS))]);
    for (const u of live()) {
      this.endQuietly(u, 'killed');
      u.launched.kill();
    }
  }

  async dispose(): Promise<void> {
    await this.folder?.remove();
  }

  /** a unit's report, as its record heard it */
  heard(report: UnitReport, record: Started): void {
    if (record.final !== null) return;
    record.pid = report.pid;
    record.tid = report.tid;
    this.points.push(report.unitId, report.state, report.t);
    this.reporter.push(report);
    if (FINAL_STATES.includes(report.state)) {
      record.final = report.state;
      record.settle(report.state);
    }
  }

  private endQuietly(record: Started, state: UnitStateName, reason?: string): void {
    const t = performance.timeOrigin + performance.now();
    this.heard({ unitId: record.index, state, t, pid: record.pid, tid: record.tid, ...(reason && { error: reason }) }, record);
  }

  /** one more unit has reached together() */
  arrivedOne(): void {
    if (++this.arrived < this.parties) return;
    this.arrived = 0;
    // an async task arrives while startAll is still starting the others: open once they all exist
    setImmediate(() => {
      for (const u of this.together) u.launched.go();
    });
  }

  /** one UnitCommon per `given` (startAll hands every unit the same), so 100,000 tasks share one */
  private commonOf(given: Record<string, string>): UnitCommon {
    if (this.lastCommon?.given !== given) this.lastCommon = { scenario: this.spec.scenario.name, options: this.options, given, plan: this.plan };
    return this.lastCommon;
  }

  private memoryCommons() {
    return (this.memory ??= memoryCommons(this.plan));
  }
  private sharedBuffer() {
    return (this.buffer ??= newCommonsBuffer(this.plan));
  }
  private folderDir(): string {
    if (!this.folder) throw new Error('process units need process mode');
    return this.folder.dir;
  }
}
