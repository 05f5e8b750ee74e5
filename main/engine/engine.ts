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
import type { EngineHealth } from '../../contract/health.js';
import type { RecentHistory } from '../../contract/history.js';
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
  type UnitsPageParams,
} from '../../contract/schemas.js';
import type { Snapshot, UnitsPage } from '../../contract/snapshot.js';
import type { StudyEvent } from '../../contract/studies.js';
import { CoreSpan } from './core-span.js';
import { LoopDelayWindow, readHealth } from './health.js';
import { chooseReaderKind, createReaders, platform, type Readers } from './readers/choose.js';
import { readCoreSeconds, readUnitCpuSeconds, type CoreSeconds, type UnitCpuSeconds } from './readers/cpu-seconds.js';
import { checkPython, type Verdict } from './runs/python-runtime.js';
import type { Run } from './runs/run.js';
import { RunManager } from './runs/run-manager.js';
import { summarizeRun } from './runs/run-summary.js';
import { RecentSamples } from './recent-history.js';
import { Sampler } from './sampler.js';
import { Studies } from './studies/studies.js';
import { versionInfo } from './version.js';
import type { Watch } from './watch/watch.js';
import { asRunSummary, summarizeWatch } from './watch/watch-summary.js';
import { Watches } from './watch/watches.js';
import { listProcesses } from './watch/process-list.js';
import type { StdioOptions } from 'node:child_process';
import { ProcessQuerySchema, WatchCommandSchema, WatchPidSchema, type ProcessInfo, type WatchSummary } from '../../contract/watch.js';
import { Recordings, defaultRecordingsDir } from './recording/recordings.js';
import type { RecordingInfo } from '../../contract/recording.js';

export interface EngineOptions {
  intervalMs?: number;
  /** the Python interpreter for the python runtime (--python, the app's setting); default: python3 on PATH */
  python?: string;
  /** where the app's Record button saves (default: ~/CoreScope/recordings) */
  recordingsDir?: string;
  /** sample with these readers instead of the platform's (CORESCOPE_READERS says the same from outside) */
  readers?: ReaderKind;
  /** false: this session runs no Python (a Node run, sample, watch), so no interpreter is probed — the
   * probe spawns Python, which a `run` would otherwise wait for before its units start */
  checkPython?: boolean;
}

type EngineEvents = { snapshot: [Snapshot]; 'run-event': [RunEvent]; 'study-event': [StudyEvent]; notice: [EngineNotice] };

export class Engine extends EventEmitter<EngineEvents> {
  private readonly runs: RunManager;
  private readonly sampler: Sampler;
  private readonly studies: Studies;
  private readonly watches = new Watches();
  /** the Python runs use, as last checked; until the first check ends, none */
  private python: Verdict = { ok: false, reason: 'python is still being checked; try again in a moment' };
  private readonly pythonChecked: Promise<void>;
  /** what the engine samples with; the hosts it starts are told the same kind */
  readonly readers: Readers;
  /** per active run, the core samples since it started, for its summary */
  private readonly spans = new Map<string, CoreSpan>();
  /** keyed by the run itself: a summary lives as long as whoever holds its run, not for the engine's lifetime */
  private readonly summaries = new WeakMap<Run, Promise<RunSummary>>();
  private readonly loop = new LoopDelayWindow();
  private readonly scenarioResults = new Map<string, ScenarioResult>();
  private readonly recordings: Recordings;
  /** the last minute of machine samples, for a page that opens mid-run */
  private readonly recent = new RecentSamples();

  constructor(options: EngineOptions = {}) {
    super();
    if (options.checkPython === false) this.python = { ok: false, reason: 'this session was started without Python' };
    this.pythonChecked = options.checkPython === false ? Promise.resolve() : checkPython(options.python).then((v) => void (this.python = v));
    this.readers = createReaders(chooseReaderKind(options.readers));
    this.runs = new RunManager(
      () => this.pythonPath(),
      () => this.sampler.latest?.memory.availableBytes ?? os.freemem(),
      this.readers.info.kind,
    );
    this.sampler = new Sampler(() => this.runs.liveUnits(), { intervalMs: options.intervalMs, readers: this.readers, moreUnits: this.watches });
    this.studies = new Studies(this);
    this.recordings = new Recordings(this, options.recordingsDir ?? defaultRecordingsDir());
    this.sampler.on('snapshot', (s) => {
      for (const span of this.spans.values()) span.add({ t: s.t, intervalMs: s.intervalMs, cores: s.cores });
      this.recent.push(s);
      this.emit('snapshot', s);
    });
    // a failed sample is skipped (the loop goes on at the next tick); clients hear why
    this.sampler.on('error', (e) => this.emit('notice', { kind: 'sampler-error', message: e instanceof Error ? e.message : String(e), t: Date.now() }));
    this.runs.on('event', (e) => this.emit('run-event', e));
    this.runs.on('exited', (run) => this.summaries.set(run, this.finish(run)));
    this.watches.on('event', (e) => this.emit('run-event', e));
    this.watches.on('exited', (w) => this.watches.keepSummary(w.id, this.finishWatch(w)));
    this.studies.on('study-event', (e) => this.emit('study-event', e));
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
      python: this.python.ok ? this.python.info : null,
      readers: this.readers.info,
    };
  }

  get intervalMs(): number {
    return this.sampler.interval;
  }

  /** The last minute of per-core load and memory (bounded): what a late page draws before its first snapshot. */
  recentHistory(): RecentHistory {
    return this.recent.read();
  }

  /** Take a sample now (every subscriber hears it), e.g. to open a recording on the machine as it is. */
  sampleNow(): Promise<Snapshot> {
    return this.sampler.sampleNow();
  }

  /** The latest snapshot, or null before the first one. */
  get latestSnapshot(): Snapshot | null {
    return this.sampler.latest;
  }

  /** Cumulative CPU seconds per core and mode since boot (for counters, e.g. Prometheus). */
  cpuSeconds(): Promise<CoreSeconds[]> {
    return readCoreSeconds();
  }

  /** Cumulative CPU seconds of every live unit. */
  unitCpuSeconds(): Promise<UnitCpuSeconds[]> {
    return readUnitCpuSeconds(this.runs.liveUnits());
  }

  /** A page of every live unit, sorted as asked, from the latest sample (a snapshot lists only a bounded few). */
  unitsPage(params: UnitsPageParams): UnitsPage {
    return this.sampler.unitsPage(params);
  }

  setInterval(ms: number): void {
    this.sampler.setIntervalMs(parseOrRefuse(IntervalSchema, ms));
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
  async setPython(path: string | null): Promise<PythonInfo | null> {
    const asked = parseOrRefuse(PythonPathSchema, path);
    const verdict = await checkPython(asked ?? undefined);
    // null (python3 on PATH) is taken even when there is none: the app then hides its Python options
    if (!verdict.ok && asked !== null) throw new InvalidInput(verdict.reason);
    this.python = verdict;
    return verdict.ok ? verdict.info : null;
  }

  startRun(spec: RunSpecInput): Run {
    const run = this.track(this.runs.start(spec));
    // a deliberately leaking build, to prove the soak catches one: a listener per run that holds the run
    if (process.env.CORESCOPE_LEAK_PER_RUN === '1') this.sampler.on('snapshot', () => void run.id);
    return run;
  }

  /** This process's memory, fds, event-loop delay and listener counts: what must stay flat for hours. */
  health(): EngineHealth {
    return readHealth(this.loop, [this, this.runs, this.sampler, this.studies], { active: this.runs.active().length, held: this.runs.held() });
  }

  /** Start one of the article's scenarios (throws InvalidInput with a one-line reason). */
  runScenario(spec: ScenarioSpecInput): Run {
    return this.track(this.runs.startScenario(spec));
  }

  stopRun(id: string): Promise<void> {
    const watch = this.watches.get(id);
    return watch ? watch.stop() : this.runs.stop(id);
  }

  /** Stop every run and watch going; resolves when each has ended. */
  async stopAll(): Promise<void> {
    await Promise.all([this.runs.stopAll(), this.watches.stopAll()]);
  }

  /** How many runs (watches included) are going now. */
  activeRuns(): number {
    return this.runs.active().length + this.watches.active().length;
  }

  /**
   * Watch a command CoreScope starts (argv, no shell): its whole tree, ended when the watch is
   * stopped. stdio: what the command inherits (the CLI passes the terminal; default: nothing).
   */
  watchCommand(input: unknown, stdio?: StdioOptions): Watch {
    const { argv } = parseOrRefuse(WatchCommandSchema, input);
    this.checkWatchRoom();
    return this.trackWatch(this.watches.start(this.runs.newId(), argv, stdio));
  }

  /** Watch a running process and its tree; stopping detaches and leaves it running. */
  watchPid(input: unknown): Watch {
    const { pid } = parseOrRefuse(WatchPidSchema, input);
    this.checkWatchRoom();
    return this.trackWatch(this.watches.attach(this.runs.newId(), pid));
  }

  /** The processes of this machine for the picker, busiest first, filtered by pid, name, user or command. */
  listProcesses(input?: unknown): Promise<ProcessInfo[]> {
    return listProcesses(parseOrRefuse(ProcessQuerySchema, input)?.query ?? '');
  }

  /** A watch's summary, once it has ended. */
  watchSummary(watch: Watch): Promise<WatchSummary> {
    return this.watches.summary(watch);
  }

  /** The run's summary, once every one of its units has ended. */
  async summary(run: Run): Promise<RunSummary> {
    await run.ended;
    return this.summaries.get(run) ?? this.finish(run);
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
    if (stream === 'runEvent') return listen('run-event', [...this.runs.replay(), ...this.watches.replay()]);
    if (stream === 'studyEvent') return listen('study-event', this.studies.replay());
    return listen('notice', []);
  }

  /** The app's Record button: everything the streams carry, into NAME.corescope in the recordings folder. */
  startRecording(name?: string): RecordingInfo {
    return this.recordings.start(name);
  }

  stopRecording(): RecordingInfo {
    return this.recordings.stop();
  }

  /** The recording going now, or null. */
  recording(): RecordingInfo | null {
    return this.recordings.state();
  }

  /** Stop every run and the sampler (and close a recording, with the runs' ends in it); resolves when every unit has ended. */
  async close(): Promise<void> {
    await this.stopAll();
    if (this.recordings.state()) this.recordings.stop();
    this.sampler.stop();
    this.loop.stop();
  }

  /** Last resort on the way out (uncaught error, signal): no unit may outlive us. */
  killAll(): void {
    this.runs.killAll();
    this.watches.killAll();
  }

  private track(run: Run): Run {
    this.spans.set(run.id, new CoreSpan(run.t0));
    return run;
  }

  private checkWatchRoom(): void {
    if (this.readers.info.kind !== 'proc') throw new InvalidInput('watching a program reads /proc: Linux only for now (and not with CORESCOPE_READERS=portable)');
    if (this.activeRuns() >= LIMITS.concurrentRuns) throw new InvalidInput(`at most ${LIMITS.concurrentRuns} runs at once; stop one first`);
  }

  private trackWatch(watch: Watch): Watch {
    if (!this.spans.has(watch.id)) this.spans.set(watch.id, new CoreSpan(watch.t0));
    void this.sampler.sampleNow(); // the tree's first reading now: the rates count from here
    return watch;
  }

  private async finishWatch(watch: Watch): Promise<WatchSummary> {
    await this.sampler.sampleNow();
    const facts = { runId: watch.id, info: watch.info, state: watch.state, endAt: watch.endedAt, threadsLeftOut: watch.threadsLeftOut };
    const summary = summarizeWatch(facts, this.spans.get(watch.id) ?? new CoreSpan(watch.t0), this.readers.info.memoryMeasures[0]);
    this.spans.delete(watch.id);
    this.emit('run-event', { type: 'run-ended', runId: watch.id, summary: asRunSummary(summary, this.readers.info.memoryMeasures[0]), t: Date.now(), watch: summary });
    return summary;
  }

  private async finish(run: Run): Promise<RunSummary> {
    await this.sampler.sampleNow(); // closes the run's span exactly at its end
    const summary = summarizeRun(run, this.spans.get(run.id) ?? new CoreSpan(run.t0), this.readers.info.memoryMeasures[0]);
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
