/**
 * What each run's units cost right now, from the snapshot's per-run aggregates: CPU as % of one core
 * (so 2 busy units read 200 %) and bytes (each unit's own figure, so for threads and async it adds up
 * to the host's growth). The engine sums every live unit; the page reads one line per run.
 */
import type { RunAggregate } from '../../../contract/snapshot.js';

export interface RunTotals {
  cpuPct: number;
  bytes: number;
  /** units that have not ended */
  live: number;
  /** distinct cores the live units last ran on */
  cores: number;
}

export function runTotals(runs: readonly RunAggregate[]): Map<string, RunTotals> {
  return new Map(runs.map((r) => [r.runId, { cpuPct: r.cpuPct, bytes: r.bytes, live: r.live, cores: r.cores.length }]));
}
