/**
 * The engine as its clients see it (CLI, dashboard server, Electron main): a façade over the run
 * manager, the sampler and the studies. Start and stop runs and scenarios, one Snapshot stream, one
 * RunEvent stream (sampler failures included), study events, a summary when each run ends, and a
 * replay that brings a late subscriber up to date. Knows nothing of Electron.
 */
import { EventEmitter } from 'node:events';
import os from 'node:os';
import type { PythonInfo, SystemInfo, VersionInfo } from '../../contract/catalog.js';
import type { ReaderKind, Runtime } from '../../contract/domain.js';
import { LIMITS } from '../../contract/limits.js';
import type { EngineNotice, StreamName, Streams } from '../../contract/methods.js';
import { InvalidInput, parseOrRefuse } from '../../contract/refusal.js';
import type { RunEvent, RunSummary, ScenarioResult, TimelineEntry } from '../../contract/run-events.js';
import {
  IntervalSchema,
  PythonPathSchema,
  type CompareSpecInput,
  type MemoryCostSpecInput,
  type RunSpecInput,
  type ScenarioSpecInput,
} from '../../contract/schemas.js';
import type { Snapshot } from '../../contract/snapshot.js';
import type { StudyEvent } from '../../contract/studies.js';
import type { CoreSample } from './core-span.js';
import { chooseReaderKind, createReaders, platform, type Readers } from './readers/choose.js';
import { MIN_PYTHON, findPython, requirePython } from './runs/python-runtime.js';
import type { Run } from './runs/run.js';
import { RunManager } from './runs/run-manager.js';
import { summarizeRun } from './runs/run-summary.js';
import { Sampler } from './sampler.js';
import { Studies } from './studies/studies.js';
import { versionInfo } from './version.js';

export interface EngineOptions {
  intervalMs?: number;
  /** the Python interpreter for the python runtime (--python, the app's setting); default: python3 on PATH */
  python?: string;
  /** sample with these readers instead of the platform's (CORESCOPE_READERS says the same from outside) */
  readers?: ReaderKind;
}

type EngineEvents = { snapshot: [Snapshot]; 'run-event': [RunEvent]; 'study-event': [StudyEvent]; notice: [EngineNotice] };

export class Engine extends EventEmitter<EngineEvents> {
  private readonly runs: RunManager;
  private readonly sampler: Sampler;
  private readonly studies: Studies;
  private pythonPath: string | undefined;
  /** what the engine samples with; the hosts it starts are told the same kind */
  readonly readers: Readers;
  /** per active run, the core samples since it started, for its summary */
  private readonly spans = new Map<string, CoreSample[]>();
  private readonly summaries = new Map<string, Promise<RunSummary>>();
  private readonly scenarioResults = new Map<string, ScenarioResult>();

  constructor(options: EngineOptions = {}) {
    super();
    this.pythonPath = options.python;
    this.readers = createReaders(chooseReaderKind(options.readers));
    this.runs = new RunManager(() => requirePython(this.pythonPath), this.readers.info.kind);
    this.sampler = new Sampler(() => this.runs.liveUnits(), { intervalMs: options.intervalMs, readers: this.readers });
    this.studies = new Studies(this);
    this.sampler.on('snapshot', (s) => {
      for (const span of this.spans.values()) span.push({ t: s.t, intervalMs: s.intervalMs, cores: s.cores });
      this.emit('snapshot', s);
    });
    // a failed sample is skipped (the loop goes on at the next tick); clients hear why
    this.sampler.on('error', (e) => this.emit('notice', { kind: 'sampler-error', message: e instanceof Error ? e.message : String(e), t: Date.now() }));
    this.runs.on('event', (e) => this.emit('run-event', e));
    this.runs.on('exited', (run) => this.summaries.set(run.id, this.finish(run)));
    this.studies.on('study-event', (e) => this.emit('study-event', e));
  }

  start(): Promise<void> {
    return this.sampler.start();
  }

  version(): VersionInfo {
    return versionInfo();
  }

  system(): SystemInfo {
    const cpus = os.cpus();
    return {
      platform,
      cpuModel: cpus[0]?.model ?? 'unknown',
      logicalCores: cpus.length,
      totalMemoryBytes: os.totalmem(),
      intervalMs: this.sampler.interval,
      limits: LIMITS,
      python: findPython(this.pythonPath),
      readers: this.readers.info,
    };
  }

  get intervalMs(): number {
    return this.sampler.interval;
  }

  /** The latest snapshot, or null before the first one. */
  get latestSnapshot(): Snapshot | null {
    return this.sampler.latest;
  }

  setInterval(ms: number): void {
    this.sampler.setIntervalMs(parseOrRefuse(IntervalSchema, ms));
  }

  /** Throws InvalidInput (its one-line reason) when runs of this runtime cannot start here. */
  requireRuntime(runtime: Runtime): void {
    if (runtime === 'python') requirePython(this.pythonPath);
  }

  /**
   * The app's Python setting: an interpreter for the runs started from now on (null: python3 on PATH).
   * A path that does not run as a fit Python is refused with its reason and changes nothing.
   */
  setPython(path: string | null): PythonInfo | null {
    const next = parseOrRefuse(PythonPathSchema, path) ?? undefined;
    if (next !== undefined && !findPython(next)) throw new InvalidInput(`python ${next} does not run as Python ${MIN_PYTHON.join('.')} or newer`);
    this.pythonPath = next;
    return findPython(this.pythonPath);
  }

  startRun(spec: RunSpecInput): Run {
    return this.track(this.runs.start(spec));
  }

  /** Start one of the article's scenarios (throws InvalidInput with a one-line reason). */
  runScenario(spec: ScenarioSpecInput): Run {
    return this.track(this.runs.startScenario(spec));
  }

  stopRun(id: string): Promise<void> {
    return this.runs.stop(id);
  }

  /** Stop every run going; resolves when each has ended. */
  stopAll(): Promise<void> {
    return this.runs.stopAll();
  }

  /** How many runs are going now. */
  activeRuns(): number {
    return this.runs.active().length;
  }

  /** The run's summary, once every one of its units has ended. */
  async summary(run: Run): Promise<RunSummary> {
    await run.ended;
    return this.summaries.get(run.id) ?? this.finish(run);
  }

  /** Start a run and wait for its summary. */
  runToEnd(spec: RunSpecInput): Promise<RunSummary> {
    return this.summary(this.startRun(spec));
  }

  /** A scenario run's result, once every one of its units has ended. */
  async scenarioResult(run: Run): Promise<ScenarioResult> {
    await this.summary(run);
    const result = this.scenarioResults.get(run.id);
    if (!result) throw new Error(`run ${run.id} is not a scenario`);
    return result;
  }

  /** A scenario run's timeline so far (empty for other runs). */
  scenarioTimeline(runId: string): readonly TimelineEntry[] {
    return this.runs.scenarioOf(runId)?.timelineSoFar() ?? [];
  }

  /** A compare started from a client: one study at a time; progress and result as study events. */
  runCompare(spec: CompareSpecInput): { studyId: string } {
    return this.studies.runCompare(spec, this.activeRuns());
  }

  /** A memory-cost study started from a client: one study at a time; progress and result as study events. */
  runMemoryCost(spec: MemoryCostSpecInput): { studyId: string } {
    return this.studies.runMemoryCost(spec);
  }

  /**
   * Listen to one stream. A new subscriber first hears what brings it up to date: the run-started
   * and unit states of the runs going, and the latest study of each kind.
   */
  subscribe<S extends StreamName>(stream: S, cb: (value: Streams[S]) => void): () => void {
    const listen = <E extends keyof EngineEvents>(event: E, replay: readonly EngineEvents[E][0][]) => {
      const listener = cb as unknown as (value: EngineEvents[E][0]) => void;
      for (const e of replay) listener(e);
      this.on(event, listener as never);
      return () => void this.off(event, listener as never);
    };
    if (stream === 'snapshot') return listen('snapshot', []);
    if (stream === 'runEvent') return listen('run-event', this.runs.replay());
    if (stream === 'studyEvent') return listen('study-event', this.studies.replay());
    return listen('notice', []);
  }

  /** Stop every run and the sampler; resolves when every unit has ended. */
  async close(): Promise<void> {
    await this.runs.stopAll();
    this.sampler.stop();
  }

  /** Last resort on the way out (uncaught error, signal): no unit may outlive us. */
  killAll(): void {
    this.runs.killAll();
  }

  private track(run: Run): Run {
    this.spans.set(run.id, []);
    return run;
  }

  private async finish(run: Run): Promise<RunSummary> {
    await this.sampler.sampleNow(); // closes the run's span exactly at its end
    const summary = summarizeRun(run, this.spans.get(run.id) ?? [], this.readers.info.memoryMeasures[0]);
    const scenario = this.runs.scenarioOf(run.id)?.result(summary.wallMs);
    if (scenario) this.keepScenarioResult(run.id, scenario);
    this.spans.delete(run.id);
    this.runs.release(run.id);
    this.emit('run-event', { type: 'run-ended', runId: run.id, summary, t: Date.now(), ...(scenario && { scenario }) });
    return summary;
  }

  /** Results wait here for scenarioResult(); only the latest few, as a timeline can be large. */
  private keepScenarioResult(runId: string, result: ScenarioResult): void {
    this.scenarioResults.set(runId, result);
    for (const old of this.scenarioResults.keys()) if (this.scenarioResults.size > LIMITS.concurrentRuns) this.scenarioResults.delete(old);
  }
}
