/** `corescope run`: one run, live in the terminal (or one JSON summary with --json). */
import logUpdate from 'log-update';
import { LIMITS } from '../../../preload/api.js';
import { Engine } from '../../engine/engine.js';
import { memoryWarning } from '../../engine/memory-estimate.js';
import { readMachineMemory } from '../../engine/memory-reader.js';
import { epochNow } from '../../engine/run.js';
import { parseRunSpec } from '../../engine/runs.js';
import { renderLiveView } from '../live-view.js';
import { dropUndefined, toNumber } from '../numbers.js';
import { parseInterval, whenInterrupted } from '../process-guard.js';
import { pythonFlag } from '../python-flag.js';
import { runSummaryTable } from '../summary-table.js';

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

  const engine = new Engine({ intervalMs, python });
  await engine.start();
  const run = engine.startRun(spec);
  let interrupted = false;
  const release = whenInterrupted(() => {
    interrupted = true;
    void run.stop();
  });

  const live = !flags.json && process.stdout.isTTY;
  const draw = () =>
    logUpdate(
      renderLiveView(
        { runId: run.id, spec, elapsedMs: epochNow() - run.t0, unitsEnded: run.units.filter((u) => u.endAt !== null).length },
        engine.sampler.latest,
        process.stdout.columns,
      ),
    );
  if (live) {
    engine.on('snapshot', draw);
    draw();
  }
  const summary = await engine.summary(run);
  if (live) {
    engine.off('snapshot', draw);
    draw();
    logUpdate.done();
  }
  release();
  await engine.close();
  console.log(flags.json ? JSON.stringify(summary) : runSummaryTable(summary));
  return interrupted ? 130 : summary.unitResults.some((u) => u.state === 'failed') ? 1 : 0;
}
