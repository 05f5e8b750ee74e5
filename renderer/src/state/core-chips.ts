/**
 * The chips under each core: which units last ran there. A few units of a run are named one by one
 * ("r1·u0"); many (an async run's thousands of tasks on one thread) fold into one chip ("r2 ×812"),
 * and a core shows a handful of chips at most, so a crowded core stays readable.
 */
import type { Snapshot, UnitSample } from '../../../contract/snapshot.js';
import { isFinal } from './runs.js';

export interface Chip {
  runId: string;
  /** "r1·u0" or "r2 ×812" */
  label: string;
  /** units behind the chip */
  units: number;
  /** true when none of them used a meaningful share of a core in the last interval (waiting, sleeping) */
  idle: boolean;
}

export interface CoreChips {
  chips: Chip[];
  /** units on this core not shown as chips */
  more: number;
}

const MAX_NAMED_PER_RUN = 3;
export const MAX_CHIPS_PER_CORE = 4;
/** below this a unit is waiting rather than computing (a % of one core) */
const IDLE_PCT = 5;

/**
 * Chips per core index; cores with no unit are absent. How many units of a run last ran on a core comes
 * from the run's aggregate (every live unit); the names and whether they are idle from the units the
 * snapshot lists (the busiest, so a busy unit is never missing from them).
 */
export function chipsByCore(snapshot: Pick<Snapshot, 'runs' | 'units'>): Map<number, CoreChips> {
  // core → run → its listed live units there
  const listed = new Map<string, UnitSample[]>();
  for (const u of snapshot.units) {
    if (u.core === null || isFinal(u.state)) continue;
    const key = `${u.core}/${u.runId}`;
    const list = listed.get(key);
    if (list) list.push(u);
    else listed.set(key, [u]);
  }
  const byCore = new Map<number, Chip[]>();
  for (const run of snapshot.runs)
    for (const { core, units } of run.cores) {
      const list = listed.get(`${core}/${run.runId}`) ?? [];
      const chips = byCore.get(core) ?? [];
      byCore.set(core, chips);
      if (units <= MAX_NAMED_PER_RUN && list.length === units)
        for (const u of list) chips.push({ runId: run.runId, label: `${run.runId}·u${u.unitId}`, units: 1, idle: u.cpuPct < IDLE_PCT });
      else chips.push({ runId: run.runId, label: `${run.runId} ×${units.toLocaleString('en-US')}`, units, idle: list.every((u) => u.cpuPct < IDLE_PCT) });
    }

  const out = new Map<number, CoreChips>();
  for (const [core, all] of byCore) {
    const shown = all.slice(0, MAX_CHIPS_PER_CORE);
    const more = all.slice(MAX_CHIPS_PER_CORE).reduce((n, c) => n + c.units, 0);
    out.set(core, { chips: shown, more });
  }
  return out;
}
