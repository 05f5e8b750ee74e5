/**
 * A scenario spec at the boundary: parsed with the contract's schema, then checked against the
 * scenario's own catalog entry (its modes, the options it takes, the mode's unit limit), and filled
 * with defaults. Every refusal is one line.
 */
import { type Mode, type Runtime } from '../../../contract/domain.js';
import { unitLimitFor } from '../../../contract/limits.js';
import { type ResolvedScenarioSpec } from '../../../contract/run-events.js';
import { ScenarioSpecSchema, type RunSpec } from '../../../contract/schemas.js';
import type { ScenarioOptions } from '../../../contract/host-protocol.js';
import { InvalidInput, parseOrRefuse } from '../../../contract/refusal.js';
import { scenarioDef } from './scenario-catalog.js';

/** Every scenario's defaults: the article's numbers. */
const DEFAULT_OPTIONS: ScenarioOptions = { limit: 3, jobs: 7, jobSeconds: 2, tasks: 10_000, sleepS: 5, workload: 'io-sleep' };
/** event-loop-block runs its io tasks twice (one leg each way): a screenful of lanes is plenty */
const LOOP_BLOCK_MAX_TASKS = 1000;

const OPTION_KEYS = ['variant', 'limit', 'jobs', 'jobSeconds', 'tasks', 'sleepS', 'workload'] as const;

export function parseScenarioSpec(input: unknown): ResolvedScenarioSpec {
  const { name, mode: asked, runtime: askedRuntime, ...given } = parseOrRefuse(ScenarioSpecSchema, input);
  const { about } = scenarioDef(name);
  const runtime: Runtime = askedRuntime ?? (about.pythonOnly ? 'python' : 'node');
  const modes = runtime === 'python' ? (about.python ?? []) : about.pythonOnly ? [] : about.modes;
  if (modes.length === 0)
    throw new InvalidInput(runtime === 'python' ? `${name} has no Python version` : `${name} runs in Python only (--runtime python)`, 'runtime');
  const mode: Mode = asked ?? (modes.includes(about.defaultMode) ? about.defaultMode : modes[0]);
  const inRuntime = runtime === 'python' ? ' in Python' : '';
  if (!modes.includes(mode)) throw new InvalidInput(`${name} runs in ${modes.join(' or ')} mode${inRuntime}, not ${mode}`, 'mode');
  for (const key of OPTION_KEYS)
    if (given[key] !== undefined && !about.flags.includes(key)) throw new InvalidInput(`${key} does not apply to the ${name} scenario`, key);

  const asGiven = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined));
  const options: ScenarioOptions = { ...DEFAULT_OPTIONS, ...about.defaults?.(mode), ...asGiven };
  const maxTasks = name === 'event-loop-block' ? LOOP_BLOCK_MAX_TASKS : unitLimitFor(mode).max;
  if (about.flags.includes('tasks') && options.tasks > maxTasks) throw new InvalidInput(`tasks must be between 1 and ${maxTasks} for ${name} in ${mode} mode`, 'tasks');
  if (runtime === 'python' && options.workload === 'http') throw new InvalidInput('in Python, gather waits on asyncio.sleep only: --workload http is Node only', 'workload');
  return { name, mode, runtime, options };
}

/** The unit names of a scenario as it will run, indexed by unitId. */
export const scenarioUnitNames = (spec: ResolvedScenarioSpec): string[] => scenarioDef(spec.name).units(spec.options);

/** The run spec clients see for a scenario run: its mode, its units, and the workload they resemble. */
export const scenarioRunSpec = (spec: ResolvedScenarioSpec): RunSpec => ({
  mode: spec.mode,
  runtime: spec.runtime ?? 'node',
  workload: scenarioDef(spec.name).about.kernel,
  units: scenarioUnitNames(spec).length,
});
