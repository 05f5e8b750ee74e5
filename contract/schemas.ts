/**
 * The zod schema of every input that crosses a boundary. The method table (methods.ts) names which
 * schema each method's params are parsed with; the CLI parses its flags with the same ones.
 */
import { z } from 'zod';
import { MEMORY_MEASURES_ALL, MODES, RUNTIMES, SCENARIOS, WORKLOADS } from './domain.js';
import { COMPARE_REPEAT, LIMITS, MEMORY_STUDY_LIMITS, SAVE_LIMITS, SCENARIO_LIMITS, unitLimitFor } from './limits.js';

const between = (name: string, lo: number, hi: number) =>
  z
    .number({ error: `${name} must be a number` })
    .refine((v) => Number.isFinite(v) && v >= lo && v <= hi, { message: `${name} must be between ${lo} and ${hi}` });

const wholeBetween = (name: string, lo: number, hi: number) =>
  z
    .number({ error: `${name} must be a whole number` })
    .int({ error: `${name} must be a whole number` })
    .refine((v) => v >= lo && v <= hi, { message: `${name} must be between ${lo} and ${hi}` });

const oneOf = <const T extends readonly [string, ...string[]]>(name: string, values: T) =>
  z.enum(values, { error: `${name} must be one of ${values.join(', ')}` });

const RuntimeSchema = oneOf('runtime', RUNTIMES);

export const RunSpecSchema = z
  .object({
    mode: oneOf('mode', MODES),
    runtime: RuntimeSchema.default('node'),
    workload: oneOf('workload', WORKLOADS),
    units: z.number({ error: 'units must be a whole number' }).int({ error: 'units must be a whole number' }),
    durationS: between('duration', LIMITS.durationS.min, LIMITS.durationS.max).optional(),
    work: wholeBetween('work', LIMITS.work.min, LIMITS.work.max).optional(),
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
export const RunIdSchema = z.string({ error: 'run id looks like r1, r2, …' }).regex(/^r\d{1,6}$/, { message: 'run id looks like r1, r2, …' });

/** The file names of Python interpreters: python3, python3.11, python3.13t, python.exe … */
export const PYTHON_NAME = /^python[0-9.]*t?(\.exe)?$/i;

/** The units table's columns, by which a page of units may be sorted. */
const UNIT_SORT_KEYS = ['run', 'unit', 'pid', 'tid', 'mode', 'state', 'core', 'cpuPct', 'bytes'] as const;
/** A page of every live unit (the `units` method): the snapshot lists a few hundred, this the rest. */
export const UnitsPageSchema = z
  .object({
    offset: wholeBetween('offset', 0, LIMITS.asyncUnits.max * LIMITS.concurrentRuns),
    limit: wholeBetween('limit', 1, 500).default(200),
    sort: oneOf('sort', UNIT_SORT_KEYS).default('cpuPct'),
    dir: oneOf('dir', ['asc', 'desc']).default('desc'),
  })
  .strict();
export type UnitsPageParams = z.output<typeof UnitsPageSchema>;

/**
 * setPython's argument: the absolute local path of a python executable, or null for python3 on PATH.
 * This is only its shape: the engine then resolves the file and checks who owns and may write it
 * (python-trust.ts) before running it once to ask its version.
 */
export const PythonPathSchema = z
  .string({ error: 'python must be the path of a python executable, or null' })
  .max(4096, { message: 'python path is too long' })
  .refine((p) => !/^[\\/]{2}/.test(p), { message: 'python must be a local path, not a network share (//host/…)', abort: true })
  .refine((p) => /^(\/|[A-Za-z]:[\\/])/.test(p), { message: 'python must be an absolute path, e.g. /usr/bin/python3' })
  .refine((p) => PYTHON_NAME.test(p.split(/[\\/]/).pop() ?? ''), {
    message: 'python must name a python executable (python3, python3.11 …)',
  })
  .nullable();

/** A plain file name for the save dialog (no folder, no extension). */
const saveName = z.string().regex(/^[A-Za-z0-9._-]{1,80}$/, { message: 'name must be 1–80 letters, digits, dots, dashes or underscores' });

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const MB = (bytes: number) => `${bytes / 1024 / 1024} MB`;

/** What savePng accepts: the PNG the page drew (its bytes: a PNG's signature, bounded), and a plain file name. */
export const SavePngSchema = z
  .object({
    bytes: z
      .custom<Uint8Array>((v) => v instanceof Uint8Array, { message: 'bytes must be the PNG’s bytes' })
      .refine((b) => b.byteLength <= SAVE_LIMITS.pngBytes, { message: `the PNG must be at most ${MB(SAVE_LIMITS.pngBytes)}` })
      .refine((b) => b.byteLength > PNG_SIGNATURE.length && PNG_SIGNATURE.every((v, i) => b[i] === v), { message: 'bytes must be a PNG (no PNG signature)' }),
    name: saveName,
  })
  .strict();
export type SavePngRequest = z.infer<typeof SavePngSchema>;

/** What saveReport accepts: the self-contained HTML report the page wrote (bounded), and a plain file name. */
export const SaveReportSchema = z
  .object({
    html: z
      .string({ error: 'html must be the report’s text' })
      .max(SAVE_LIMITS.reportChars, { message: `the report must be at most ${MB(SAVE_LIMITS.reportChars)}` })
      .refine((h) => /^<!doctype html>/i.test(h), { message: 'html must be an HTML document (<!doctype html>)' }),
    name: saveName,
  })
  .strict();
export type SaveReportRequest = z.infer<typeof SaveReportSchema>;

/**
 * What runScenario accepts. Which options a scenario takes, and in which modes it runs, is checked
 * against the catalog in the engine (each refusal one line, e.g. "limit applies to the semaphore scenario only").
 */
export const ScenarioSpecSchema = z
  .object({
    name: oneOf('scenario', SCENARIOS),
    mode: oneOf('mode', MODES).optional(),
    runtime: RuntimeSchema.optional(),
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

/** What runCompare accepts: its N-unit legs are then checked as `run` would check them. */
export const CompareSpecSchema = z
  .object({
    units: wholeBetween('units', LIMITS.units.min, LIMITS.units.max),
    work: wholeBetween('work', LIMITS.work.min, LIMITS.work.max).optional(),
    runtime: RuntimeSchema.optional(),
    repeat: wholeBetween('repeat', COMPARE_REPEAT.min, COMPARE_REPEAT.max).optional(),
  })
  .strict();
export type CompareSpecInput = z.input<typeof CompareSpecSchema>;

/** What runMemoryCost accepts: the CLI (--units 1,2,4,8), the socket, IPC and the app's form alike. */
export const MemoryCostSpecSchema = z
  .object({
    units: z
      .array(wholeBetween('each count of units', MEMORY_STUDY_LIMITS.units.min, MEMORY_STUDY_LIMITS.units.max), {
        error: 'units must be a list of whole numbers, e.g. 1,2,4,8',
      })
      .max(MEMORY_STUDY_LIMITS.counts.max, { message: `units takes at most ${MEMORY_STUDY_LIMITS.counts.max} counts` })
      .refine((xs) => new Set(xs).size >= MEMORY_STUDY_LIMITS.counts.min, {
        message: 'units needs at least two different counts to fit a line, e.g. 1,2,4,8',
      }),
    measure: oneOf('measure', MEMORY_MEASURES_ALL).optional(),
    runtime: RuntimeSchema.optional(),
  })
  .strict();
export type MemoryCostSpecInput = z.input<typeof MemoryCostSpecSchema>;

/** For methods that take nothing: absent (undefined) or null, nothing else. */
export const NoParamsSchema = z.union([z.undefined(), z.null()], { error: 'this method takes no parameters' });
