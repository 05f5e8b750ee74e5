/** Every scenario, in the order the article tells them. Imported by the hosts and by the engine. */
import type { ScenarioName } from '../../contract/host-protocol.js';
import { deadlock } from './deadlock.js';
import { eventLoopBlock } from './event-loop-block.js';
import { firstCompleted } from './first-completed.js';
import { gather } from './gather.js';
import { gil } from './gil.js';
import { lock } from './lock.js';
import { race } from './race.js';
import type { ScenarioDef } from './scenario.js';
import { semaphore } from './semaphore.js';

export const SCENARIO_DEFS: readonly ScenarioDef[] = [race, lock, deadlock, semaphore, gather, firstCompleted, eventLoopBlock, gil];

export function scenarioNamed(name: ScenarioName): ScenarioDef {
  const def = SCENARIO_DEFS.find((d) => d.about.name === name);
  if (!def) throw new Error(`no scenario named ${name}`);
  return def;
}
