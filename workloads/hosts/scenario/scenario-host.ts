/**
 * The host of a scenario run: a coordinator process that runs the scenario's script (like the
 * article's main block: start the units, join them) and starts its units as async tasks on its own
 * loop, as worker threads, or as child processes. Says hello and bye like every host, and sends the
 * scenario's outcome before bye.
 */
import { scenarioNamed } from '../../scenarios/catalog.js';
import { startHost } from '../host-lifecycle.js';
import { send } from '../parent-link.js';
import { ScenarioStage } from './scenario-stage.js';

let stage: ScenarioStage | null = null;
let stopRequested = false;
const host = await startHost(() => {
  stopRequested = true;
  void stage?.stop();
});
const { spec, reporter } = host;
if (!spec.scenario) throw new Error('scenario-host started without a scenario');

const def = scenarioNamed(spec.scenario.name);
stage = await ScenarioStage.create(spec, def, reporter);
if (stopRequested) void stage.stop();
try {
  const outcome = await def.run(stage);
  reporter.flush(); // the units' last states before the verdict
  // a stopped scenario has no verdict: its figures would describe a run cut short
  if (outcome && !stage.signal.aborted) send({ kind: 'outcome', outcome });
} catch (e) {
  console.error(`scenario ${def.about.name} failed: ${e instanceof Error ? e.message : String(e)}`);
  await stage.stop();
} finally {
  await stage.dispose();
}
await host.finish();
