/**
 * The runs, side by side: a lane per run in start order. A lane shows the moment its run starts and
 * ends the moment it ends (the store's shape); its figures, unit counts and clocks refresh twice a
 * second, read from the store at that rate: a 10,000-task run's events in batches every 30 ms never
 * redraw the lanes by themselves. An ended lane is drawn again only when it changes.
 */
import { useCallback, useEffect, useMemo, useSyncExternalStore } from 'react';
import type { CoreScopeApi } from '../../../../contract/methods.js';
import { useFrame } from '../../hooks/use-frame.js';
import type { LiveStore } from '../../state/live-store.js';
import { runTotals } from '../../state/run-totals.js';
import { colorOf, isActive, type RunLane as RunLaneState } from '../../state/runs.js';
import { LANE_GAP_MS } from '../draw-rates.js';
import { RunLane } from './RunLane.js';
import { UnknownRun } from './UnknownRun.js';

/** "2 going · 1 ended": runs this page didn't see start count as going. */
function laneCounts(lanes: readonly RunLaneState[], unknown: number): string {
  const going = lanes.filter(isActive).length + unknown;
  const ended = lanes.filter((l) => !isActive(l)).length;
  return [going ? `${going} going` : '', ended ? `${ended} ended` : ''].filter(Boolean).join(' · ');
}

interface Props {
  store: LiveStore;
  api: CoreScopeApi;
  /** false once the link to the engine is gone: the lanes stop ticking (nobody knows what the runs do now) */
  connected: boolean;
}

export function RunLanes({ store, api, connected }: Props) {
  const shape = useSyncExternalStore(store.subscribeShape, store.getShape);
  const anyActive = shape.lanes.some(isActive);
  // clocks tick between samples while a run goes; otherwise only new snapshots matter
  const frame = useFrame(store, LANE_GAP_MS, { tick: anyActive, paused: !connected });
  // the units' states as of now: this renders on a frame or when a lane starts or ends, not per event
  const runs = store.getRuns();
  const onDismiss = useCallback((id: string) => store.dismiss(id), [store]);
  const totals = useMemo(() => runTotals(frame.latest?.runs ?? []), [frame.latest]);
  const now = store.engineNow(frame.at);
  // runs whose units the snapshots show but whose start this page never saw (it opened mid-run)
  const unknown = [...totals].filter(([id, t]) => t.live > 0 && !runs.lanes.some((l) => l.runId === id));

  // ended lanes leave on their own after a while
  useEffect(() => {
    const id = window.setInterval(() => store.prune(), 5000);
    return () => window.clearInterval(id);
  }, [store]);

  return (
    <section className="panel runs-panel" aria-labelledby="runs-title">
      <div className="panel-head">
        <h2>
          <span id="runs-title">Runs</span> <span className="panel-sub">{laneCounts(runs.lanes, unknown.length)}</span>
        </h2>
      </div>
      {runs.lanes.length === 0 && unknown.length === 0 ? (
        <div className="empty">No runs yet. Pick a mode and a workload, then press Run; start two or three in different modes to compare them side by side.</div>
      ) : (
        <div className="lanes">
          {runs.lanes.map((lane) => (
            // an ended lane shows its summary, not the clock or the live figures: it is drawn again only when it changes
            <RunLane key={lane.runId} lane={lane} totals={isActive(lane) ? totals.get(lane.runId) : undefined} now={isActive(lane) ? now : 0} api={api} connected={connected} onDismiss={onDismiss} />
          ))}
          {unknown.map(([id, t]) => (
            <UnknownRun key={id} runId={id} color={colorOf(runs, id)} totals={t} api={api} />
          ))}
        </div>
      )}
    </section>
  );
}
