/**
 * One parser per study, for the CLI, the API and the app alike: the contract's schema, then what only
 * the engine can check (the legs as `run` would check them, the measures this platform can read).
 */
import type { MemoryMeasure, Runtime } from '../../../contract/domain.js';
import { InvalidInput, parseOrRefuse } from '../../../contract/refusal.js';
import { CompareSpecSchema, MemoryCostSpecSchema } from '../../../contract/schemas.js';
import { parseRunSpec } from '../runs/run-manager.js';
import type { CompareSpec } from './compare.js';

export function parseCompareStudy(input: unknown): CompareSpec {
  const given = parseOrRefuse(CompareSpecSchema, input);
  // the N-unit legs are validated exactly as `run` would be, in the strictest mode's limits
  const { repeat, ...leg } = given;
  const spec = parseRunSpec({ mode: 'process', workload: 'cpu', ...leg });
  return { units: spec.units, work: spec.work, runtime: spec.runtime, repeat };
}

export interface MemoryStudySpec {
  /** sorted, each once */
  units: number[];
  measure: MemoryMeasure;
  runtime: Runtime;
}

/** `measures`: what the engine's readers can read here (ReadersInfo.memoryMeasures), the default first. */
export function parseMemoryStudy(input: unknown, measures: readonly MemoryMeasure[]): MemoryStudySpec {
  const given = parseOrRefuse(MemoryCostSpecSchema, input);
  const measure = given.measure ?? measures[0];
  if (!measures.includes(measure)) throw new InvalidInput(`measure must be one of ${measures.join(', ')} with these readers`, 'measure');
  return { units: [...new Set(given.units)].sort((a, b) => a - b), measure, runtime: given.runtime ?? 'node' };
}
