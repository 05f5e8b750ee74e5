/**
 * Every live unit: pid, tid, mode, state, core, CPU % (of one core) and memory, sortable by clicking
 * a header, refreshed twice a second, MAX_ROWS rows a page of which only those in the scroll box are
 * drawn (rowWindow; the rest are spacers), each row drawn again only when it changes. When the snapshot lists every live unit
 * the table sorts them itself; when there are more (an async run's 100,000 tasks: a snapshot lists
 * only the busiest few hundred) it asks the engine for the page it shows (the `units` method).
 */
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore, type CSSProperties } from 'react';
import type { CoreScopeApi } from '../../../../contract/methods.js';
import type { UnitsPage } from '../../../../contract/snapshot.js';
import { formatBytes } from '../../../../lib/format.js';
import { useFrame } from '../../hooks/use-frame.js';
import type { LiveStore } from '../../state/live-store.js';
import { runColorVar } from '../../state/run-colors.js';
import { colorOf } from '../../state/runs.js';
import { DEFAULT_SORT, MAX_ROWS, ROW_PX, endedTable, liveAndEndedRows, rowWindow, stateWords, tableRows, toggleSort, type Sort, type SortKey, type TableRow } from '../../state/units-table.js';
import { TABLE_GAP_MS } from '../draw-rates.js';
import { stateClass } from '../../state/scenario-timeline.js';
import { threadStateOf } from '../../state/watch-threads.js';


const COLUMNS: Array<{ key: SortKey; label: string; numeric?: boolean; title?: string }> = [
  { key: 'run', label: 'Run ID' }, // not just "Run": that name belongs to the launcher's button
  { key: 'unit', label: 'Unit', numeric: true, title: 'the unit’s number in its run; a watched program’s process or thread name, its threads under it' },
  { key: 'pid', label: 'PID', numeric: true },
  { key: 'tid', label: 'TID', numeric: true, title: 'OS thread id (worker threads); async tasks share their host’s' },
  { key: 'mode', label: 'Mode' },
  { key: 'state', label: 'State' },
  { key: 'core', label: 'Core', numeric: true, title: 'the logical core the unit last ran on' },
  { key: 'cpuPct', label: 'CPU %', numeric: true, title: '% of one core: 100 = one full core' },
  { key: 'bytes', label: 'Memory', numeric: true, title: 'processes: their own PSS; threads and async: share of the host’s growth' },
];

export function UnitsTable({ store, api }: { store: LiveStore; api: Pick<CoreScopeApi, 'units'> }) {
  const frame = useFrame(store, TABLE_GAP_MS);
  // the runs' modes, workloads, colours and summaries: they change when a run starts or ends, not per unit event
  const runs = useSyncExternalStore(store.subscribeShape, store.getShape);
  const [sort, setSort] = useState<Sort>(DEFAULT_SORT);
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<UnitsPage | null>(null);
  const live = frame.latest ? liveUnits(frame.latest) : 0;
  const paged = !!frame.latest && live > frame.latest.units.length;
  const at = Math.min(offset, Math.max(0, live - 1) - (Math.max(0, live - 1) % MAX_ROWS));
  useEffect(() => {
    if (!paged) return setPage(null);
    let current = true;
    api
      .units({ offset: at, limit: MAX_ROWS, sort: sort.key, dir: sort.dir })
      .then((p) => current && setPage(p))
      .catch(() => undefined); // the next frame asks again
    return () => {
      current = false;
    };
  }, [api, paged, at, sort, frame.latest]);
  const modeOf = useCallback((runId: string) => runs.lanes.find((l) => l.runId === runId)?.spec.mode ?? null, [runs]);
  // sorted when a run ends or the sort changes: an ended 100,000-task run is 100,000 rows
  const ended = useMemo(() => endedTable(runs.lanes.flatMap((l) => (l.summary ? [l.summary] : [])), modeOf, sort), [runs, modeOf, sort]);
  const table = useMemo(() => {
    if (paged) {
      const rows = tableRows(page?.rows ?? [], modeOf, sort, MAX_ROWS).rows;
      return { rows, hidden: Math.max(0, live - rows.length), total: live, ended: 0 };
    }
    return liveAndEndedRows(frame.latest?.units ?? [], ended, modeOf, sort, MAX_ROWS);
  }, [frame.latest, modeOf, ended, sort, paged, page, live]);
  // only the rows in the scroll box (and a few either side) are drawn; the row index at its top is kept
  const wrap = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 380 });
  const onScroll = useCallback(() => {
    const el = wrap.current;
    if (!el) return;
    // kept in whole rows: scrolling within a row draws nothing again
    const top = Math.floor(el.scrollTop / ROW_PX) * ROW_PX;
    // the box's full height (its CSS max-height), not what an empty table makes it now: rows fill it later
    const height = parseFloat(getComputedStyle(el).maxHeight) || el.clientHeight;
    setView((v) => (v.top === top && v.height === height ? v : { top, height }));
  }, []);
  useLayoutEffect(onScroll, [onScroll]);
  const win = rowWindow(table.rows.length, view.top, view.height);

  return (
    <section className="panel units-panel" aria-labelledby="units-title">
      <div className="panel-head">
        <h2>
          <span id="units-title">Unit table</span> <span className="panel-sub">
            {(table.total - table.ended).toLocaleString('en-US')} live
            {table.ended > 0 && ` · ${table.ended.toLocaleString('en-US')} of ended runs (kept until their run is dismissed)`}
          </span>
        </h2>
      </div>
      <div className="table-wrap" ref={wrap} onScroll={onScroll}>
        <table className="units" style={{ '--row-h': `${ROW_PX}px` } as CSSProperties}>
          <colgroup>
            {COLUMNS.map((c) => (
              <col key={c.key} className={`c-${c.key}`} />
            ))}
          </colgroup>
          <thead>
            <tr>
              {COLUMNS.map((c) => {
                const active = sort.key === c.key;
                return (
                  <th key={c.key} className={c.numeric ? 'num' : undefined} aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'} title={c.title}>
                    <button type="button" className="th-btn" onClick={() => setSort((s) => toggleSort(s, c.key))}>
                      {c.label}
                      <span className="sort-mark" aria-hidden="true">
                        {active ? (sort.dir === 'asc' ? '▲' : '▼') : ''}
                      </span>
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {win.padTop > 0 && <tr className="row-pad" aria-hidden="true" style={{ height: win.padTop }} />}
            {table.rows.slice(win.first, win.end).map((u) => (
              <UnitRowView key={`${u.runId}/${u.unitId}`} u={u} color={colorOf(runs, u.runId)} workload={runs.lanes.find((l) => l.runId === u.runId)?.spec.workload} />
            ))}
            {win.padBottom > 0 && <tr className="row-pad" aria-hidden="true" style={{ height: win.padBottom }} />}
            {table.total === 0 && (
              <tr>
                <td colSpan={COLUMNS.length} className="empty-row">
                  No live units. Units appear here while a run goes.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {paged ? (
        <div className="more-rows">
          <button type="button" className="th-btn" disabled={at === 0} onClick={() => setOffset(Math.max(0, at - MAX_ROWS))}>
            ‹ previous
          </button>{' '}
          rows {(at + 1).toLocaleString('en-US')}–{Math.min(live, at + MAX_ROWS).toLocaleString('en-US')} of {live.toLocaleString('en-US')}{' '}
          <button type="button" className="th-btn" disabled={at + MAX_ROWS >= live} onClick={() => setOffset(at + MAX_ROWS)}>
            next ›
          </button>
        </div>
      ) : (
        table.hidden > 0 && <div className="more-rows">… and {table.hidden.toLocaleString('en-US')} more</div>
      )}
    </section>
  );
}

/**
 * One row, drawn again only when what it shows changes: an ended unit's row (a gather's 500 tasks once
 * they are done) or an idle task's stays as it is while the table refreshes around it.
 */
const UnitRowView = memo(
  function UnitRowView({ u, color, workload }: { u: TableRow; color: number; workload: string | undefined }) {
    return (
      <tr className={u.ended ? 'row-ended' : undefined}>
        <td>
          <span className="run-dot" style={{ '--lane': runColorVar(color) } as CSSProperties} />
          {u.runId}
        </td>
        {u.watch ? (
          <td className={u.depth === 1 ? 'unit-thread' : undefined} title={u.depth === 1 ? `thread ${u.tid} of process ${u.pid}` : `process ${u.pid}, parent ${u.watch.ppid}`}>
            {u.depth === 1 ? '↳ ' : ''}
            {u.watch.name}
          </td>
        ) : (
          <td className="num">{u.unitId}</td>
        )}
        <td className="num">{u.pid}</td>
        <td className="num">{u.tid ?? 'n/a'}</td>
        <td>{u.watch ? 'watch' : (u.mode ?? '–')}</td>
        {u.watch ? (
          <td className={`state st-text-${stateClass(threadStateOf(u.watch.os))}`}>{threadStateOf(u.watch.os)}</td>
        ) : (
          <td className={`state state-${u.state.replace(/[()]/g, '-')}`}>{stateWords(u.state, workload)}</td>
        )}
        <td className="num">{u.core ?? 'n/a'}</td>
        <td className="num">{u.ended ? '–' : u.cpuPct.toFixed(1)}</td>
        <td className="num">{formatBytes(u.bytes)}</td>
      </tr>
    );
  },
  (a, b) => a.color === b.color && a.workload === b.workload && sameRow(a.u, b.u),
);

/** What a row draws, compared field by field (each refresh builds new row objects). */
function sameRow(a: TableRow, b: TableRow): boolean {
  return (
    a.runId === b.runId &&
    a.unitId === b.unitId &&
    a.pid === b.pid &&
    a.tid === b.tid &&
    a.mode === b.mode &&
    a.state === b.state &&
    a.core === b.core &&
    a.cpuPct === b.cpuPct &&
    a.bytes === b.bytes &&
    a.ended === b.ended &&
    a.depth === b.depth &&
    a.watch?.name === b.watch?.name &&
    a.watch?.os === b.watch?.os &&
    a.watch?.ppid === b.watch?.ppid
  );
}

/** Every live unit the snapshot's runs hold (the snapshot lists only some of them). */
const liveUnits = (s: { runs: ReadonlyArray<{ live: number }> }) => s.runs.reduce((n, r) => n + r.live, 0);
