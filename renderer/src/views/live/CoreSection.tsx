/**
 * The per-core panel: the cards (≤ 32 cores) or the heat strip (more), each drawing the load from the
 * store at ≤ 5 Hz whatever the sampling rate, frozen while paused, over the chosen stretch of history.
 */
import { useCallback, useSyncExternalStore } from 'react';
import { useFrame } from '../../hooks/use-frame.js';
import type { LiveStore } from '../../state/live-store.js';
import { BUSY_LEGEND } from '../../state/heat.js';
import { colorOf } from '../../state/runs.js';
import { scrollBack, viewRange, type ViewWindow } from '../../state/view-span.js';
import { CoreCards } from './CoreCards.js';
import { HeatStrip } from './HeatStrip.js';
import { HistoryControl } from './HistoryControl.js';
import { SECTION_GAP_MS } from '../draw-rates.js';

/** Above this many cores, cards get too small to read: switch to the heat strip. */
const MAX_CARDS = 32;

interface Props {
  store: LiveStore;
  paused: boolean;
  view: ViewWindow;
  onView: (v: ViewWindow) => void;
  logicalCores: number | null;
}

export function CoreSection({ store, paused, view, onView, logicalCores }: Props) {
  // which units sit on which core changes less often than the load: chips (and the slider) at ≤ 2 Hz
  const frame = useFrame(store, SECTION_GAP_MS, { paused });
  // the chips' colours change only when a run starts or goes, not with its units' states
  const shape = useSyncExternalStore(store.subscribeShape, store.getShape);
  const runColor = useCallback((runId: string) => colorOf(shape, runId), [shape]);
  const ring = store.cores;
  const range = viewRange(view, ring?.oldestT ?? null, frame.latest?.t ?? null, store.engineNow(frame.at));
  const cores = ring?.channels ?? logicalCores ?? 0;
  // units have no history here: their chips show only while the view is live
  const units = range.live ? frame.latest : null;

  return (
    // data-newest-t: the newest sample drawn, so a test can see the charts move again after a reconnect
    <section className="panel cores-panel" aria-labelledby="cores-title" data-newest-t={frame.latest?.t}>
      <div className="panel-head">
        <h2>
          <span id="cores-title">Cores</span> <span className="panel-sub">{cores ? `${cores} logical · busy % per core, ${range.live ? 'last' : 'window of'} ${view.spanMs / 1000} s` : ''}</span>
        </h2>
        <HistoryControl
          view={view}
          range={range}
          onSpan={(spanMs) => onView({ ...view, spanMs })}
          onScroll={(ago) => onView(scrollBack(view, ago, frame.latest?.t ?? null))}
        />
      </div>
      <ul className="load-legend" aria-label="card colours: how busy a core is">
        {BUSY_LEGEND.map((l) => (
          <li key={l.level}>
            <span className={`load-swatch lvl-${l.level}`} aria-hidden="true" />
            {l.words}
          </li>
        ))}
      </ul>
      {paused && <div className="paused-note">Paused: the charts hold still; sampling goes on.</div>}
      {!ring ? (
        <div className="empty">Waiting for the first sample…</div>
      ) : cores > MAX_CARDS ? (
        <HeatStrip store={store} ring={ring} view={view} paused={paused} unitsSnapshot={units} colorOf={runColor} />
      ) : (
        <CoreCards store={store} ring={ring} view={view} paused={paused} unitsSnapshot={units} colorOf={runColor} />
      )}
      {ring && !range.live && <div className="note">Unit chips show only when live: units have no history here.</div>}
    </section>
  );
}
