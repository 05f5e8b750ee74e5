/** `corescope scenario NAME`: one of the article's scenarios, its lanes live, then its outcome (or the JSON). */
import { parseOrRefuse } from '../../../contract/refusal.js';
import { ScenarioSpecSchema } from '../../../contract/schemas.js';
import { epochNow } from '../../engine/runs/run.js';
import { SCENARIO_CATALOG } from '../../engine/scenarios/scenario-catalog.js';
import { parseScenarioSpec } from '../../engine/scenarios/scenario-spec.js';
import { dropUndefined, toNumber } from '../flags.js';
import { pythonFlag } from '../python-flag.js';
import { finalScenarioView, liveScenarioView } from '../scenario-view.js';
import { withEngine } from '../with-engine.js';

export interface ScenarioFlags {
  mode?: string;
  runtime?: string;
  python?: string;
  variant?: string;
  limit?: string;
  jobs?: string;
  jobSeconds?: string;
  tasks?: string;
  sleep?: string;
  workload?: string;
  json?: boolean;
  record?: string;
}

const REDRAW_MS = 200;

export async function scenarioCommand(name: string, flags: ScenarioFlags): Promise<number> {
  const input = dropUndefined({
    name,
    mode: flags.mode,
    runtime: flags.runtime,
    variant: flags.variant,
    limit: toNumber(flags.limit),
    jobs: toNumber(flags.jobs),
    jobSeconds: toNumber(flags.jobSeconds),
    tasks: toNumber(flags.tasks),
    sleepS: toNumber(flags.sleep),
    workload: flags.workload,
  });
  const spec = parseScenarioSpec(input); // bad input: exit 2 before anything starts
  const info = SCENARIO_CATALOG.find((s) => s.name === spec.name);
  if (!info) throw new Error(`${spec.name} is missing from the catalog`);

  const live = !flags.json && process.stdout.isTTY;
  const logUpdate = live ? (await import('log-update')).default : null; // a --json run doesn't load it
  const { result, interrupted } = await withEngine({ python: pythonFlag(flags.python), checkPython: spec.runtime === 'python', record: flags.record }, async (session) => {
    const { engine } = session;
    const run = engine.runScenario(parseOrRefuse(ScenarioSpecSchema, input));
    const timer = logUpdate
      ? setInterval(
          () => logUpdate(liveScenarioView(info, spec.mode, engine.scenarioTimeline(run.id), epochNow() - run.t0, process.stdout.columns, spec.runtime)),
          REDRAW_MS,
        )
      : null;
    const ended = await engine.scenarioResult(run);
    if (timer) {
      clearInterval(timer);
      logUpdate?.clear();
    }
    return { result: ended, interrupted: session.interrupted };
  });
  console.log(flags.json ? JSON.stringify(result) : finalScenarioView(info, result, process.stdout.columns ?? 100));
  if (interrupted) return 130;
  return result.outcome === null || result.timeline.some((e) => e.state === 'failed') ? 1 : 0;
}
