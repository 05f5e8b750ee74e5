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

interface Started {
  index: number;
  launched: LaunchedUnit;
  final: UnitStateName | null;
  settle: (state: UnitStateName) => void;
  /** as its last report said (a process unit has its own pid, a thread its own tid) */
  pid: number;
  tid: number | null;
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
    let settle: (state: UnitStateName) => void = () => undefined;
    const ended = new Promise<UnitStateName>((resolve) => (settle = resolve));
    // `launched` is set just below: a task already reports while it is being started, so the record comes first
    const record: Started = { index, launched: null as unknown as LaunchedUnit, final: null, settle, pid: process.pid, tid: null };
    const listener: UnitListener = { onReport: (r) => this.onReport(r, record), onArrive: () => this.onArrive() };
    record.launched =
      placement === 'async' ? startTaskUnit(unit, this.memoryCommons(), listener, cancellable ? null : this.abort)
      : placement === 'thread' ? startThreadUnit(unit, this.sharedBuffer(), listener)
      : startProcessUnit(unit, this.folderDir(), listener);
    this.started.push(record);
    // a thread or process that is gone without saying how it ended was killed, or crashed (a task always says)
    if (placement !== 'async')
      void record.launched.exited.then((exit) => {
        const { state, reason } = goneWithoutSaying(exit, this.abort.signal.aborted);
        this.endQuietly(record, state, reason);
      });
    const cancel = () => {
      if (placement === 'async' && !cancellable) throw new Error(`${unit.name} shares the run's abort: start it with cancellable: true`);
      record.launched.cancel();
    };
    return { index, name: this.names[index], ended, cancel };
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

  private onReport(report: UnitReport, record: Started): void {
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
    this.onReport({ unitId: record.index, state, t, pid: record.pid, tid: record.tid, ...(reason && { error: reason }) }, record);
  }

  private onArrive(): void {
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
