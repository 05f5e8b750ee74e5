/** The scenarios as the API lists them (ApiService.scenarios(), `corescope scenario --help`). */
import type { ScenarioInfo } from '../../../contract/catalog.js';
import type { ScenarioName } from '../../../contract/domain.js';
import { SCENARIO_DEFS, scenarioNamed } from '../../../workloads/scenarios/catalog.js';
import type { ScenarioDef } from '../../../workloads/scenarios/scenario.js';

// the contract's names and the workloads' ones are one list: this fails to compile if they part
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const sameNames: Same<ScenarioName, ScenarioDef['about']['name']> = true;
void sameNames;

export const SCENARIO_CATALOG: ScenarioInfo[] = SCENARIO_DEFS.map(({ about }) => ({
  name: about.name,
  title: about.title,
  summary: about.summary,
  watch: about.watch,
  article: about.article,
  modes: [...about.modes],
  defaultMode: about.defaultMode,
  flags: [...about.flags],
  pythonModes: [...(about.python ?? [])],
  defaultRuntime: about.pythonOnly ? 'python' : 'node',
}));

export const scenarioDef = (name: ScenarioName): ScenarioDef => scenarioNamed(name);
