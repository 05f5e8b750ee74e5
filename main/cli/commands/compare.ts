/** `corescope compare`: the same cpu work as 1 unit and as N units, in every mode, one after another. */
import { CompareSpecSchema, describeInvalid } from '../../../preload/api.js';
import { compareToCsv } from '../../../preload/export.js';
import { compareModes } from '../../engine/compare.js';
import { InvalidInput } from '../../engine/errors.js';
import { parseRunSpec } from '../../engine/runs.js';
import { dropUndefined, toNumber } from '../numbers.js';
import { runStudy } from '../study-session.js';
import { pythonFlag } from '../python-flag.js';
import { compareTable } from '../summary-table.js';

export interface CompareFlags {
  workload?: string;
  units?: string;
  work?: string;
  runtime?: string;
  repeat?: string;
  python?: string;
  json?: boolean;
  csv?: boolean;
}

export async function compareCommand(flags: CompareFlags): Promise<number> {
  if ((flags.workload ?? 'cpu') !== 'cpu') throw new InvalidInput('compare measures the cpu workload only (--workload cpu)');
  if (flags.units === undefined) throw new InvalidInput('units is required: --units N');
  if (flags.json && flags.csv) throw new InvalidInput('give either --json or --csv, not both');
  const quiet = flags.json === true || flags.csv === true;
  // the N-unit legs are validated exactly as `run` would, in the strictest mode's limits
  const spec = parseRunSpec(
    dropUndefined({ mode: 'process', runtime: flags.runtime, workload: 'cpu', units: toNumber(flags.units), work: toNumber(flags.work) }),
  );

  const repeatParsed = CompareSpecSchema.pick({ repeat: true }).safeParse(dropUndefined({ repeat: toNumber(flags.repeat) }));
  if (!repeatParsed.success) throw new InvalidInput(describeInvalid(repeatParsed.error));
  const { repeat } = repeatParsed.data;
  const report = await runStudy({ python: pythonFlag(flags.python) }, quiet, (engine, onLeg) =>
    compareModes(engine, { units: spec.units, work: spec.work, runtime: spec.runtime, repeat }, onLeg),
  );
  if (flags.csv) process.stdout.write(compareToCsv(report));
  else console.log(flags.json ? JSON.stringify(report) : compareTable(report));
  return 0;
}
