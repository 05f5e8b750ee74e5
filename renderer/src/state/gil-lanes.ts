/**
 * The gil scenario as lanes: its units grouped into legs (2 Python threads, then 2 Python processes,
 * and a free-threaded leg when one ran), each with its state and how many cores it keeps busy — live
 * from the snapshots (its units' cpuPct summed, 100 % = one core) while it runs, and the leg's own
 * figure from the outcome once the run has ended. Pure: no DOM, tested in Node.
 */
import { FINAL_STATES, type UnitState } from '../../../contract/domain.js';
import { type GilOutcome, type LowHigh } from '../../../contract/host-protocol.js';
import { type Snapshot } from '../../../contract/snapshot.js';
import type { ScenarioRun } from './scenario-runs.js';

export type GilLegKey = 'threads' | 'processes' | 'free-threaded';

interface GilUnit {
  unitId: number;
  name: string;
  state: UnitState;
}

export interface GilLeg {
  key: GilLegKey;
  title: string;
  /** why it keeps as many cores busy as it does, in a few words */
  words: string;
  units: GilUnit[];
  /** waiting (its turn has not come), running, or done */
  phase: 'waiting' | 'running' | 'done';
  /** ms after the run's start: when its first unit ran, and when its last one ended */
  startMs: number | null;
  endMs: number | null;
  /** the leg's figure from the outcome (its units' CPU over its wall time); null until the run ends */
  busyCores: number | null;
  /** its lowest and highest half second, from the outcome */
  busySpread: LowHigh | null;
}

const isFinal = (s: UnitState) => FINAL_STATES.includes(s);

const LEG_WORDS: Record<GilLegKey, { words: string }> = {
  threads: { words: 'one interpreter: they take turns holding the GIL' },
  processes: { words: 'an interpreter each: no lock to share' },
  'free-threaded': { words: 'no GIL (python3.13t+): threads run at once' },
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function legOf(key: 'threads' | 'processes', run: ScenarioRun, unitIds: number[], outcome: GilOutcome | null): GilLeg {
  const units = unitIds.map((unitId) => {
    const changes = run.units[unitId] ?? [];
    return { unitId, name: run.unitNames[unitId], state: changes[changes.length - 1]?.state ?? 'starting' };
  });
  const notYet = (s: UnitState) => s === 'starting' || s === 'queued';
  const starts = unitIds.flatMap((id) => (run.units[id] ?? []).filter((c) => !notYet(c.state)).map((c) => c.tMs));
  const ends = unitIds.map((id) => (run.units[id] ?? []).find((c) => isFinal(c.state))?.tMs ?? null);
  const allEnded = units.length > 0 && units.every((u) => isFinal(u.state));
  const started = units.some((u) => !notYet(u.state));
  const n = units.length;
  return {
    key,
    title: key === 'threads' ? plural(n, 'Python thread', 'Python threads') : plural(n, 'Python process', 'Python processes'),
    words: LEG_WORDS[key].words,
    units,
    phase: allEnded ? 'done' : started ? 'running' : run.endedAt !== null ? 'done' : 'waiting',
    startMs: starts.length ? Math.min(...starts) : null,
    endMs: allEnded ? Math.max(...ends.map((t) => t ?? 0)) : null,
    busyCores: outcome ? (key === 'threads' ? outcome.threadsBusyCores : outcome.processesBusyCores) : null,
    // absent in recordings made before the spread was measured
    busySpread: (key === 'threads' ? outcome?.threadsBusyCoresSpread : outcome?.processesBusyCoresSpread) ?? null,
  };
}

/** The legs of a gil run, in the order they run: threads, processes, then free-threaded if it ran. */
export function gilLegsOf(run: ScenarioRun): GilLeg[] {
  const outcome = (run.result?.outcome ?? null) as GilOutcome | null;
  const ids = (prefix: string) => run.unitNames.flatMap((name, i) => (name.startsWith(prefix) ? [i] : []));
  const legs = [legOf('threads', run, ids('thread'), outcome), legOf('processes', run, ids('process'), outcome)];
  if (outcome && outcome.freeThreadedBusyCores !== null)
    legs.push({
      key: 'free-threaded',
      title: `${legs[0].units.length} free-threaded Python threads`,
      words: `${LEG_WORDS['free-threaded'].words} · ${outcome.freeThreaded}`,
      units: [],
      phase: 'done',
      startMs: null,
      endMs: null,
      busyCores: outcome.freeThreadedBusyCores,
      busySpread: null,
    });
  return legs;
}

/** A leg's units now, from a snapshot: how many cores they keep busy (cpuPct summed / 100) and where each runs. */
export interface LegNow {
  busyCores: number;
  perUnit: Map<number, { cpuPct: number; core: number | null }>;
}

export function legNow(snapshot: Snapshot | null, runId: string, leg: GilLeg): LegNow | null {
  if (!snapshot || leg.phase !== 'running') return null;
  const ids = new Set(leg.units.map((u) => u.unitId));
  const perUnit = new Map<number, { cpuPct: number; core: number | null }>();
  let pct = 0;
  for (const u of snapshot.units)
    if (u.runId === runId && ids.has(u.unitId)) {
      perUnit.set(u.unitId, { cpuPct: u.cpuPct, core: u.core });
      pct += u.cpuPct;
    }
  return perUnit.size ? { busyCores: pct / 100, perUnit } : null;
}

/**
 * The mean of a leg's live figure so far, over the snapshots taken while its units ran. The first
 * reading of each leg is dropped: a new pid's first reading is 0 % (pidusage).
 */
export class LegMeter {
  private readonly seen = new Map<GilLegKey, { lastT: number; n: number; sum: number }>();

  add(key: GilLegKey, t: number, busyCores: number): void {
    const m = this.seen.get(key);
    if (!m) {
      this.seen.set(key, { lastT: t, n: 0, sum: 0 });
      return;
    }
    if (t <= m.lastT) return;
    m.lastT = t;
    m.n++;
    m.sum += busyCores;
  }

  mean(key: GilLegKey): number | null {
    const m = this.seen.get(key);
    return m && m.n > 0 ? m.sum / m.n : null;
  }
}

/** "0.97 cores" */
export const formatCores = (v: number): string => `${v.toFixed(2)} core${v.toFixed(2) === '1.00' ? '' : 's'}`;

/** How full each of the first `cells` cores would be, filled one after another: 1.4 → [1, 0.4]. */
export function coreCells(busyCores: number, cells: number): number[] {
  return Array.from({ length: cells }, (_, i) => Math.max(0, Math.min(1, busyCores - i)));
}
