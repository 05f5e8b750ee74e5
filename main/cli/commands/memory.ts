/** `corescope memory`: what one more process, thread or async task costs, fitted over several N. */
import Table from 'cli-table3';
import { z } from 'zod';
import { LIMITS, RUNTIMES, describeInvalid, type MemoryMeasure, type Runtime } from '../../../preload/api.js';
import { memoryToCsv } from '../../../preload/export.js';
import { formatBytes } from '../../../preload/format.js';
import { InvalidInput } from '../../engine/errors.js';
import { ASYNC_TASKS_PER_STEP, measureMemoryCost, type MemoryCostReport } from '../../engine/memory-cost.js';
import { MEMORY_MEASURES } from '../../engine/process-memory.js';
import { pythonFlag } from '../python-flag.js';
import { runStudy } from '../study-session.js';

export interface MemoryFlags {
  units?: string;
  measure?: string;
  runtime?: string;
  python?: string;
  json?: boolean;
  csv?: boolean;
}

const maxSteps = Math.floor(LIMITS.asyncUnits.max / ASYNC_TASKS_PER_STEP);
const UnitListSchema = z
  .array(
    z
      .number({ error: 'units must be whole numbers, e.g. 1,2,4,8' })
      .int({ error: 'units must be whole numbers, e.g. 1,2,4,8' })
      .refine((n) => n >= 1 && n <= Math.min(LIMITS.units.max, maxSteps), {
        message: `each count of units must be between 1 and ${Math.min(LIMITS.units.max, maxSteps)}`,
      }),
  )
  .refine((xs) => new Set(xs).size >= 2, { message: 'units needs at least two different counts to fit a line, e.g. 1,2,4,8' });

const RuntimeSchema = z.enum(RUNTIMES, { error: `runtime must be one of ${RUNTIMES.join(', ')}` });

function parseFlags(flags: MemoryFlags): { units: number[]; measure: MemoryMeasure; runtime: Runtime } {
  const runtime = RuntimeSchema.safeParse(flags.runtime ?? 'node');
  if (!runtime.success) throw new InvalidInput(describeInvalid(runtime.error));
  const units = UnitListSchema.safeParse((flags.units ?? '1,2,4,8').split(',').map((s) => Number(s.trim())));
  if (!units.success) throw new InvalidInput(describeInvalid(units.error));
  const measure = (flags.measure ?? MEMORY_MEASURES[0]) as MemoryMeasure;
  if (!MEMORY_MEASURES.includes(measure)) throw new InvalidInput(`measure must be one of ${MEMORY_MEASURES.join(', ')} here`);
  return { units: [...new Set(units.data)].sort((a, b) => a - b), measure, runtime: runtime.data };
}

export function memoryTable(r: MemoryCostReport): string {
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
  const { units, measure, runtime } = parseFlags(flags);
  if (flags.json && flags.csv) throw new InvalidInput('give either --json or --csv, not both');
  const quiet = flags.json === true || flags.csv === true;
  const report = await runStudy({ python: pythonFlag(flags.python) }, quiet, (engine, onLeg) => {
    engine.requireRuntime(runtime);
    return measureMemoryCost(engine, units, measure, onLeg, runtime);
  });
  if (flags.csv) process.stdout.write(memoryToCsv(report));
  else console.log(flags.json ? JSON.stringify(report) : memoryTable(report));
  return 0;
}
