/**
 * A scenario card's form as plain data: the mode (limited to the scenario's modes) and the flags it
 * takes, as typed; turned into a ScenarioSpecInput and checked with the contract's ScenarioSpecSchema,
 * so each reason lands next to its field before anything starts. Fields start at the engine's defaults,
 * as values a person can read and change; an emptied number field is refused, never quietly defaulted.
 */
import { type ScenarioInfo } from '../../../contract/catalog.js';
import { type Mode, type ScenarioFlag, type ScenarioName, type Runtime } from '../../../contract/domain.js';
import { SCENARIO_LIMITS } from '../../../contract/limits.js';
import { ScenarioSpecSchema, type ScenarioSpecInput } from '../../../contract/schemas.js';

export interface ScenarioForm {
  runtime: Runtime;
  mode: Mode;
  /** text as typed, per flag */
  values: Partial<Record<ScenarioFlag, string>>;
}

export type ScenarioField = ScenarioFlag | 'mode' | 'runtime' | 'form';
export type ScenarioErrors = Partial<Record<ScenarioField, string>>;

export function initialForm(info: ScenarioInfo): ScenarioForm {
  const mode = info.defaultRuntime === 'python' ? (info.pythonModes[0] ?? info.defaultMode) : info.defaultMode;
  return { runtime: info.defaultRuntime, mode, values: defaultsOf(info, mode) };
}

/** The engine's default of every number flag a scenario takes, as text for its field. */
function defaultsOf(info: ScenarioInfo, mode: Mode): ScenarioForm['values'] {
  const values: ScenarioForm['values'] = {};
  for (const flag of info.flags) if (NUMERIC.includes(flag)) values[flag] = placeholderOf(info.name, flag, mode);
  return values;
}

/** Change mode: a field still at the old mode's default takes the new mode's (gather: 10000 tasks async, 100 threads). */
export function withMode(info: ScenarioInfo, form: ScenarioForm, mode: Mode): ScenarioForm {
  const before = defaultsOf(info, form.mode);
  const after = defaultsOf(info, mode);
  const values = { ...form.values };
  for (const flag of Object.keys(after) as ScenarioFlag[]) if (values[flag] === before[flag]) values[flag] = after[flag];
  return { ...form, mode, values };
}

/**
 * The runtimes a card offers: Node unless the scenario is Python-only (its default runtime is python),
 * Python when it has a Python version and this machine has a python3 (SystemInfo.python).
 */
export function runtimesOf(info: ScenarioInfo, hasPython: boolean): Runtime[] {
  const out: Runtime[] = [];
  if (info.defaultRuntime === 'node') out.push('node');
  if (hasPython && info.pythonModes.length > 0) out.push('python');
  return out;
}

/** The modes a card offers in a runtime: the scenario's own, or those of its Python version. */
export const modesOf = (info: ScenarioInfo, runtime: Runtime): Mode[] => (runtime === 'python' ? info.pythonModes : info.modes);

/** Switch runtime, keeping the mode if that runtime has it, else its first. */
export function withRuntime(info: ScenarioInfo, form: ScenarioForm, runtime: Runtime): ScenarioForm {
  const modes = modesOf(info, runtime);
  return withMode(info, { ...form, runtime }, modes.includes(form.mode) ? form.mode : (modes[0] ?? form.mode));
}

/** The flags a card shows, with words and limits (every flag a scenario takes is useful here). */
export const FLAG_WORDS: Record<ScenarioFlag, { label: string; hint: string }> = {
  variant: { label: 'Variant', hint: 'pair: two locks, opposite order · self: one lock taken twice' },
  limit: { label: 'Permits', hint: `${SCENARIO_LIMITS.limit.min}–${SCENARIO_LIMITS.limit.max}` },
  jobs: { label: 'Jobs', hint: `${SCENARIO_LIMITS.jobs.min}–${SCENARIO_LIMITS.jobs.max}` },
  jobSeconds: { label: 'Job length (s)', hint: `${SCENARIO_LIMITS.jobSeconds.min}–${SCENARIO_LIMITS.jobSeconds.max} s` },
  tasks: { label: 'Tasks', hint: 'async up to 100,000; threads up to 256' },
  sleepS: { label: 'Wait (s)', hint: `${SCENARIO_LIMITS.sleepS.min}–${SCENARIO_LIMITS.sleepS.max} s` },
  workload: { label: 'Wait on', hint: 'io-sleep: a timer · http: a slow local server' },
};

/** The engine's defaults, a card's starting values. */
function placeholderOf(name: ScenarioName, flag: ScenarioFlag, mode: Mode): string {
  switch (flag) {
    case 'limit':
      return '3';
    case 'jobs':
      return '7';
    case 'jobSeconds':
      return '2';
    case 'sleepS':
      return '5';
    case 'tasks':
      return name === 'event-loop-block' ? '50' : mode === 'async' ? '10000' : '100';
    default:
      return '';
  }
}

export const CHOICES: Partial<Record<ScenarioFlag, readonly string[]>> = {
  variant: ['pair', 'self'],
  workload: ['io-sleep', 'http'],
};

const NUMERIC: readonly ScenarioFlag[] = ['limit', 'jobs', 'jobSeconds', 'tasks', 'sleepS'];

/** The spec the card describes: its name, mode, and only the flags that were given. */
export function specOfForm(info: ScenarioInfo, form: ScenarioForm): ScenarioSpecInput {
  const spec: Record<string, unknown> = { name: info.name, mode: form.mode };
  if (form.runtime === 'python') spec.runtime = 'python';
  for (const flag of info.flags) {
    const text = form.values[flag]?.trim() ?? '';
    if (text === '') continue;
    spec[flag] = NUMERIC.includes(flag) ? Number(text) : text;
  }
  return spec as ScenarioSpecInput;
}

export type CheckedScenario = { ok: true; spec: ScenarioSpecInput } | { ok: false; errors: ScenarioErrors };

export function checkScenarioForm(info: ScenarioInfo, form: ScenarioForm): CheckedScenario {
  const spec = specOfForm(info, form);
  const errors: ScenarioErrors = {};
  const modes = modesOf(info, form.runtime);
  if (!modes.includes(form.mode))
    errors.mode = modes.length ? `${info.name} runs in ${modes.join(', ')} mode only` : `${info.name} has no ${form.runtime} version`;
  for (const flag of info.flags)
    if (NUMERIC.includes(flag) && (form.values[flag]?.trim() ?? '') === '') errors[flag] = `${FLAG_WORDS[flag].label.replace(/ \(s\)$/, '').toLowerCase()} is required`;
  const parsed = ScenarioSpecSchema.safeParse(spec);
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const key = issue.path[0];
      const field: ScenarioField =
        typeof key === 'string' && (info.flags as string[]).includes(key) ? (key as ScenarioFlag) : key === 'mode' || key === 'runtime' ? key : 'form';
      if (!errors[field]) errors[field] = issue.message;
    }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, spec };
}

/** Which input a refusal from the API is about: the contract names the field; one this card doesn't show is about the whole request. */
export function scenarioFieldOf(field: string | undefined, flags: readonly ScenarioFlag[]): ScenarioField {
  if (field === 'mode' || field === 'runtime') return field;
  return field !== undefined && (flags as readonly string[]).includes(field) ? (field as ScenarioFlag) : 'form';
}
