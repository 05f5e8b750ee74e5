/** `corescope compare`: the same cpu work as 1 unit and as N units, in every mode, one after another. */
import { compareToCsv } from '../../../lib/export.js';
import { compareModes } from '../../engine/studies/compare.js';
import { InvalidInput } from '../../../contract/refusal.js';
import { parseCompareStudy } from '../../engine/studies/study-specs.js';
import { dropUndefined, toNumber } from '../flags.js';
import { studyProgress } from '../study-progress.js';
import { withEngine } from '../with-engine.js';
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
  record?: string;
  csv?: boolean;
}

export async function compareCommand(flags: CompareFlags): Promise<number> {
  if ((flags.workload ?? 'cpu') !== 'cpu') throw new InvalidInput('compare measures the cpu workload only (--workload cpu)');
  if (flags.units === undefined) throw new InvalidInput('units is required: --units N');
  if (flags.json && flags.csv) throw new InvalidInput('give either --json or --csv, not both');
  const quiet = flags.json === true || flags.csv === true;
  const spec = parseCompareStudy(
    dropUndefined({ runtime: flags.runtime, units: toNumber(flags.units), work: toNumber(flags.work), repeat: toNumber(flags.repeat) }),
  );
  const report = await withEngine({ python: pythonFlag(flags.python), checkPython: spec.runtime === 'python', record: flags.record }, (session) => compareModes(session.engine, spec, studyProgress(session, quiet)));
  if (flags.csv) process.stdout.write(compareToCsv(report));
  else console.log(flags.json ? JSON.stringify(report) : compareTable(report));
  return 0;
}
