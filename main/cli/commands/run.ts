/** `corescope run`: one run, live in the terminal (or one JSON summary with --json). */
import { LIMITS } from '../../../contract/limits.js';
import { memoryWarning } from '../../engine/runs/memory-estimate.js';
import { readMachineMemory } from '../../engine/readers/memory-reader.js';
import { epochNow } from '../../engine/runs/run.js';
import { parseRunSpec } from '../../engine/runs/run-manager.js';
import { renderLiveView } from '../live-view.js';
import { dropUndefined, parseInterval, toNumber } from '../flags.js';
import { pythonFlag } from '../python-flag.js';
import { withEngine } from '../with-engine.js';

export interface RunFlags {
  mode?: string;
  runtime?: string;
  python?: string;
  units?: string;
  workload?: string;
  duration?: string;
  work?: string;
  mb?: string;
  interval?: string;
  json?: boolean;
  record?: string;
}

export async function runCommand(flags: RunFlags): Promise<number> {
  const spec = parseRunSpec(
    dropUndefined({
      mode: flags.mode,
      runtime: flags.runtime,
      workload: flags.workload,
      units: toNumber(flags.units),
      durationS: toNumber(flags.duration),
      work: toNumber(flags.work),
      mb: toNumber(flags.mb),
    }),
  );
  const intervalMs = parseInterval(flags.interval, LIMITS.intervalMs.default);
  const python = pythonFlag(flags.python);
  const warning = memoryWarning(spec, (await readMachineMemory()).availableBytes);
  if (warning) console.error(`corescope: warning: ${warning}`);

  const live = !flags.json && process.stdout.isTTY;
  // drawing and tables are loaded only where they are used: a --json run doesn't pay their start-up
  const logUpdate = live ? (await import('log-update')).default : null;
  const summary = await withEngine({ intervalMs, python, checkPython: spec.runtime === 'python', record: flags.record }, async (session) => {
    const { engine } = session;
    const run = engine.startRun(spec);
    const draw = () =>
      logUpdate?.(
        renderLiveView(
          { runId: run.id, spec, elapsedMs: epochNow() - run.t0, unitsEnded: run.units.filter((u) => u.endAt !== null).length },
          engine.latestSnapshot,
          process.stdout.columns,
        ),
      );
    const stopDrawing = live ? engine.subscribe('snapshot', draw) : () => undefined;
    if (live) draw();
    const result = await engine.summary(run);
    stopDrawing();
    if (logUpdate) {
      draw();
      logUpdate.done();
    }
    return { result, interrupted: session.interrupted };
  });
  console.log(flags.json ? JSON.stringify(summary.result) : (await import('../summary-table.js')).runSummaryTable(summary.result));
  return summary.interrupted ? 130 : summary.result.unitResults.some((u) => u.state === 'failed') ? 1 : 0;
}
