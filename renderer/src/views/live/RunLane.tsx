/**
 * One run, readable next to the others: its id and colour (the same colour as its chips on the
 * cores), what it is (mode · workload × units), progress, elapsed/remaining, what its units cost right
 * now and a Stop button; once it ends, its summary and a Dismiss button.
 */
import { useCanControl } from '../../hooks/use-access.js';
import { memo, useState, type CSSProperties } from 'react';
import { UNIT_STATES } from '../../../../contract/domain.js';
import { type CoreScopeApi } from '../../../../contract/methods.js';
import { formatBytes, formatMs, formatPct } from '../../../../lib/format.js';
import { laneDetail, laneStatus, laneTitle, progressOf, watchDetail, watchEndNotes, watchTitle } from '../../state/progress.js';
import { runColorVar } from '../../state/run-colors.js';
import type { RunTotals } from '../../state/run-totals.js';
import type { RunLane as Lane } from '../../state/runs.js';
import { ProgressBar } from '../ProgressBar.js';
import { RunSummaryView } from './RunSummaryView.js';

interface Props {
  lane: Lane;
  totals: RunTotals | undefined;
  now: number;
  api: CoreScopeApi;
  /** false while the link to the engine is down: the lane says so, and Stop waits */
  connected: boolean;
  onDismiss: (runId: string) => void;
}

/** Memoised: an ended lane (same lane object, no clock) is not drawn again with every frame of the live ones. */
export const RunLane = memo(function RunLane({ lane, totals, now, api, connected, onDismiss }: Props) {
  const [stopping, setStopping] = useState(false);
  const canControl = useCanControl();
  const [error, setError] = useState<string | null>(null);
  const ended = lane.endedAt !== null;
  const p = progressOf(lane, now);
  const watch = lane.watch;
  const title = watch ? watchTitle(watch) : laneTitle(lane.spec);
  const style = { '--lane': runColorVar(lane.color) } as CSSProperties;

  const stop = async () => {
    setStopping(true);
    setError(null);
    try {
      await api.stopRun(lane.runId);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setStopping(false);
    }
  };

  const states = UNIT_STATES.filter((s) => lane.counts[s]).map((s) => `${(lane.counts[s] as number).toLocaleString('en-US')} ${s}`);
  const status = laneStatus(lane, connected, stopping);
  const unsure = status === 'connection lost'; // neither progress nor figures can be told: say so instead
  const remaining =
    p.remainingMs === null ? '–' : p.remainingMs === 0 && !ended ? 'ending…' : `${p.estimated ? '≈ ' : ''}${formatMs(p.remainingMs)}`;

  return (
    <article className={ended ? 'lane lane-ended' : 'lane'} style={style} aria-labelledby={`lane-${lane.runId}`}>
      <header className="lane-head">
        <span className="lane-id">{lane.runId}</span>
        <div className="lane-titles">
          <h3 id={`lane-${lane.runId}`}>{title}</h3>
          <span className="lane-detail">{watch ? watchDetail(watch) : laneDetail(lane.spec)}</span>
        </div>
        <span className={`lane-status status-${unsure ? 'lost' : ended ? 'ended' : 'live'}`}>{status}</span>
      </header>
      {unsure && (
        <p className="lane-lost">
          {lane.lost ? 'The link to the engine dropped while this run went; the engine back now does not have it.' : 'Waiting for the engine: progress resumes when the page reconnects.'}
        </p>
      )}

      {/* a watched program has no known end: no progress to show */}
      {!watch && (
        <div className="lane-progress" hidden={unsure}>
          <ProgressBar
            fraction={p.fraction}
            color={lane.color}
            label={`Progress of run ${lane.runId} (${p.basis === 'time' ? 'by time' : 'by units ended'})`}
          />
          <span className="lane-pct">{formatPct(p.fraction * 100)}</span>
        </div>
      )}
      <div className="lane-times">
        <span>
          elapsed <b>{formatMs(p.elapsedMs)}</b>
        </span>
        {!ended && !watch && (
          <span>
            remaining <b>{remaining}</b>
          </span>
        )}
        {watch ? (
          <span>
            <b>{lane.summary ? lane.summary.units.toLocaleString('en-US') : (totals?.live ?? 0).toLocaleString('en-US')}</b> {lane.summary ? 'threads seen' : 'threads now'}
          </span>
        ) : (
          <span>
            <b>
              {lane.unitsEnded.toLocaleString('en-US')}/{lane.spec.units.toLocaleString('en-US')}
            </b>{' '}
            units ended
          </span>
        )}
      </div>

      {!ended && !unsure && (
        <div className="lane-figures">
          <div>
            <span className="fig-label">CPU</span>
            <span className="fig">{totals ? formatPct(totals.cpuPct) : '–'}</span>
            <span className="fig-note">{totals ? `≈ ${(totals.cpuPct / 100).toFixed(1)} cores` : 'of one core'}</span>
          </div>
          <div>
            <span className="fig-label">Memory</span>
            <span className="fig">{totals ? formatBytes(totals.bytes) : '–'}</span>
            <span className="fig-note">units’ total</span>
          </div>
          <div>
            <span className="fig-label">{watch ? 'Threads' : 'Live units'}</span>
            <span className="fig">{totals ? totals.live.toLocaleString('en-US') : '0'}</span>
            <span className="fig-note">{totals ? `on ${totals.cores} core${totals.cores === 1 ? '' : 's'}` : ''}</span>
          </div>
        </div>
      )}
      {!ended && states.length > 0 && <div className="lane-states">{states.join(' · ')}</div>}
      {lane.summary && <RunSummaryView summary={lane.summary} />}
      {lane.watchSummary && watchEndNotes(lane.watchSummary).length > 0 && (
        <ul className="lane-watch-notes">
          {watchEndNotes(lane.watchSummary).map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      {lane.crashes.length > 0 && (
        <ul className="lane-crashes" aria-label={`Units of run ${lane.runId} that failed or were killed`}>
          {lane.crashes.map((c) => (
            <li key={c.unitId} className={`state-${c.state}`}>
              unit {c.unitId} {c.state}: {c.reason}
            </li>
          ))}
        </ul>
      )}

      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="lane-actions">
        {ended ? (
          <button type="button" className="btn btn-small" aria-label={`Dismiss run ${lane.runId}`} onClick={() => onDismiss(lane.runId)}>
            Dismiss
          </button>
        ) : canControl && (
          <button type="button" className="btn btn-stop" aria-label={`Stop run ${lane.runId}`} disabled={stopping || !connected} onClick={stop}>
            Stop
          </button>
        )}
      </div>
    </article>
  );
});
