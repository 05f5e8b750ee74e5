/**
 * A run that was already going when this page opened: the page never saw it start, so it knows only
 * what the snapshots say (its live units and what they cost) — enough to see it and to stop it. Its
 * full lane appears when it ends (the summary names its mode and workload).
 */
import { useCanControl } from '../../hooks/use-access.js';
import { useState, type CSSProperties } from 'react';
import type { CoreScopeApi } from '../../../../contract/methods.js';
import { formatBytes, formatPct } from '../../../../lib/format.js';
import { runColorVar } from '../../state/run-colors.js';
import type { RunTotals } from '../../state/run-totals.js';

interface Props {
  runId: string;
  color: number;
  totals: RunTotals;
  api: CoreScopeApi;
}

export function UnknownRun({ runId, color, totals, api }: Props) {
  const [stopping, setStopping] = useState(false);
  const canControl = useCanControl();
  const [error, setError] = useState<string | null>(null);
  const stop = async () => {
    setStopping(true);
    setError(null);
    try {
      await api.stopRun(runId);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setStopping(false);
    }
  };
  return (
    <article className="lane lane-unknown" style={{ '--lane': runColorVar(color) } as CSSProperties} aria-labelledby={`lane-${runId}`}>
      <header className="lane-head">
        <span className="lane-id">{runId}</span>
        <div className="lane-titles">
          <h3 id={`lane-${runId}`}>started before this page opened</h3>
          <span className="lane-detail">mode and workload show when it ends</span>
        </div>
        <span className="lane-status status-live">{stopping ? 'stopping…' : 'running'}</span>
      </header>
      <div className="lane-figures">
        <div>
          <span className="fig-label">CPU</span>
          <span className="fig">{formatPct(totals.cpuPct)}</span>
          <span className="fig-note">≈ {(totals.cpuPct / 100).toFixed(1)} cores</span>
        </div>
        <div>
          <span className="fig-label">Memory</span>
          <span className="fig">{formatBytes(totals.bytes)}</span>
          <span className="fig-note">units’ total</span>
        </div>
        <div>
          <span className="fig-label">Live units</span>
          <span className="fig">{totals.live.toLocaleString('en-US')}</span>
          <span className="fig-note">
            on {totals.cores} core{totals.cores === 1 ? '' : 's'}
          </span>
        </div>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {canControl && <div className="lane-actions">
        <button type="button" className="btn btn-stop" aria-label={`Stop run ${runId}`} disabled={stopping} onClick={stop}>
          Stop
        </button>
      </div>}
    </article>
  );
}
