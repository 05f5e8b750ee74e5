/**
 * The run manager: validates a spec against the limits, launches its run, keeps the runs that are
 * going (at most LIMITS.concurrentRuns), and stops one or all of them. Forwards every unit's state
 * change as a RunEvent.
 */
import { FINAL_STATES, type ReaderKind, type UnitState } from '../../../contract/domain.js';
import type { UnitDetail } from '../../../contract/host-protocol.js';
import { EventEmitter } from 'node:events';
import os from 'node:os';
import { LIMITS } from '../../../contract/limits.js';
import { InvalidInput, parseOrRefuse } from '../../../contract/refusal.js';
import { type RunEvent } from '../../../contract/run-events.js';
import { RunSpecSchema, type RunSpec, type RunSpecInput, type ScenarioSpecInput } from '../../../contract/schemas.js';
import { engineLimitRefusal } from './engine-limits.js';
import { Run, workloadPlan, type RunPlan, type UnitRecord } from './run.js';
import { ScenarioRecorder } from '../scenarios/scenario-recorder.js';
import { scenarioDef } from '../scenarios/scenario-catalog.js';
import { parseScenarioSpec, scenarioRunSpec, scenarioUnitNames } from '../scenarios/scenario-spec.js';
import type { UnitRef } from './unit-ref.js';

/** Parse anything that claims to be a run spec (CLI flags, a request); throws InvalidInput with a one-line reason. */
export function parseRunSpec(input: unknown): RunSpec {
  return parseOrRefuse(RunSpecSchema, input);
}

/** Past this many changes (a gather of 10,000 tasks) a late page gets each unit's state now instead. */
const REPLAY_TIMELINE_MAX = 5000;

const unitStateEvent = (runId: string, u: UnitRecord, state: UnitState, t: number, detail?: UnitDetail): RunEvent => ({
  type: 'unit-state',
  runId,
  unitId: u.unitId,
  pid: u.pid,
  tid: u.tid,
  state,
  t,
  ...(detail && { detail }),
  ...(u.reason && FINAL_STATES.includes(state) && { reason: u.reason }),
});

export class RunManager extends EventEmitter<{ event: [RunEvent]; exited: [Run] }> {
  private readonly runs = new Map<string, Run>();
  private readonly scenarios = new Map<string, ScenarioRecorder>();
  /** each active run's run-started event, for replay to a client that connects mid-run */
  private readonly startedEvents = new Map<string, RunEvent>();
  private nextId = 1;
  private lastParts: UnitRef[][] = [];
  private lastLive: UnitRef[] = [];

  /** python: the interpreter for Python hosts, asked for only when a run needs one (throws InvalidInput if none) */
  constructor(
    private readonly python: () => string,
    /** the machine's available memory now, for the engine-wide memory limit */
    private readonly availableBytes: () => number = () => os.freemem(),
    /** the engine's readers, which the hosts are told (see host-launch.ts) */
    private readonly readers?: ReaderKind,
  ) {
    super();
  }

  start(input: RunSpecInput): Run {
    const spec = parseRunSpec(input);
    const python = spec.runtime === 'python' ? this.python() : undefined;
    this.checkRoom(spec);
    const id = `r${this.nextId++}`;
    const run = new Run(id, spec, { ...workloadPlan(id, spec, python), readers: this.readers });
    this.launch(run);
    this.announce({ type: 'run-started', runId: run.id, spec, t: run.t0 });
    return run;
  }

  /** Start one of the article's scenarios: a run whose single host is the scenario's coordinator. */
  startScenario(input: ScenarioSpecInput): Run {
    const scenario = parseScenarioSpec(input);
    const python = scenario.runtime === 'python' ? this.python() : undefined;
    const spec = scenarioRunSpec(scenario);
    this.checkRoom(spec);
    const id = `r${this.nextId++}`;
    const unitNames = scenarioUnitNames(scenario);
    const plan: RunPlan = {
      program: python ? { python } : { script: 'scenario-host' },
      readers: this.readers,
      hosts: [
        {
          runId: id,
          workload: spec.workload,
          mode: spec.mode,
          unitIds: unitNames.map((_, i) => i),
          scenario: { name: scenario.name, options: scenario.options },
        },
      ],
    };
    const run = new Run(id, spec, plan);
    this.scenarios.set(id, new ScenarioRecorder(run, scenario, unitNames));
    this.launch(run);
    this.announce({ type: 'run-started', runId: run.id, spec, t: run.t0, scenario: { spec: scenario, unitNames } });
    run.queue(scenarioDef(scenario.name).about.queued?.(scenario.mode, scenario.options) ?? []);
    return run;
  }

  private announce(started: RunEvent): void {
    this.startedEvents.set(started.runId, started);
    this.emit('event', started);
  }

  /**
   * The events that bring a client that connects now up to date: each active run's run-started, then
   * for a scenario every change of its units so far (a page reloaded mid-run draws a finished job's
   * whole lane, not 'starting' up to its end), else the current state of each unit that has left 'starting'.
   */
  replay(): RunEvent[] {
    return this.active().flatMap((run) => {
      const started = this.startedEvents.get(run.id);
      const units = this.scenarioHistory(run) ?? run.units.filter((u) => u.state !== 'starting').map((u) => unitStateEvent(run.id, u, u.state, u.stateAt));
      return started ? [started, ...units] : units;
    });
  }

  /** A scenario run's timeline so far as unit-state events (null for a plain run, or one too long to resend). */
  private scenarioHistory(run: Run): RunEvent[] | null {
    const timeline = this.scenarios.get(run.id)?.timelineSoFar();
    if (!timeline || timeline.length > REPLAY_TIMELINE_MAX) return null;
    const idOf = new Map(this.scenarios.get(run.id)?.unitNames.map((name, i) => [name, i]));
    return timeline.flatMap((e) => {
      const u = run.units[idOf.get(e.unit) ?? -1];
      if (!u || (e.state === 'starting' && e.tMs === 0)) return []; // every unit begins so: the page assumes it
      return [unitStateEvent(run.id, u, e.state, run.t0 + e.tMs, e.detail)];
    });
  }

  /** A run id for something else that shows as a run (a watched program): one sequence for all. */
  newId(): string {
    return `r${this.nextId++}`;
  }

  private checkRoom(next: RunSpec): void {
    if (this.active().length >= LIMITS.concurrentRuns)
      throw new InvalidInput(`at most ${LIMITS.concurrentRuns} runs at once; stop one first`);
    const live = this.active().map((run) => ({ spec: run.spec, liveUnits: run.spec.units - run.units.filter((u) => u.endAt !== null).length }));
    const refusal = engineLimitRefusal(live, next, this.availableBytes());
    if (refusal) throw new InvalidInput(refusal);
  }

  private launch(run: Run): void {
    this.runs.set(run.id, run);
    const scenario = this.scenarios.get(run.id);
    run.on('unit-state', (u) => {
      const waitFor = scenario?.record(u);
      this.emit('event', {
        type: 'unit-state',
        runId: run.id,
        unitId: u.unitId,
        pid: u.pid,
        tid: u.tid,
        state: u.state,
        t: u.stateAt,
        ...(u.detail && { detail: u.detail }),
        ...(waitFor && { waitFor }),
        ...(u.reason && { reason: u.reason }),
      });
    });
    run.once('exited', () => this.emit('exited', run));
    run.start();
  }

  get(id: string): Run | undefined {
    return this.runs.get(id);
  }

  /** The recorder of a scenario run (until the run is released). */
  scenarioOf(id: string): ScenarioRecorder | undefined {
    return this.scenarios.get(id);
  }

  /** how many runs the manager still holds (going, or ended and not yet released) */
  held(): number {
    return this.runs.size;
  }

  active(): Run[] {
    return [...this.runs.values()].filter((r) => r.active);
  }

  /** Forget a finished run once its summary is out. */
  release(id: string): void {
    if (this.runs.get(id)?.active) return;
    this.runs.delete(id);
    this.scenarios.delete(id);
    this.startedEvents.delete(id);
  }

  async stop(id: string): Promise<void> {
    const run = this.runs.get(id);
    if (!run) throw new InvalidInput(`no run ${id}`);
    await run.stop();
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.active().map((r) => r.stop()));
  }

  /** Last resort on the way out (uncaught error, signal): no unit may outlive us. */
  killAll(): void {
    for (const r of this.active()) r.kill();
  }

  /** Every active run's live units; the same array while no run's has changed (see Run.liveUnits). */
  liveUnits(): UnitRef[] {
    const parts = this.active().map((r) => r.liveUnits());
    if (parts.length !== this.lastParts.length || parts.some((p, i) => p !== this.lastParts[i])) {
      this.lastParts = parts;
      this.lastLive = parts.length === 1 ? parts[0] : parts.flat();
    }
    return this.lastLive;
  }
}
