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

export interface TableRow extends UnitSample {
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

function value(r: TableRow, key: SortKey): number | string {
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
function byIdentity(a: TableRow, b: TableRow): number {
  return runNum(a.runId) - runNum(b.runId) || a.unitId - b.unitId;
}

function compareRows(sort: Sort): (a: TableRow, b: TableRow) => number {
  const sign = sort.dir === 'asc' ? 1 : -1;
  return (a, b) => {
    const va = value(a, sort.key);
    const vb = value(b, sort.key);
    const c = typeof va === 'number' && typeof vb === 'number' ? va - vb : String(va).localeCompare(String(vb));
    return c !== 0 ? sign * c : byIdentity(a, b);
  };
}

export interface TableRows {
  rows: TableRow[];
  /** rows not rendered ("… and N more") */
  hidden: number;
  total: number;
}

type ModeOf = (runId: string) => Mode | null;

function sortedRows(units: readonly (UnitSample & { ended?: boolean })[], modeOf: ModeOf, sort: Sort): TableRow[] {
  const rows = units.map((u): TableRow => ({ ...u, mode: modeOf(u.runId), depth: u.watch && u.tid !== u.pid ? 1 : 0 }));
  return rows.sort(compareRows(sort));
}

export function tableRows(units: readonly (UnitSample & { ended?: boolean })[], modeOf: ModeOf, sort: Sort, max = MAX_ROWS): TableRows {
  const nested = nestWatched(sortedRows(units, modeOf, sort));
  return { rows: nested.slice(0, max), hidden: Math.max(0, nested.length - max), total: nested.length };
}

/** The ended runs' rows, sorted, and who they are: made when a run ends or the sort changes, not per frame. */
export interface EndedTable {
  rows: readonly TableRow[];
  keys: ReadonlySet<string>;
}

const keyOf = (u: Pick<UnitSample, 'runId' | 'unitId'>) => `${u.runId}/${u.unitId}`;

export function endedTable(summaries: readonly RunSummary[], modeOf: ModeOf, sort: Sort): EndedTable {
  const rows = sortedRows(endedRows(summaries, []), modeOf, sort);
  return { rows, keys: new Set(rows.map(keyOf)) };
}

/**
 * The table as tableRows() would make it of the live units and the ended runs' rows together, but
 * with the ended rows sorted beforehand: a 100,000-task run that has ended is 100,000 rows, and
 * sorting them again at every refresh (2 a second) was 251 ms of the page's script in an 8 s
 * profile. The live rows (a snapshot's few hundred) are sorted and merged in; a unit still listed
 * live is shown live.
 */
export function liveAndEndedRows(live: readonly UnitSample[], ended: EndedTable, modeOf: ModeOf, sort: Sort, max = MAX_ROWS): TableRows & { ended: number } {
  const liveRows = nestWatched(sortedRows(live, modeOf, sort));
  const listed = new Set(live.map(keyOf));
  let overlap = 0;
  for (const k of listed) if (ended.keys.has(k)) overlap++;
  const compare = compareRows(sort);
  const rows: TableRow[] = [];
  for (let i = 0, j = 0; rows.length < max && (i < liveRows.length || j < ended.rows.length); ) {
    const e = ended.rows[j];
    if (e && listed.has(keyOf(e))) j++;
    else if (i < liveRows.length && (!e || compare(liveRows[i], e) <= 0)) rows.push(liveRows[i++]);
    else rows.push(ended.rows[j++]);
  }
  const endedShown = ended.rows.length - overlap;
  const total = liveRows.length + endedShown;
  return { rows, hidden: Math.max(0, total - rows.length), total, ended: endedShown };
}

/** Each watched process's rows together, where its first row sorted: its main thread first, then its threads in sorted order. */
function nestWatched(sorted: readonly TableRow[]): TableRow[] {
  if (!sorted.some((r) => r.watch)) return [...sorted];
  const groups = new Map<string, TableRow[]>();
  for (const r of sorted) {
    if (!r.watch) continue;
    const key = `${r.runId}/${r.pid}`;
    const g = groups.get(key);
    if (g) g.push(r);
    else groups.set(key, [r]);
  }
  const out: TableRow[] = [];
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
 * The rows the table's scroll box shows (it is 380 px high: ~14 rows), with a few more either side:
 * the rest of the page of rows is two spacers of their height, so a refresh redraws ~30 rows, not 200
 * (measured: with every row drawn, the table made ~500 DOM changes a second during a 500-task gather).
 */
export const ROW_PX = 26;
const OVERSCAN_ROWS = 8;

export interface RowWindow {
  /** the first row drawn, and one past the last */
  first: number;
  end: number;
  /** the spacers' heights, in px, for the rows not drawn above and below */
  padTop: number;
  padBottom: number;
}

export function rowWindow(total: number, scrollTop: number, viewportPx: number, rowPx = ROW_PX, overscan = OVERSCAN_ROWS): RowWindow {
  const n = Math.max(0, Math.floor(total));
  const height = Math.max(0, viewportPx);
  // a scroll position left from a longer table (its rows went) means the end of this one
  const top = Math.min(Math.max(0, scrollTop), Math.max(0, n * rowPx - height));
  const first = Math.max(0, Math.floor(top / rowPx) - overscan);
  const end = Math.min(n, Math.ceil((top + height) / rowPx) + overscan);
  return { first, end, padTop: first * rowPx, padBottom: (n - end) * rowPx };
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
