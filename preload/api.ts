/**
 * THE contract between main and its clients (renderer over IPC, dashboard over WebSocket, CLI):
 * channel names, the shapes that cross the boundary, and the zod schemas that every input is parsed with.
 * Pure TypeScript + zod: imported by main, preload, renderer and the CLI alike, never by the workloads.
 */
import { z } from 'zod';
import type { ScenarioFlag, ScenarioOptions, ScenarioOutcome, UnitDetail } from '../workloads/protocol.js';

// the scenarios' shapes are defined once, where the workloads produce them (types only: no code crosses)
export type {
  CounterOutcome,
  DeadlockOutcome,
  EventLoopBlockOutcome,
  FirstCompletedOutcome,
  GatherOutcome,
  GilOutcome,
  ScenarioFlag,
  ScenarioOptions,
  ScenarioOutcome,
  SemaphoreOutcome,
  UnitDetail,
} from '../workloads/protocol.js';

export const MODES = ['process', 'thread', 'async'] as const;
export const RUNTIMES = ['node', 'python'] as const;
export const WORKLOADS = ['cpu', 'io-sleep', 'mem'] as const;
export const UNIT_STATES = [
  'starting',
  'running',
  'waiting(lock)',
  'waiting(semaphore)',
  'waiting(io)',
  'done',
  'cancelled',
  'failed',
  'killed',
] as const;
export const FINAL_STATES: readonly UnitState[] = ['done', 'cancelled', 'failed', 'killed'];

export type Mode = (typeof MODES)[number];
export type Runtime = (typeof RUNTIMES)[number];
export type Workload = (typeof WORKLOADS)[number];
export type UnitState = (typeof UNIT_STATES)[number];
export type MemoryMeasure = 'uss' | 'pss' | 'rss';

/** Limits enforced at every boundary (DESIGN.md "Limits"; async allows more units, see README). */
export const LIMITS = {
  units: { min: 1, max: 256 },
  asyncUnits: { min: 1, max: 20_000 },
  durationS: { min: 0.1, max: 3600, default: 5 },
  work: { min: 1, max: 100_000 },
  mb: { min: 0, max: 4096, default: 64 },
  intervalMs: { min: 50, max: 5000, default: 500 },
  concurrentRuns: 8,
} as const;

export const unitLimitFor = (mode: Mode) => (mode === 'async' ? LIMITS.asyncUnits : LIMITS.units);

const between = (name: string, lo: number, hi: number) =>
  z
    .number({ error: `${name} must be a number` })
    .refine((v) => Number.isFinite(v) && v >= lo && v <= hi, { message: `${name} must be between ${lo} and ${hi}` });

export const RunSpecSchema = z
  .object({
    mode: z.enum(MODES, { error: `mode must be one of ${MODES.join(', ')}` }),
    runtime: z.enum(RUNTIMES, { error: `runtime must be one of ${RUNTIMES.join(', ')}` }).default('node'),
    workload: z.enum(WORKLOADS, { error: `workload must be one of ${WORKLOADS.join(', ')}` }),
    units: z.number({ error: 'units must be a whole number' }).int({ error: 'units must be a whole number' }),
    durationS: between('duration', LIMITS.durationS.min, LIMITS.durationS.max).optional(),
    work: z
      .number({ error: 'work must be a whole number' })
      .int({ error: 'work must be a whole number' })
      .refine((v) => v >= LIMITS.work.min && v <= LIMITS.work.max, {
        message: `work must be between ${LIMITS.work.min} and ${LIMITS.work.max}`,
      })
      .optional(),
    mb: between('mb', LIMITS.mb.min, LIMITS.mb.max).optional(),
  })
  .strict()
  .superRefine((spec, ctx) => {
    const { min, max } = unitLimitFor(spec.mode);
    if (spec.units < min || spec.units > max)
      ctx.addIssue({ code: 'custom', path: ['units'], message: `units must be between ${min} and ${max} in ${spec.mode} mode` });
    if (spec.work !== undefined && spec.durationS !== undefined)
      ctx.addIssue({ code: 'custom', path: ['work'], message: 'give either duration or work, not both' });
    if (spec.work !== undefined && spec.workload !== 'cpu')
      ctx.addIssue({ code: 'custom', path: ['work'], message: 'work applies to the cpu workload only; use duration' });
    if (spec.mb !== undefined && spec.workload !== 'mem')
      ctx.addIssue({ code: 'custom', path: ['mb'], message: 'mb applies to the mem workload only' });
  });

export type RunSpecInput = z.input<typeof RunSpecSchema>;
export type RunSpec = z.output<typeof RunSpecSchema>;

export const IntervalSchema = between('interval', LIMITS.intervalMs.min, LIMITS.intervalMs.max);
export const RunIdSchema = z.string().regex(/^r\d{1,6}$/, { message: 'run id looks like r1, r2, …' });
/**
 * setPython's argument: the absolute path of a python executable (python3, python3.11, python.exe …),
 * or null for python3 on PATH. Only files named like Python are run (to ask their version): the
 * setting can't be used to run anything else.
 */
export const PythonPathSchema = z
  .string({ error: 'python must be the path of a python executable, or null' })
  .max(4096, { message: 'python path is too long' })
  .refine((p) => /^(\/|[A-Za-z]:[\\/])/.test(p), { message: 'python must be an absolute path, e.g. /usr/bin/python3' })
  .refine((p) => /^python[0-9.]*t?(\.exe)?$/i.test(p.split(/[\\/]/).pop() ?? ''), {
    message: 'python must name a python executable (python3, python3.11 …)',
  })
  .nullable();

/** One sample of the whole machine plus every live unit. cpuPct is % of ONE core (100 = a full core). */
export interface UnitSample {
  runId: string;
  unitId: number;
  pid: number;
  tid: number | null;
  cpuPct: number;
  bytes: number;
  core: number | null;
  state: UnitState;
}

export interface Snapshot {
  t: number;
  intervalMs: number;
  cores: number[];
  memory: { totalBytes: number; usedBytes: number; availableBytes: number };
  units: UnitSample[];
  /** What the monitor itself costs: the sampling process's CPU (% of one core) and RSS. */
  self: { cpuPct: number; bytes: number };
}

export interface UnitResult {
  id: number;
  pid: number;
  tid: number | null;
  cpuMs: number;
  peakBytes: number;
  startMs: number | null;
  endMs: number | null;
  state: UnitState;
}

export interface RunSummary {
  runId: string;
  mode: Mode;
  runtime: Runtime;
  workload: Workload;
  units: number;
  wallMs: number;
  cpuMs: number;
  cores: { count: number; busyPct: number[] };
  memory: { peakTotalBytes: number; baselineBytes: number; perUnitBytes: number; measure: MemoryMeasure };
  spawn: { p50Ms: number; maxMs: number };
  unitResults: UnitResult[];
}

/**
 * Who holds which lock and who waits for which, now (scenario runs whose units take locks). Drawn as
 * a graph: an edge from each unit to the lock it waits for, and from each lock to the unit holding it.
 */
export interface WaitForGraph {
  units: Array<{ unit: string; holds: string[]; waitsFor: string | null }>;
  /** the units of a cycle, each waiting for a lock the next one holds; null while there is none */
  cycle: string[] | null;
}

export type RunEvent =
  /** `scenario` is set for a scenario run: what was asked for, and the name of each unit (by unitId) */
  | { type: 'run-started'; runId: string; spec: RunSpec; t: number; scenario?: { spec: ResolvedScenarioSpec; unitNames: string[] } }
  /**
   * t is when the unit reported the change (epoch ms, the unit's clock). In scenario runs whose units
   * take locks, `detail` says what the unit holds and waits for, and `waitFor` is the whole graph after
   * this change.
   */
  | {
      type: 'unit-state';
      runId: string;
      unitId: number;
      pid: number;
      tid: number | null;
      state: UnitState;
      t: number;
      detail?: UnitDetail;
      waitFor?: WaitForGraph;
    }
  /** `scenario` is set for a scenario run: its outcome and timeline (the JSON of `scenario --json`) */
  | { type: 'run-ended'; runId: string; summary: RunSummary; t: number; scenario?: ScenarioResult };

export interface SystemInfo {
  platform: string;
  cpuModel: string;
  logicalCores: number;
  totalMemoryBytes: number;
  intervalMs: number;
  limits: typeof LIMITS;
  /** the Python that runs the python runtime; null when there is none (then the app hides the Python options) */
  python: PythonInfo | null;
}

/** Python as found on PATH (or given with --python): its executable, version, and a free-threaded build if any. */
export interface PythonInfo {
  path: string;
  version: string;
  /** the path of a free-threaded build (python3.13t or newer) on PATH, or null */
  freeThreaded: string | null;
}

export interface WorkloadInfo {
  name: Workload;
  summary: string;
  params: Array<'durationS' | 'work' | 'mb'>;
}

export const SCENARIOS = ['race', 'lock', 'deadlock', 'semaphore', 'gather', 'first-completed', 'event-loop-block', 'gil'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

/** One of the article's demonstrations, with the words the UI shows beside it. */
export interface ScenarioInfo {
  name: ScenarioName;
  title: string;
  /** one line: what it shows */
  summary: string;
  /** what to watch on the timeline */
  watch: string;
  /** what the article says should happen */
  article: string;
  modes: Mode[];
  defaultMode: Mode;
  flags: ScenarioFlag[];
  /** the modes of its Python version (multiprocessing, threading, asyncio); empty: Node only */
  pythonModes: Mode[];
  /** what it runs in unless told: python for gil, which only Python has */
  defaultRuntime: Runtime;
}

/** A scenario as asked for, with its mode and every option filled in. */
export interface ResolvedScenarioSpec {
  name: ScenarioName;
  mode: Mode;
  /** absent: node */
  runtime?: Runtime;
  options: ScenarioOptions;
}

/** One change of one unit's state: tMs after the run started. */
export interface TimelineEntry {
  unit: string;
  state: UnitState;
  tMs: number;
  detail?: UnitDetail;
}

/** The result of a scenario (`scenario NAME --json`, and run-ended's `scenario`). */
export interface ScenarioResult {
  scenario: ScenarioName;
  mode: Mode;
  /** the engine always says; absent (older results): node */
  runtime?: Runtime;
  runId: string;
  /** the options this scenario takes, as it ran */
  options: Partial<ScenarioOptions>;
  /** the run's wall time: start → its last unit ended (host start-up included) */
  wallMs: number;
  /** null when the scenario was stopped before it could say */
  outcome: ScenarioOutcome | null;
  timeline: TimelineEntry[];
}

/** window.corescope: exactly this, nothing else. */
export interface CoreScopeApi {
  system(): Promise<SystemInfo>;
  workloads(): Promise<WorkloadInfo[]>;
  scenarios(): Promise<ScenarioInfo[]>;
  startRun(spec: RunSpecInput): Promise<{ runId: string }>;
  stopRun(runId: string): Promise<void>;
  runScenario(spec: ScenarioSpecInput): Promise<{ runId: string }>;
  setInterval(ms: number): Promise<void>;
  /** The app's Python setting: an interpreter's absolute path, or null for python3 on PATH; answers with SystemInfo.python as it now is. */
  setPython(path: string | null): Promise<PythonInfo | null>;
  onSnapshot(cb: (s: Snapshot) => void): () => void;
  onRunEvent(cb: (e: RunEvent) => void): () => void;
  /** Compare every mode (1-unit baseline, then N units, one leg after another); progress and result on onStudyEvent. */
  runCompare(spec: CompareSpecInput): Promise<{ studyId: string }>;
  /** Measure each mode's memory at several N of idle units; progress and result on onStudyEvent. */
  runMemoryCost(spec: MemoryCostSpecInput): Promise<{ studyId: string }>;
  onStudyEvent(cb: (e: StudyEvent) => void): () => void;
  /**
   * Desktop app only (absent in the browser dashboard): capture a region of the window with Electron's
   * capturePage and save it as PNG where the user picks in a save dialog; null when the dialog was cancelled.
   */
  savePng?(request: CaptureRequest): Promise<{ saved: string | null }>;
}

const pixels = (name: string, min: number) =>
  z
    .number({ error: `${name} must be a whole number of pixels` })
    .int({ error: `${name} must be a whole number of pixels` })
    .refine((v) => v >= min && v <= 20_000, { message: `${name} must be between ${min} and 20000 pixels` });

/** What savePng accepts: a region of the page in CSS pixels, and a plain file name for the dialog. */
export const CaptureSchema = z
  .object({
    rect: z.object({ x: pixels('x', 0), y: pixels('y', 0), width: pixels('width', 1), height: pixels('height', 1) }).strict(),
    name: z.string().regex(/^[A-Za-z0-9._-]{1,80}$/, { message: 'name must be 1–80 letters, digits, dots, dashes or underscores' }),
  })
  .strict();
export type CaptureRequest = z.infer<typeof CaptureSchema>;

export const CHANNELS = {
  system: 'corescope:system',
  workloads: 'corescope:workloads',
  scenarios: 'corescope:scenarios',
  startRun: 'corescope:start-run',
  stopRun: 'corescope:stop-run',
  runScenario: 'corescope:run-scenario',
  setInterval: 'corescope:set-interval',
  setPython: 'corescope:set-python',
  snapshot: 'corescope:snapshot',
  runEvent: 'corescope:run-event',
  runCompare: 'corescope:run-compare',
  runMemoryCost: 'corescope:run-memory-cost',
  savePng: 'corescope:save-png',
  studyEvent: 'corescope:study-event',
} as const;

/**
 * The same API over WebSocket (the browser dashboard): the page connects to WS_PATH?token=…, sends
 * WsRequests and gets one WsReply per request; snapshots and run events arrive as WsPush messages.
 */
export const WS_PATH = '/api';
export const WS_METHODS = [
  'system',
  'workloads',
  'scenarios',
  'startRun',
  'stopRun',
  'runScenario',
  'setInterval',
  'setPython',
  'runCompare',
  'runMemoryCost',
] as const;
export type WsMethod = (typeof WS_METHODS)[number];
export const WsRequestSchema = z
  .object({
    id: z.number().int().nonnegative(),
    method: z.enum(WS_METHODS, { error: `method must be one of ${WS_METHODS.join(', ')}` }),
    params: z.unknown().optional(),
  })
  .strict();
export type WsRequest = z.infer<typeof WsRequestSchema>;
/** Every answer, over IPC and WebSocket alike: a result, or the one-line reason it was refused. */
export type Envelope = { ok: true; result: unknown } | { ok: false; error: string };
export type WsReply = { id: number } & Envelope;
export type WsPush = { push: 'snapshot'; data: Snapshot } | { push: 'run-event'; data: RunEvent } | { push: 'study-event'; data: StudyEvent };
/** Largest WebSocket message the server accepts from a page; every valid request is far smaller. */
export const WS_MAX_REQUEST_BYTES = 16 * 1024;

const wholeBetween = (name: string, lo: number, hi: number) =>
  z
    .number({ error: `${name} must be a whole number` })
    .int({ error: `${name} must be a whole number` })
    .refine((v) => v >= lo && v <= hi, { message: `${name} must be between ${lo} and ${hi}` });

/** Scenario limits: tasks are further bounded by the mode's unit limit (unitLimitFor). */
export const SCENARIO_LIMITS = {
  limit: { min: 1, max: 256 },
  jobs: { min: 1, max: 256 },
  jobSeconds: { min: 0.1, max: 60 },
  tasks: { min: 1, max: LIMITS.asyncUnits.max },
  sleepS: { min: 0.1, max: 60 },
} as const;

/**
 * What runScenario accepts. Which options a scenario takes, and in which modes it runs, is checked
 * against the catalog in main (each refusal one line, e.g. "limit applies to the semaphore scenario only").
 */
export const ScenarioSpecSchema = z
  .object({
    name: z.enum(SCENARIOS, { error: `scenario must be one of ${SCENARIOS.join(', ')}` }),
    mode: z.enum(MODES, { error: `mode must be one of ${MODES.join(', ')}` }).optional(),
    runtime: z.enum(RUNTIMES, { error: `runtime must be one of ${RUNTIMES.join(', ')}` }).optional(),
    variant: z.enum(['pair', 'self'], { error: 'variant must be pair or self' }).optional(),
    limit: wholeBetween('limit', SCENARIO_LIMITS.limit.min, SCENARIO_LIMITS.limit.max).optional(),
    jobs: wholeBetween('jobs', SCENARIO_LIMITS.jobs.min, SCENARIO_LIMITS.jobs.max).optional(),
    jobSeconds: between('job seconds', SCENARIO_LIMITS.jobSeconds.min, SCENARIO_LIMITS.jobSeconds.max).optional(),
    tasks: wholeBetween('tasks', SCENARIO_LIMITS.tasks.min, SCENARIO_LIMITS.tasks.max).optional(),
    sleepS: between('sleep', SCENARIO_LIMITS.sleepS.min, SCENARIO_LIMITS.sleepS.max).optional(),
    workload: z.enum(['io-sleep', 'http'], { error: 'workload must be io-sleep or http' }).optional(),
  })
  .strict();
export type ScenarioSpecInput = z.input<typeof ScenarioSpecSchema>;
export type ScenarioSpec = z.output<typeof ScenarioSpecSchema>;

// --- studies: compare and memory cost (each leg is an ordinary run, so the core grid shows it live) ---

/** How many times a compare runs each leg: a speed measured once can't tell its wobble from a gain. */
export const COMPARE_REPEAT = { min: 1, max: 10, default: 3 } as const;

/** What runCompare accepts: N-unit legs are checked as `run` would be, in the strictest mode's limits. */
export const CompareSpecSchema = z
  .object({
    units: wholeBetween('units', LIMITS.units.min, LIMITS.units.max),
    work: wholeBetween('work', LIMITS.work.min, LIMITS.work.max).optional(),
    runtime: z.enum(RUNTIMES, { error: `runtime must be one of ${RUNTIMES.join(', ')}` }).optional(),
    repeat: wholeBetween('repeat', COMPARE_REPEAT.min, COMPARE_REPEAT.max).optional(),
  })
  .strict();
export type CompareSpecInput = z.input<typeof CompareSpecSchema>;

export const MEMORY_MEASURES_ALL = ['pss', 'uss', 'rss'] as const satisfies readonly MemoryMeasure[];
/** Async legs run this many tasks per step of N (one task costs less than a page; see memory-cost.ts). */
export const ASYNC_TASKS_PER_STEP = 500;
export const MEMORY_STUDY_LIMITS = { counts: { min: 2, max: 8 }, units: { min: 1, max: Math.floor(LIMITS.asyncUnits.max / ASYNC_TASKS_PER_STEP) } } as const;

/** What runMemoryCost accepts (whether the measure can be read on this platform is checked in main). */
export const MemoryCostSpecSchema = z
  .object({
    units: z
      .array(wholeBetween('each count of units', MEMORY_STUDY_LIMITS.units.min, MEMORY_STUDY_LIMITS.units.max), {
        error: 'units must be a list of whole numbers, e.g. [1, 2, 4, 8]',
      })
      .max(MEMORY_STUDY_LIMITS.counts.max, { message: `units takes at most ${MEMORY_STUDY_LIMITS.counts.max} counts` })
      .refine((xs) => new Set(xs).size >= MEMORY_STUDY_LIMITS.counts.min, {
        message: 'units needs at least two different counts to fit a line, e.g. 1,2,4,8',
      }),
    measure: z.enum(MEMORY_MEASURES_ALL, { error: `measure must be one of ${MEMORY_MEASURES_ALL.join(', ')}` }).optional(),
    runtime: z.enum(RUNTIMES, { error: `runtime must be one of ${RUNTIMES.join(', ')}` }).optional(),
  })
  .strict();
export type MemoryCostSpecInput = z.input<typeof MemoryCostSpecSchema>;

/** A figure measured over repeats: the median and the lowest and highest. */
export interface Spread {
  median: number;
  min: number;
  max: number;
}

/** 'no measurable gain': the speedup's min–max straddles 1, so the repeats can't tell it from no change. */
export type CompareVerdict = 'gain' | 'no measurable gain' | 'slower';

/** One mode: the RunSummary fields are its median N-unit leg's; the figures are over every repeat. */
export interface CompareResult extends RunSummary {
  /** how many rounds the figures are over (baseline and N units, interleaved with the other modes) */
  repeats: number;
  /** rounds run: more than repeats when other programs were busy during some, and the quietest were kept */
  roundsRun: number;
  /** cores other programs kept busy during the kept rounds (the busier leg of each round) */
  otherCores: Spread;
  /** the median baseline wall time */
  baselineWallMs: number;
  baselineWall: Spread;
  /** wallMs of every N-unit repeat */
  wall: Spread;
  /** the median of the repeats' speedups (each a baseline ÷ the N-unit leg that ran right after it) */
  speedup: number;
  speedupSpread: Spread;
  /** speedup / min(units, cores): 1 = every usable core fully used */
  efficiency: number;
  efficiencySpread: Spread;
  verdict: CompareVerdict;
}

/** One leg of a compare, as the cores saw it: busy % per core, ≤ HEAT_COLUMNS columns over the leg's time. */
export interface LegHeat {
  mode: Mode;
  units: number;
  startT: number;
  endT: number;
  /** columns[c][core]: mean busy % of that core over column c (columns of equal time) */
  columns: number[][];
}
export const HEAT_COLUMNS = 120;

export interface CompareReport {
  workload: 'cpu';
  units: number;
  work: number;
  /** rounds: every mode's baseline and N-unit leg, this many times */
  repeats: number;
  logicalCores: number;
  results: CompareResult[];
  /** every leg in the order it ran (set when run from the app) */
  legs?: LegHeat[];
}

export interface MemoryPoint {
  units: number;
  totalBytes: number;
}

export interface MemoryCostResult {
  mode: Mode;
  runtime: Runtime;
  measure: MemoryMeasure;
  /** async legs run this many tasks per step of N (N = 1, 2, 4 → 500, 1000, 2000 tasks) */
  unitsPerStep: number;
  points: MemoryPoint[];
  bytesPerUnit: number;
  baseBytes: number;
  r2: number;
}

export interface MemoryCostReport {
  measure: MemoryMeasure;
  units: number[];
  results: MemoryCostResult[];
}

export type StudyKind = 'compare' | 'memory';
export type StudyEvent =
  | { type: 'study-started'; studyId: string; kind: StudyKind; legs: number; t: number }
  /** a leg is starting: the index-th (from 0) of `legs` */
  | { type: 'study-leg'; studyId: string; kind: StudyKind; mode: Mode; units: number; index: number; legs: number; t: number }
  | { type: 'compare-ended'; studyId: string; kind: 'compare'; report: CompareReport; t: number }
  | { type: 'memory-ended'; studyId: string; kind: 'memory'; report: MemoryCostReport; t: number }
  | { type: 'study-failed'; studyId: string; kind: StudyKind; error: string; t: number };

/** Turns a zod failure into the one line a person reads. */
export function describeInvalid(error: z.ZodError): string {
  // every message of ours names its field ("units must be …"); zod's own ones ("Unrecognized key") name the key
  return error.issues.map((i) => i.message).join('; ');
}
