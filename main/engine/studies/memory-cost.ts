/**
 * What one more unit costs in memory, per mode: idle units (io-sleep) at several N, the run's total
 * memory measured once every unit is up, and a least-squares line through (N, bytes): the slope is
 * the cost of one unit, the intercept what the mode costs before any unit (its host).
 *
 * An async task costs less than a memory page (~4 KB), so a handful of tasks is lost in the noise of
 * the host's own page-sized growth; async legs therefore run ASYNC_TASKS_PER_STEP tasks per step of N
 * and the slope is divided back to one task.
 */
import { MODES, type MemoryMeasure, type Mode, type Runtime } from '../../../contract/domain.js';
import { ASYNC_TASKS_PER_STEP } from '../../../contract/limits.js';
import { type MemoryCostReport, type MemoryCostResult, type MemoryPoint } from '../../../contract/studies.js';
import type { Engine } from '../engine.js';
import type { Run } from '../runs/run.js';
import { fitLine, round } from './stats.js';

const SETTLE_MS = 400;
const UP_TIMEOUT_MS = 20_000;
const HOLD_S = 60; // long enough to measure; the leg is stopped as soon as it has been


const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function whenAllUp(run: Run): Promise<void> {
  const end = Date.now() + UP_TIMEOUT_MS;
  while (!run.units.every((u) => u.state === 'waiting(io)')) {
    if (!run.active || Date.now() > end) throw new Error(`memory: the units of ${run.id} did not all start`);
    await sleep(25);
  }
}

/** Every process of a run: its hosts, and units with processes of their own (Python's multiprocessing units). */
const processesOf = (run: Run): number[] => [...new Set([...run.hosts.map((h) => h.pid), ...run.units.map((u) => u.pid)])].filter((p) => p > 0);

async function measureLeg(engine: Engine, runtime: Runtime, mode: Mode, units: number, measure: MemoryMeasure): Promise<number> {
  const run = engine.startRun({ mode, runtime, workload: 'io-sleep', units, durationS: HOLD_S });
  try {
    await whenAllUp(run);
    await sleep(SETTLE_MS);
    const bytes = await Promise.all(processesOf(run).map((pid) => engine.readers.processMemory.read(pid, measure)));
    if (bytes.some((b) => b === null)) throw new Error(`memory: a process of ${run.id} could not be measured (${measure})`);
    return (bytes as number[]).reduce((a, b) => a + b, 0);
  } finally {
    await run.stop();
    await engine.summary(run);
  }
}

export async function measureMemoryCost(
  engine: Engine,
  unitCounts: readonly number[],
  measure: MemoryMeasure,
  onLeg: (leg: { mode: Mode; units: number }) => void = () => undefined,
  runtime: Runtime = 'node',
): Promise<MemoryCostReport> {
  const results: MemoryCostResult[] = [];
  for (const mode of MODES) {
    const perStep = mode === 'async' ? ASYNC_TASKS_PER_STEP : 1;
    const points: MemoryPoint[] = [];
    for (const n of unitCounts) {
      onLeg({ mode, units: n * perStep });
      points.push({ units: n * perStep, totalBytes: await measureLeg(engine, runtime, mode, n * perStep, measure) });
    }
    const fit = fitLine(
      points.map((p) => p.units),
      points.map((p) => p.totalBytes),
    );
    results.push({
      mode,
      runtime,
      measure,
      unitsPerStep: perStep,
      points,
      bytesPerUnit: Math.round(fit.slope),
      baseBytes: Math.round(fit.intercept),
      r2: round(fit.r2, 4),
    });
  }
  return { measure, units: [...unitCounts], results };
}
