/**
 * The launcher's form as plain data: text fields as typed, turned into a RunSpecInput and checked with
 * the contract's own RunSpecSchema, so the page gives the same one-line reasons the engine would, next
 * to the field they are about, before anything starts.
 */
import { type PythonInfo, type WorkloadInfo } from '../../../contract/catalog.js';
import { type Mode, type Runtime, type Workload } from '../../../contract/domain.js';
import { LIMITS } from '../../../contract/limits.js';
import { RunSpecSchema, type RunSpecInput } from '../../../contract/schemas.js';

export interface LauncherForm {
  /** node unless this machine has a Python and it was chosen (the selector shows only then) */
  runtime: Runtime;
  mode: Mode;
  workload: Workload;
  units: string;
  /** only the cpu workload can be given an amount of work instead of a duration */
  lengthBy: 'duration' | 'work';
  durationS: string;
  work: string;
  mb: string;
}

export type LauncherField = 'mode' | 'workload' | 'units' | 'durationS' | 'work' | 'mb' | 'runtime';
/** per field, plus 'form' for reasons that belong to no field ("at most 8 runs at once") */
export type FormErrors = Partial<Record<LauncherField | 'form', string>>;

export const INITIAL_FORM: LauncherForm = {
  runtime: 'node',
  mode: 'process',
  workload: 'cpu',
  units: '2',
  lengthBy: 'duration',
  durationS: String(LIMITS.durationS.default),
  work: '200',
  mb: String(LIMITS.mb.default),
};

type Params = WorkloadInfo['params'];

/** Empty text is "not given" (zod then names the field); anything else goes through Number, NaN included. */
const toNumber = (text: string): number | undefined => (text.trim() === '' ? undefined : Number(text.trim()));

/** Which length fields the form offers for a workload. */
export function visibleFields(form: LauncherForm, params: Params): { durationS: boolean; work: boolean; mb: boolean } {
  const canWork = params.includes('work');
  const byWork = canWork && form.lengthBy === 'work';
  return { durationS: params.includes('durationS') && !byWork, work: byWork, mb: params.includes('mb') };
}

/** The spec the form describes: only the fields this workload takes. */
export function specOf(form: LauncherForm, params: Params): RunSpecInput {
  const show = visibleFields(form, params);
  const spec: Record<string, unknown> = { mode: form.mode, runtime: form.runtime, workload: form.workload, units: toNumber(form.units) };
  if (show.durationS) spec.durationS = toNumber(form.durationS);
  if (show.work) spec.work = toNumber(form.work);
  if (show.mb) spec.mb = toNumber(form.mb);
  for (const k of Object.keys(spec)) if (spec[k] === undefined && k !== 'units') delete spec[k];
  return spec as RunSpecInput;
}

const FIELDS: readonly LauncherField[] = ['mode', 'workload', 'units', 'durationS', 'work', 'mb', 'runtime'];

export type Checked = { ok: true; spec: RunSpecInput } | { ok: false; errors: FormErrors };

/** Validate with the contract's schema; each reason lands on the field its path names. */
export function checkForm(form: LauncherForm, params: Params): Checked {
  const spec = specOf(form, params);
  const parsed = RunSpecSchema.safeParse(spec);
  // the schema takes a missing duration as "use the default": on the form an emptied field is a mistake
  const errors = missingFields(form, params);
  if (parsed.success && Object.keys(errors).length === 0) return { ok: true, spec };
  if (parsed.success) return { ok: false, errors };
  for (const issue of parsed.error.issues) {
    const key = issue.path[0];
    const field = typeof key === 'string' && (FIELDS as readonly string[]).includes(key) ? (key as LauncherField) : 'form';
    if (errors[field]) continue; // "duration is required" says it all
    errors[field] = issue.message;
  }
  return { ok: false, errors };
}

const FIELD_NAMES = { units: 'units', durationS: 'duration', work: 'work', mb: 'memory per unit' } as const;

/** The shown number fields left empty: each one named, so nothing starts on a default the person cleared. */
function missingFields(form: LauncherForm, params: Params): FormErrors {
  const show = visibleFields(form, params);
  const errors: FormErrors = {};
  for (const key of ['units', 'durationS', 'work', 'mb'] as const) {
    const shown = key === 'units' || show[key];
    if (shown && form[key].trim() === '') errors[key] = `${FIELD_NAMES[key]} is required`;
  }
  return errors;
}

/** Which input a refusal from the API is about: the contract names the field; anything else is about the whole request. */
export function launcherFieldOf(field: string | undefined): LauncherField | 'form' {
  return field !== undefined && (FIELDS as readonly string[]).includes(field) ? (field as LauncherField) : 'form';
}

/** The limits shown beside each field, from the limits the engine reports. */
export function limitHint(field: 'units' | 'durationS' | 'work' | 'mb', mode: Mode, limits: typeof LIMITS): string {
  switch (field) {
    case 'units': {
      const { min, max } = mode === 'async' ? limits.asyncUnits : limits.units;
      return `${min}–${max.toLocaleString('en-US')} in ${mode} mode`;
    }
    case 'durationS':
      return `${limits.durationS.min}–${limits.durationS.max} s per unit`;
    case 'work':
      return `${limits.work.min}–${limits.work.max.toLocaleString('en-US')} blocks (~10 ms each), split across units`;
    case 'mb':
      return `${limits.mb.min}–${limits.mb.max} MB per unit`;
  }
}

/**
 * A warning (not a refusal) when the mem workload would ask for more than the machine has free:
 * units × mb against available memory, as the engine warns on the command line.
 */
export function memoryWarning(form: LauncherForm, params: Params, availableBytes: number | null): string | null {
  if (!visibleFields(form, params).mb || availableBytes === null) return null;
  const units = Number(form.units);
  const mb = form.mb.trim() === '' ? LIMITS.mb.default : Number(form.mb);
  if (!Number.isFinite(units) || !Number.isFinite(mb) || units <= 0 || mb <= 0) return null;
  const need = units * mb * 1024 * 1024;
  if (need <= availableBytes) return null;
  return `${units} × ${mb} MB is more than the ${Math.floor(availableBytes / 1024 / 1024)} MB available now`;
}

/** The runtimes the launcher offers: Python only where this machine has one (SystemInfo.python). */
export const runtimesFor = (python: PythonInfo | null): Runtime[] => (python ? ['node', 'python'] : ['node']);

/** The selector's option for a runtime: "Python 3.11.7" names the interpreter a python run uses. */
export const runtimeLabel = (runtime: Runtime, python: PythonInfo | null): string =>
  runtime === 'python' ? (python ? `Python ${python.version}` : 'Python') : 'Node';

/** Under the selector: the interpreter's path when Python is chosen, else that Python is there too. */
export function runtimeHint(runtime: Runtime, python: PythonInfo | null): string | null {
  if (!python) return null;
  return runtime === 'python' ? python.path : `Python ${python.version} is here too`;
}

/** The form as it may be sent: a Python choice falls back to node where Python went away. */
export const withRuntimes = (form: LauncherForm, python: PythonInfo | null): LauncherForm =>
  runtimesFor(python).includes(form.runtime) ? form : { ...form, runtime: 'node' };

export const MODE_WORDS: Record<Mode, string> = {
  process: 'one OS process per unit',
  thread: 'worker threads in one process',
  async: 'tasks on one event loop',
};

/** The same modes in Python: what each one is there (multiprocessing, threading, asyncio). */
const PYTHON_MODE_WORDS: Record<Mode, string> = {
  process: 'one Python process per unit',
  thread: 'threads in one interpreter (one GIL)',
  async: 'asyncio tasks on one event loop',
};

export const modeWordsOf = (runtime: Runtime): Record<Mode, string> => (runtime === 'python' ? PYTHON_MODE_WORDS : MODE_WORDS);
