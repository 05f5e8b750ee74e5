/** `corescope compare`: the same cpu work as 1 unit and as N units, in every mode, one after another. */
import { compareModes } from '../../engine/compare.js';
import { Engine } from '../../engine/engine.js';
import { InvalidInput } from '../../engine/errors.js';
import { parseRunSpec } from '../../engine/runs.js';
import { dropUndefined, toNumber } from '../numbers.js';
import { whenInterrupted } from '../process-guard.js';
import { compareTable } from '../summary-table.js';

export interface CompareFlags {
  workload?: string;
  units?: string;
  work?: string;
  runtime?: string;
  json?: boolean;
}

export async function compareCommand(flags: CompareFlags): Promise<number> {
  if ((flags.workload ?? 'cpu') !== 'cpu') throw new InvalidInput('compare measures the cpu workload only (--workload cpu)');
  if (flags.units === undefined) throw new InvalidInput('units is required: --units N');
  // the N-unit legs are validated exactly as `run` would, in the strictest mode's limits
  const spec = parseRunSpec(
    dropUndefined({ mode: 'process', runtime: flags.runtime, workload: 'cpu', units: toNumber(flags.units), work: toNumber(flags.work) }),
  );

  const engine = new Engine();
  await engine.start();
  let interrupted = false;
  const release = whenInterrupted(() => {
    interrupted = true;
    void engine.runs.stopAll();
  });
  try {
    const report = await compareModes(engine, { units: spec.units, work: spec.work, runtime: spec.runtime }, (leg) => {
      if (interrupted) throw new InvalidInput('interrupted');
      if (!flags.json) console.error(`… ${leg.mode}, ${leg.units} unit${leg.units > 1 ? 's' : ''}`);
    });
    console.log(flags.json ? JSON.stringify(report) : compareTable(report));
    return 0;
  } finally {
    release();
    await engine.close();
  }
}
