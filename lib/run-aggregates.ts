/**
 * Per-run aggregates from a list of unit samples: what the engine computes from its readings, for
 * whoever has samples rather than readings (a synthetic stream, a test's fixture).
 */
import { FINAL_STATES, type Mode } from '../contract/domain.js';
import type { RunAggregate, UnitSample } from '../contract/snapshot.js';

const FINAL: ReadonlySet<string> = new Set(FINAL_STATES);

export function aggregateSamples(units: readonly UnitSample[], modeOf: (runId: string) => Mode): RunAggregate[] {
  const runs = new Map<string, RunAggregate>();
  for (const u of units) {
    if (FINAL.has(u.state)) continue; // the engine sums live units only
    let a = runs.get(u.runId);
    if (!a) runs.set(u.runId, (a = { runId: u.runId, mode: modeOf(u.runId), live: 0, states: {}, cpuPct: 0, bytes: 0, cores: [] }));
    a.live++;
    a.states[u.state] = (a.states[u.state] ?? 0) + 1;
    a.cpuPct += u.cpuPct;
    a.bytes += u.bytes;
    if (u.core === null) continue;
    let c = a.cores.find((x) => x.core === u.core);
    if (!c) a.cores.push((c = { core: u.core, units: 0, cpuPct: 0 }));
    c.units++;
    c.cpuPct += u.cpuPct;
  }
  for (const a of runs.values()) a.cores.sort((x, y) => x.core - y.core);
  return [...runs.values()];
}
