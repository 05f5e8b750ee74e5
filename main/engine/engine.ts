/**
 * The engine as its clients see it (CLI, web server, Electron main): start and stop runs, one
 * Snapshot stream, one RunEvent stream, and a summary when each run ends. Knows nothing of Electron.
 */
import { EventEmitter } from 'node:events';
import os from 'node:os';
import {
  IntervalSchema,
  LIMITS,
  PythonPathSchema,
  describeInvalid,
  type PythonInfo,
  type Runtime,
  type RunEvent,
  type RunSummary,
  type ScenarioResult,
  type Snapshot,
  type SystemInfo,
} from '../../preload/api.js';
import { InvalidInput } from './errors.js';
import type { Run } from './run.js';
import { summarizeRun } from './run-summary.js';
import { RunManager } from './runs.js';
import { Sampler } from './sampler.js';
import { checkPython, type Verdict } from './python-runtime.js';
import { memoryMeasure } from './unit-reader.js';
import type { CoreSample } from './window-mean.js';

export interface EngineOptions {
  intervalMs?: number;
  /** the Python interpreter for the python runtime (--python, the app's setting); default: python3 on PATH */
  python?: string;
}

export class Engine extends EventEmitter<{ snapshot: [Snapshot]; 'run-event': [RunEvent] }> {
  readonly runs: RunManager;
  /** the Python runs use, as last checked; until the first check ends, none */
  private python: Verdict = { ok: false, reason: 'python is still being checked; try again in a moment' };
  private readonly pythonChecked: Promise<void>;
  readonly sampler: Sampler;
  /** per active run, the core samples since it started, for its summary */
  private readonly windows = new Map<string, CoreSample[]>();
  private readonly summaries = new Map<string, Promise<RunSummary>>();
  private readonly scenarioResults = new Map<string, ScenarioResult>();

  constructor(options: EngineOptions = {}) {
    super();
    this.pythonChecked = checkPython(options.python).then((v) => void (this.python = v));
    this.runs = new RunManager(
      () => this.pythonPath(),
      () => this.sampler.latest?.memory.availableBytes ?? os.freemem(),
    );
    this.sampler = new Sampler(() => this.runs.liveUnits(), { intervalMs: options.intervalMs });
    this.sampler.on('snapshot', (s) => {
      for (const w of this.windows.values()) w.push({ t: s.t, intervalMs: s.intervalMs, cores: s.cores });
      this.emit('snapshot', s);
    });
    this.runs.on('event', (e) => this.emit('run-event', e));
    this.runs.on('exited', (run) => this.summaries.set(run.id, this.finish(run)));
  }

  async start(): Promise<void> {
    await Promise.all([this.sampler.start(), this.pythonChecked]);
  }

  /** Resolves once the startup Python check has ended (system() and python runs need its answer). */
  ready(): Promise<void> {
    return this.pythonChecked;
  }

  private pythonPath(): string {
    if (!this.python.ok) throw new InvalidInput(this.python.reason);
    return this.python.info.path;
  }

  setInterval(ms: unknown): void {
    const parsed = IntervalSchema.safeParse(ms);
    if (!parsed.success) throw new InvalidInput(describeInvalid(parsed.error));
    this.sampler.setIntervalMs(parsed.data);
  }

  /** Throws InvalidInput (its one-line reason) when runs of this runtime cannot start here. */
  requireRuntime(runtime: Runtime): void {
    if (runtime === 'python') this.pythonPath();
  }

  /**
   * The app's Python setting: an interpreter for the runs started from now on (null: python3 on PATH).
   * A path that is not a trusted, fit Python (python-runtime.ts checkPython) is refused with its
   * reason and changes nothing. The probe is asynchronous: other clients are answered meanwhile.
   */
  async setPython(path: unknown): Promise<PythonInfo | null> {
    const parsed = PythonPathSchema.safeParse(path);
    if (!parsed.success) throw new InvalidInput(describeInvalid(parsed.error));
    const verdict = await checkPython(parsed.data ?? undefined);
    // null (python3 on PATH) is taken even when there is none: the app then hides its Python options
    if (!verdict.ok && parsed.data !== null) throw new InvalidInput(verdict.reason);
    this.python = verdict;
    return verdict.ok ? verdict.info : null;
  }

  startRun(spec: unknown): Run {
    const run = this.runs.start(spec);
    this.windows.set(run.id, []);
    return run;
  }

  /** Start one of the article's scenarios (a ScenarioSpec; throws InvalidInput with a one-line reason). */
  runScenario(spec: unknown): Run {
    const run = this.runs.startScenario(spec);
    this.windows.set(run.id, []);
    return run;
  }

  /** A scenario run's result, once every one of its units has ended. */
  async scenarioResult(run: Run): Promise<ScenarioResult> {
    await this.summary(run);
    const result = this.scenarioResults.get(run.id);
    if (!result) throw new Error(`run ${run.id} is not a scenario`);
    return result;
  }

  stopRun(id: string): Promise<void> {
    return this.runs.stop(id);
  }

  /** The run's summary, once every one of its units has ended. */
  async summary(run: Run): Promise<RunSummary> {
    await run.ended;
    return this.summaries.get(run.id) ?? this.finish(run);
  }

  /** Start a run and wait for its summary. */
  async runToEnd(spec: unknown): Promise<RunSummary> {
    return this.summary(this.startRun(spec));
  }

  private async finish(run: Run): Promise<RunSummary> {
    await this.sampler.sampleNow(); // closes the run's window exactly at its end
    const summary = summarizeRun(run, this.windows.get(run.id) ?? [], memoryMeasure);
    const scenario = this.runs.scenarioOf(run.id)?.result(summary.wallMs);
    if (scenario) this.keepScenarioResult(run.id, scenario);
    this.windows.delete(run.id);
    this.runs.release(run.id);
    this.emit('run-event', { type: 'run-ended', runId: run.id, summary, t: Date.now(), ...(scenario && { scenario }) });
    return summary;
  }

  /** Results wait here for scenarioResult(); only the latest few, as a timeline can be large. */
  private keepScenarioResult(runId: string, result: ScenarioResult): void {
    this.scenarioResults.set(runId, result);
    for (const old of this.scenarioResults.keys()) if (this.scenarioResults.size > LIMITS.concurrentRuns) this.scenarioResults.delete(old);
  }

  system(): SystemInfo {
    const cpus = os.cpus();
    return {
      platform: process.platform,
      cpuModel: cpus[0]?.model ?? 'unknown',
      logicalCores: cpus.length,
      totalMemoryBytes: os.totalmem(),
      intervalMs: this.sampler.interval,
      limits: LIMITS,
      python: this.python.ok ? this.python.info : null,
    };
  }

  /** Stop every run and the sampler; resolves when every unit has ended. */
  async close(): Promise<void> {
    await this.runs.stopAll();
    this.sampler.stop();
  }
}
