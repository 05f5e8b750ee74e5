/**
 * The same total work as 1 unit and as N units, in every mode, one run after another (never at once,
 * so they don't compete for cores). speedup = the mode's 1-unit wall time / its N-unit wall time.
 */
import { MODES, type Mode, type Runtime } from '../../../contract/domain.js';
import { type CompareReport, type CompareResult } from '../../../contract/studies.js';
import type { Engine } from '../engine.js';
import { round } from './stats.js';

const DEFAULT_COMPARE_WORK = 300; // blocks: ~3 s on one core of the reference machine

export interface CompareSpec {
  units: number;
  work?: number;
  runtime?: Runtime;
  modes?: readonly Mode[];
}


export async function compareModes(
  engine: Engine,
  spec: CompareSpec,
  onLeg: (leg: { mode: Mode; units: number }) => void = () => undefined,
): Promise<CompareReport> {
  const work = spec.work ?? DEFAULT_COMPARE_WORK;
  const cores = engine.system().logicalCores;
  const results: CompareResult[] = [];
  for (const mode of spec.modes ?? MODES) {
    const leg = (units: number) => {
      onLeg({ mode, units });
      return engine.runToEnd({ mode, runtime: spec.runtime ?? 'node', workload: 'cpu', units, work });
    };
    const baseline = await leg(1);
    const run = await leg(spec.units);
    const speedup = baseline.wallMs / run.wallMs;
    results.push({
      ...run,
      baselineWallMs: baseline.wallMs,
      speedup: round(speedup, 2),
      efficiency: round(speedup / Math.min(spec.units, cores), 2),
    });
  }
  return { workload: 'cpu', units: spec.units, work, logicalCores: cores, results };
}
