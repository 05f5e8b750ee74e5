/**
 * A rough guess of what a run will hold, to warn before it pushes the machine into swap. The per-unit
 * figures are PSS measured on the reference machine (README, "Memory per unit"), rounded up.
 */
import type { RunSpec } from '../../../contract/schemas.js';
import { formatBytes } from '../../../lib/format.js';

const MB = 1024 * 1024;
const UNIT_OVERHEAD = { process: 20 * MB, thread: 10 * MB, async: 4 * 1024 } as const;

function estimateRunBytes(spec: RunSpec): number {
  const payload = spec.workload === 'mem' ? (spec.mb ?? 0) * MB : 0;
  return spec.units * (UNIT_OVERHEAD[spec.mode] + payload);
}

/** A one-line warning when the run would need more than the memory available now, else null. */
export function memoryWarning(spec: RunSpec, availableBytes: number): string | null {
  const need = estimateRunBytes(spec);
  return need > availableBytes
    ? `this run may need ~${formatBytes(need)} but only ${formatBytes(availableBytes)} is available`
    : null;
}
