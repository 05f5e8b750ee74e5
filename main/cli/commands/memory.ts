/** `corescope memory`: what one more process, thread or async task costs, fitted over several N. */
import Table from 'cli-table3';
import { InvalidInput } from '../../../contract/refusal.js';
import type { MemoryCostReport } from '../../../contract/studies.js';
import { parseCountList } from '../../../lib/count-list.js';
import { memoryToCsv } from '../../../lib/export.js';
import { formatBytes } from '../../../lib/format.js';
import { chooseReaderKind, readersInfo } from '../../engine/readers/choose.js';
import { measureMemoryCost } from '../../engine/studies/memory-cost.js';
import { parseMemoryStudy } from '../../engine/studies/study-specs.js';
import { dropUndefined } from '../flags.js';
import { pythonFlag } from '../python-flag.js';
import { studyProgress } from '../study-progress.js';
import { withEngine } from '../with-engine.js';

export interface MemoryFlags {
  units?: string;
  measure?: string;
  runtime?: string;
  python?: string;
  json?: boolean;
  csv?: boolean;
}

function memoryTable(r: MemoryCostReport): string {
  const t = new Table({
    head: ['mode', 'per unit', 'base', 'R²', ...r.units.map((n) => `N=${n}`)],
    style: process.stdout.isTTY ? {} : { head: [], border: [] },
  });
  for (const m of r.results)
    t.push([
      m.unitsPerStep > 1 ? `${m.mode} (×${m.unitsPerStep} tasks)` : m.mode,
      formatBytes(m.bytesPerUnit),
      formatBytes(m.baseBytes),
      m.r2.toFixed(3),
      ...m.points.map((p) => formatBytes(p.totalBytes)),
    ]);
  return `memory per unit (${r.measure}), idle io-sleep units, least-squares fit of total memory over N\n${t.toString()}`;
}

export async function memoryCommand(flags: MemoryFlags): Promise<number> {
  const { units, measure, runtime } = parseMemoryStudy(
    dropUndefined({ units: parseCountList(flags.units ?? '1,2,4,8'), measure: flags.measure, runtime: flags.runtime }),
    // refused before any engine starts: the measures of the readers the engine will choose
    readersInfo(chooseReaderKind()).memoryMeasures,
  );
  if (flags.json && flags.csv) throw new InvalidInput('give either --json or --csv, not both');
  const quiet = flags.json === true || flags.csv === true;
  const report = await withEngine({ python: pythonFlag(flags.python), checkPython: runtime === 'python' }, (session) => {
    session.engine.requireRuntime(runtime);
    return measureMemoryCost(session.engine, units, measure, studyProgress(session, quiet), runtime);
  });
  if (flags.csv) process.stdout.write(memoryToCsv(report));
  else console.log(flags.json ? JSON.stringify(report) : memoryTable(report));
  return 0;
}
