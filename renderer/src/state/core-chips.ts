/**
 * The chips under each core: which units last ran there. A few units of a run are named one by one
 * ("r1·u0"); many (an async run's thousands of tasks on one thread) fold into one chip ("r2 ×812"),
 * and a core shows a handful of chips at most, so a crowded core stays readable.
 */
import type { UnitSample } from '../../../contract/snapshot.js';
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

/** Chips per core index; cores with no unit are absent. Units whose core is unknown are left out. */
export function chipsByCore(units: readonly UnitSample[]): Map<number, CoreChips> {
  // core → run → its live units there, in the order the snapshot lists them
  const byCore = new Map<number, Map<string, UnitSample[]>>();
  for (const u of units) {
    if (u.core === null || isFinal(u.state)) continue;
    let runs = byCore.get(u.core);
    if (!runs) byCore.set(u.core, (runs = new Map()));
    const list = runs.get(u.runId);
    if (list) list.push(u);
    else runs.set(u.runId, [u]);
  }

  const out = new Map<number, CoreChips>();
  for (const [core, runs] of byCore) {
    const all: Chip[] = [];
    for (const [runId, list] of runs) {
      if (list.length <= MAX_NAMED_PER_RUN)
        for (const u of list) all.push({ runId, label: `${runId}·u${u.unitId}`, units: 1, idle: u.cpuPct < IDLE_PCT });
      else
        all.push({
          runId,
          label: `${runId} ×${list.length.toLocaleString('en-US')}`,
          units: list.length,
          idle: list.every((u) => u.cpuPct < IDLE_PCT),
        });
    }
    const shown = all.slice(0, MAX_CHIPS_PER_CORE);
    const more = all.slice(MAX_CHIPS_PER_CORE).reduce((n, c) => n + c.units, 0);
    out.set(core, { chips: shown, more });
  }
  return out;
}
