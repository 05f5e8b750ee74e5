/**
 * A scenario card's form as plain data: the mode (limited to the scenario's modes) and the flags it
 * takes, as typed; turned into a ScenarioSpecInput and checked with the contract's ScenarioSpecSchema,
 * so each reason lands next to its field before anything starts. An empty field is not sent: the
 * engine fills in the default (shown as the field's placeholder).
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

export const initialForm = (info: ScenarioInfo): ScenarioForm => ({
  runtime: info.defaultRuntime,
  mode: info.defaultRuntime === 'python' ? (info.pythonModes[0] ?? info.defaultMode) : info.defaultMode,
  values: {},
});

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
  return { ...form, runtime, mode: modes.includes(form.mode) ? form.mode : (modes[0] ?? form.mode) };
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

/** The engine's defaults, shown as placeholders (an empty field sends nothing and gets these). */
export function placeholderOf(name: ScenarioName, flag: ScenarioFlag, mode: Mode): string {
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
  const parsed = ScenarioSpecSchema.safeParse(spec);
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const key = issue.path[0];
      const field: ScenarioField =
        typeof key === 'string' && (info.flags as string[]).includes(key) ? (key as ScenarioFlag) : key === 'mode' || key === 'runtime' ? key : 'form';
      errors[field] = errors[field] ? `${errors[field]}; ${issue.message}` : issue.message;
    }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, spec };
}

/** Which input a refusal from the API is about: the contract names the field; one this card doesn't show is about the whole request. */
export function scenarioFieldOf(field: string | undefined, flags: readonly ScenarioFlag[]): ScenarioField {
  if (field === 'mode' || field === 'runtime') return field;
  return field !== undefined && (flags as readonly string[]).includes(field) ? (field as ScenarioFlag) : 'form';
}
