/**
 * The gil scenario side by side: the threads leg on the left, the processes leg on the right (and the
 * free-threaded leg after it, when one ran), the core grid between them. Each lane shows its units'
 * state and how many cores the leg keeps busy: live from the snapshots while it runs, the leg's own
 * figure once the run has ended — drawn as boxes of one core each, so "threads fill one core,
 * processes fill two" reads at a glance.
 */
import { useRef, type ReactNode } from 'react';
import { useFrame } from '../../hooks/use-frame.js';
import { LegMeter, coreCells, formatCores, gilLegsOf, legNow, type GilLeg, type LegNow } from '../../state/gil-lanes.js';
import type { LiveStore } from '../../state/live-store.js';
import type { ScenarioRun } from '../../state/scenario-runs.js';
import { formatSeconds, stateClass } from '../../state/scenario-timeline.js';
import { SECTION_GAP_MS } from '../draw-rates.js';

interface Props {
  run: ScenarioRun;
  store: LiveStore;
  paused: boolean;
  /** the core grid (CoreSection), drawn between the lanes */
  cores: ReactNode;
  engineNow: number;
}

export function GilStage({ run, store, paused, cores, engineNow }: Props) {
  const frame = useFrame(store, SECTION_GAP_MS, { paused });
  const meter = useRef(new LegMeter()).current;
  const legs = gilLegsOf(run);
  const legMs = (run.result?.outcome as { legMs?: number } | null)?.legMs ?? null;
  const nowMs = Math.max(0, engineNow - run.t0);
  const cells = Math.max(2, ...legs.map((l) => l.units.length));

  const lane = (leg: GilLeg) => {
    const now = legNow(frame.latest, run.runId, leg);
    // a snapshot is counted once whatever the redraws (its t is the key)
    if (now && frame.latest) meter.add(leg.key, frame.latest.t, now.busyCores);
    return <GilLane key={leg.key} leg={leg} now={now} soFar={meter.mean(leg.key)} cells={cells} legMs={legMs} nowMs={nowMs} ended={run.endedAt !== null} />;
  };

  return (
    <div className={`gil-stage gil-stage-${legs.length}`} aria-label="threads and processes side by side">
      {lane(legs[0])}
      <div className="gil-cores">{cores}</div>
      {legs.slice(1).map(lane)}
    </div>
  );
}

interface LaneProps {
  leg: GilLeg;
  now: LegNow | null;
  soFar: number | null;
  cells: number;
  legMs: number | null;
  nowMs: number;
  ended: boolean;
}

function GilLane({ leg, now, soFar, cells, legMs, nowMs, ended }: LaneProps) {
  // the outcome's figure once there is one; while the leg runs, its units' CPU now
  const figure = leg.busyCores ?? (leg.phase === 'running' ? (now?.busyCores ?? null) : soFar);
  const note =
    leg.busyCores !== null
      ? `cores busy, mean over the ${legMs === null ? '' : `${formatSeconds(legMs)} `}leg${leg.busySpread ? ` · ${leg.busySpread.min.toFixed(2)}–${leg.busySpread.max.toFixed(2)} per half second` : ''}`
      : leg.phase === 'running'
        ? `cores busy now${soFar === null ? '' : ` · mean so far ${soFar.toFixed(2)}`}`
        : leg.phase === 'done'
          ? ended
            ? 'stopped before it could say'
            : 'cores busy (mean so far); the leg’s own figure comes at the end'
          : 'runs when the threads are done';
  const phase =
    leg.phase === 'running' && leg.startMs !== null
      ? `running · ${formatSeconds(Math.floor(Math.max(0, nowMs - leg.startMs) / 100) * 100)}${legMs === null ? '' : ` of ${formatSeconds(legMs)}`}`
      : leg.phase === 'done' && leg.startMs !== null && leg.endMs !== null
        ? `ran ${formatSeconds(leg.endMs - leg.startMs)}`
        : leg.phase;
  const fill = coreCells(figure ?? 0, cells);

  return (
    <section
      className={`panel gil-lane gil-${leg.key} gil-phase-${leg.phase}`}
      aria-label={leg.title}
      data-leg={leg.key}
      data-phase={leg.phase}
      data-busy-cores={leg.busyCores === null ? undefined : leg.busyCores.toFixed(2)}
    >
      <div className="gil-head">
        <h3 className="gil-title">{leg.title}</h3>
        <span className={`gil-phase-tag gil-tag-${leg.phase}`}>{phase}</span>
      </div>
      <p className="gil-words">{leg.words}</p>

      <div className="gil-figure">
        <b className="gil-value">{figure === null ? '–' : figure.toFixed(2)}</b>
        <span className="gil-value-unit">{figure === null ? '' : formatCores(figure).split(' ')[1]}</span>
      </div>
      <p className="gil-note">{note}</p>

      <div className="gil-cells" role="img" aria-label={`${figure === null ? 'no figure yet' : formatCores(figure)} of ${cells} cores`}>
        {fill.map((f, i) => (
          <div key={i} className="gil-cell">
            <div className="gil-fill" style={{ width: `${Math.round(f * 100)}%` }} />
            <span className="gil-cell-label">{i === 0 ? '1 core' : `${i + 1} cores`}</span>
          </div>
        ))}
      </div>
      <p className="gil-scale">one box per core’s worth of CPU time</p>

      {leg.units.length > 0 && (
        <ul className="gil-units" aria-label={`units of ${leg.title}`}>
          {leg.units.map((u) => {
            const live = now?.perUnit.get(u.unitId);
            return (
              <li key={u.unitId} className="gil-unit" data-unit={u.name} data-state={u.state}>
                <span className={`gil-dot st-${stateClass(u.state)}`} aria-hidden="true" />
                <span className="gil-unit-name">{u.name}</span>
                <span className="gil-unit-state">{u.state}</span>
                <span className="gil-unit-cpu">
                  {live ? `${Math.round(live.cpuPct)} %${live.core === null ? '' : ` · core ${live.core}`}` : ''}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
