/**
 * The units table's rows: every live unit with its run's mode, sorted by the column the person
 * clicked, capped so an async run's 10,000 tasks don't become 10,000 DOM rows. A watched program's
 * threads are nested under their process: where the process's first row sorts, its main thread comes,
 * then its other threads (depth 1).
 */
import type { Mode } from '../../../contract/domain.js';
import type { RunSummary } from '../../../contract/run-events.js';
import type { UnitSample } from '../../../contract/snapshot.js';

export type SortKey = 'run' | 'unit' | 'pid' | 'tid' | 'mode' | 'state' | 'core' | 'cpuPct' | 'bytes';
export interface Sort {
  key: SortKey;
  dir: 'asc' | 'desc';
}

interface UnitRow extends UnitSample {
  mode: Mode | null;
  /** 1: a watched process's thread, drawn under its process's row */
  depth: 0 | 1;
  /** a unit of a run that has ended: its final state and peak memory, kept until the run is dismissed */
  ended?: boolean;
}

export const MAX_ROWS = 200;
export const DEFAULT_SORT: Sort = { key: 'cpuPct', dir: 'desc' };

/** Numbers people want the largest of first; names and ids read naturally upwards. */
const DESC_FIRST: ReadonlySet<SortKey> = new Set(['cpuPct', 'bytes']);

/** Clicking a header: the same column flips direction, another column starts in its natural one. */
export function toggleSort(current: Sort, key: SortKey): Sort {
  if (current.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { key, dir: DESC_FIRST.has(key) ? 'desc' : 'asc' };
}

const runNum = (id: string) => Number(id.slice(1)) || 0;

function value(r: UnitRow, key: SortKey): number | string {
  switch (key) {
    case 'run':
      return runNum(r.runId);
    case 'unit':
      return r.unitId;
    case 'tid':
      return r.tid ?? -1;
    case 'core':
      return r.core ?? -1;
    case 'mode':
      return r.mode ?? '';
    default:
      return r[key];
  }
}

/** Run then unit: a fixed tie-break so equal rows don't swap places on every update. */
function byIdentity(a: UnitRow, b: UnitRow): number {
  return runNum(a.runId) - runNum(b.runId) || a.unitId - b.unitId;
}

function compareRows(sort: Sort): (a: UnitRow, b: UnitRow) => number {
  const sign = sort.dir === 'asc' ? 1 : -1;
  return (a, b) => {
    const va = value(a, sort.key);
    const vb = value(b, sort.key);
    const c = typeof va === 'number' && typeof vb === 'number' ? va - vb : String(va).localeCompare(String(vb));
    return c !== 0 ? sign * c : byIdentity(a, b);
  };
}

export interface TableRows {
  rows: UnitRow[];
  /** rows not rendered ("… and N more") */
  hidden: number;
  total: number;
}

export function tableRows(units: readonly (UnitSample & { ended?: boolean })[], modeOf: (runId: string) => Mode | null, sort: Sort, max = MAX_ROWS): TableRows {
  const rows = units.map((u): UnitRow => ({ ...u, mode: modeOf(u.runId), depth: u.watch && u.tid !== u.pid ? 1 : 0 }));
  rows.sort(compareRows(sort));
  const nested = nestWatched(rows);
  return { rows: nested.slice(0, max), hidden: Math.max(0, nested.length - max), total: nested.length };
}

/** Each watched process's rows together, where its first row sorted: its main thread first, then its threads in sorted order. */
function nestWatched(sorted: readonly UnitRow[]): UnitRow[] {
  if (!sorted.some((r) => r.watch)) return [...sorted];
  const groups = new Map<string, UnitRow[]>();
  for (const r of sorted) {
    if (!r.watch) continue;
    const key = `${r.runId}/${r.pid}`;
    const g = groups.get(key);
    if (g) g.push(r);
    else groups.set(key, [r]);
  }
  const out: UnitRow[] = [];
  for (const r of sorted) {
    if (!r.watch) {
      out.push(r);
      continue;
    }
    const key = `${r.runId}/${r.pid}`;
    const g = groups.get(key);
    if (!g) continue; // already placed with its process
    groups.delete(key);
    out.push(...g.filter((x) => x.depth === 0), ...g.filter((x) => x.depth === 1));
  }
  return out;
}

/**
 * The units of runs that have ended and are still on screen (their lane not dismissed), from their
 * summaries: a run's table rows stay when it ends instead of vanishing with its last snapshot. A unit
 * the snapshot still lists live is left to it.
 */
export function endedRows(summaries: readonly RunSummary[], live: readonly UnitSample[]): UnitSample[] {
  const listed = new Set(live.map((u) => `${u.runId}/${u.unitId}`));
  return summaries.flatMap((s) =>
    s.unitResults
      .filter((u) => !listed.has(`${s.runId}/${u.id}`))
      .map((u): UnitSample & { ended: true } => ({ runId: s.runId, unitId: u.id, pid: u.pid, tid: u.tid, cpuPct: 0, bytes: u.peakBytes, core: null, state: u.state, ended: true })),
  );
}

/**
 * A unit's state as the table says it: a mem unit sleeps holding its memory, which the host reports as
 * its one waiting state (waiting(io)); it is waiting, but not for io.
 */
export const stateWords = (state: string, workload: string | undefined): string => (workload === 'mem' && state === 'waiting(io)' ? 'waiting (holding memory)' : state);
