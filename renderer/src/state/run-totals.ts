/**
 * What each run's units cost right now, summed from one snapshot: CPU as % of one core (so 2 busy
 * units read 200 %) and bytes (each unit's own figure, so for threads and async it adds up to the host's
 * growth). One pass over the units, however many there are.
 */
import type { UnitSample } from '../../../contract/snapshot.js';
import { isFinal } from './runs.js';

export interface RunTotals {
  cpuPct: number;
  bytes: number;
  /** units in the snapshot that have not ended */
  live: number;
  /** distinct cores the live units last ran on */
  cores: number;
}

export function runTotals(units: readonly UnitSample[]): Map<string, RunTotals> {
  const out = new Map<string, RunTotals>();
  const coreSets = new Map<string, Set<number>>();
  for (const u of units) {
    let t = out.get(u.runId);
    if (!t) {
      t = { cpuPct: 0, bytes: 0, live: 0, cores: 0 };
      out.set(u.runId, t);
      coreSets.set(u.runId, new Set());
    }
    t.cpuPct += u.cpuPct;
    t.bytes += u.bytes;
    if (!isFinal(u.state)) {
      t.live++;
      if (u.core !== null) coreSets.get(u.runId)?.add(u.core);
    }
  }
  for (const [id, set] of coreSets) (out.get(id) as RunTotals).cores = set.size;
  return out;
}
