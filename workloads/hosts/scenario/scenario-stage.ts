/**
 * The coordinator's side of a scenario (the Stage its `run` script uses): starts units where they
 * should run, relays their reports to the engine and keeps them as a timeline, opens together() once
 * every unit has arrived, and on stop asks the units to end, then kills those that can't listen.
 */
import type { HostSpec, UnitReport, UnitStateName } from '../../../contract/host-protocol.js';
import { memoryCommons } from '../../sync/memory-commons.js';
import { atomicsCommons, newCommonsBuffer } from '../../sync/atomics-commons.js';
import { fileCommons, newCommonsFolder } from '../../sync/file-commons.js';
import type { Commons, CommonsPlan, CommonsReadout } from '../../sync/commons.js';
import type { Placement, ScenarioDef, Stage, StartOptions, TimelinePoint, UnitHandle } from '../../scenarios/scenario.js';
import type { Reporter } from '../reporter.js';
import { goneWithoutSaying, type LaunchedUnit, type UnitListener, type UnitStart } from './scenario-launch.js';
import { startProcessUnit } from './scenario-process.js';
import { startTaskUnit } from './scenario-task.js';
import { startThreadUnit } from './scenario-thread.js';
import { startSlowServer } from './slow-server.js';

/** How long units get to end by themselves on stop before they are killed. */
const UNIT_GRACE_MS = 200;
const FINAL: readonly UnitStateName[] = ['done', 'cancelled', 'failed', 'killed'];
const NO_COMMONS: CommonsPlan = { locks: [], permits: 1 };

/**
 * A started unit as the coordinator keeps it: its handle for the scenario's script, the listener its
 * launcher reports to, and its last word. One object with methods (gather starts 100,000).
 */
class Started implements UnitHandle, UnitListener {
  launched!: LaunchedUnit;
  final: UnitStateName | null = null;
  /** as its last report said (a process unit has its own pid, a thread its own tid) */
  pid = process.pid;
  tid: number | null = null;
  readonly ended: Promise<UnitStateName>;
  private settleEnded!: (state: UnitStateName) => void;

  constructor(
    private readonly stage: ScenarioStage,
    readonly index: number,
    readonly name: string,
    private readonly placement: Placement,
    private readonly cancellable: boolean,
  ) {
    this.ended = new Promise<UnitStateName>((resolve) => (this.settleEnded = resolve));
  }

  settle(state: UnitStateName): void {
    this.settleEnded(state);
  }
  onReport(report: UnitReport): void {
    this.stage.heard(report, this);
  }
  onArrive(): void {
    this.stage.arrivedOne();
  }
  cancel(): void {
    if (this.placement === 'async' && !this.cancellable) throw new Error(`${this.name} shares the run's abort: start it with cancellable: true`);
    this.launched.cancel();
  }
}

export class ScenarioStage implements Stage {
  readonly names: readonly string[];
  readonly readout: CommonsReadout;
  private readonly abort = new AbortController();
  private readonly plan: CommonsPlan;
  private readonly points: TimelinePoint[] = [];
  private readonly started: Started[] = [];
  private together: Started[] = [];
  private parties = 0;
  private arrived = 0;
  private memory: (Commons & CommonsReadout) | null = null;
  private buffer: SharedArrayBuffer | null = null;

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
    return this.points;
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
    const unit: UnitStart = { scenario: this.spec.scenario.name, index, name: this.names[index], options: this.options, given, plan: this.plan };
    // `launched` is set just below: a task already reports while it is being started, so the record comes first
    const record = new Started(this, index, this.names[index], placement, cancellable);
    record.launched =
      placement === 'async' ? startTaskUnit(unit, this.memoryCommons(), record, cancellable ? null : this.abort)
      : placement === 'thread' ? startThreadUnit(unit, this.sharedBuffer(), record)
      : startProcessUnit(unit, this.folderDir(), record);
    this.started.push(record);
    // a thread or process that is gone without saying how it ended was killed, or crashed (a task always says)
    if (placement !== 'async')
      void record.launched.exited.then((exit) => {
        const { state, reason } = goneWithoutSaying(exit, this.abort.signal.aborted);
        this.endQuietly(record, state, reason);
      });
    return record;
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
    this.points.push({ unit: report.unitId, state: report.state, t: report.t });
    this.reporter.push(report);
    if (FINAL.includes(report.state)) {
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
