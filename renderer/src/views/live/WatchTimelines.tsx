/**
 * Each watched program's threads over time, under the unit table: one lane per thread (a process's
 * main thread, then its other threads), coloured by the kernel's state — running, sleeping, disk wait,
 * stopped, zombie — and a mark where a thread ended. Drawn by the scenarios' TimelineChart from what
 * WatchStore collected; redrawn with the lanes' clock.
 */
import { useMemo, useSyncExternalStore } from 'react';
import { useFrame } from '../../hooks/use-frame.js';
import type { LiveStore } from '../../state/live-store.js';
import type { WatchStore } from '../../state/watch-store.js';
import { THREAD_LEGEND, watchLanes, type ThreadState, type WatchRun } from '../../state/watch-threads.js';
import { LANE_GAP_MS } from '../draw-rates.js';
import { TimelineChart } from '../TimelineChart.js';

const FINALS: ReadonlySet<ThreadState> = new Set(['ended']);
const LABEL_W = 170;

export function WatchTimelines({ store, watches }: { store: LiveStore; watches: WatchStore }) {
  const state = useSyncExternalStore(watches.subscribe, watches.get);
  const anyLive = state.runs.some((r) => r.endedAt === null);
  const frame = useFrame(store, LANE_GAP_MS, { tick: anyLive });
  const now = store.engineNow(frame.at);
  if (!state.runs.length) return null;
  return (
    <section className="panel watch-timelines" aria-labelledby="watch-timelines-title">
      <div className="panel-head">
        <h2>
          <span id="watch-timelines-title">Watched threads</span> <span className="panel-sub">one lane per thread, coloured by its state as the kernel tells it</span>
        </h2>
      </div>
      {[...state.runs].reverse().map((run) => (
        <WatchTimeline key={run.runId} run={run} now={now} />
      ))}
    </section>
  );
}

function WatchTimeline({ run, now }: { run: WatchRun; now: number }) {
  const live = run.endedAt === null;
  const spanMs = Math.max(1, (run.endedAt ?? now) - run.t0);
  const lanes = useMemo(() => watchLanes(run, spanMs), [run, spanMs]);
  return (
    <div className="watch-timeline">
      <h3 className="watch-timeline-title">
        {run.runId} · {run.info.command} <span className="panel-sub">pid {run.info.rootPid}{live ? '' : ' · ended'}</span>
      </h3>
      {lanes.length === 0 ? (
        <p className="empty">No thread sampled yet.</p>
      ) : (
        <TimelineChart
          runId={run.runId}
          lanes={lanes}
          spanMs={spanMs}
          live={live}
          finals={FINALS}
          legend={THREAD_LEGEND}
          what="thread"
          axisWords="time: seconds since the watch began"
          labelWidth={LABEL_W}
        />
      )}
      {run.threadsLeftOut > 0 && <p className="tl-rest">{run.threadsLeftOut.toLocaleString('en-US')} more threads not drawn</p>}
    </div>
  );
}

