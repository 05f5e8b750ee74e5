/**
 * What an ended run did: wall time, CPU time, how many cores it kept busy (with a bar per core),
 * memory per unit with the measure it is in, spawn time and how its units ended. Speedup needs a
 * 1-unit baseline, which a single run doesn't have: it says so instead of inventing one.
 */
import type { RunSummary } from '../../../../contract/run-events.js';
import { formatBytes, formatMs, formatPct } from '../../../../lib/format.js';
import { busyLevel } from '../../state/heat.js';

const MEASURE_WORDS = {
  uss: 'USS: the pages only this unit uses',
  pss: 'PSS: private pages plus a fair share of shared ones',
  rss: 'RSS: every resident page, shared ones counted in full',
} as const;

export function RunSummaryView({ summary }: { summary: RunSummary }) {
  const busy = summary.cores.busyPct;
  const coresBusy = busy.reduce((a, b) => a + b, 0) / 100;
  const outcomes = new Map<string, number>();
  for (const u of summary.unitResults) outcomes.set(u.state, (outcomes.get(u.state) ?? 0) + 1);
  // processes are measured one by one; threads and async tasks share a host, so each gets an equal share of its growth
  const perUnitHow = summary.mode === 'process' ? 'each process' : `host growth ÷ ${summary.units.toLocaleString('en-US')}`;
  return (
    <dl className="summary">
      <div>
        <dt>wall</dt>
        <dd>{formatMs(summary.wallMs)}</dd>
      </div>
      <div>
        <dt>CPU time</dt>
        <dd>{formatMs(summary.cpuMs)}</dd>
      </div>
      <div>
        <dt>speedup</dt>
        <dd title="speedup = wall time of a 1-unit baseline ÷ this wall time; `corescope compare` measures it">n/a (no baseline)</dd>
      </div>
      <div>
        <dt>cores busy</dt>
        <dd>
          {coresBusy.toFixed(1)} of {summary.cores.count}
          {busy.length > 0 && busy.length <= 64 && (
            <span className="core-bars" aria-label={busy.map((b, i) => `cpu ${i} ${formatPct(b)}`).join(', ')}>
              {busy.map((b, i) => (
                <span key={i} className={`core-bar lvl-${busyLevel(b)}`} style={{ height: `${Math.max(2, b)}%` }} title={`cpu ${i}: ${formatPct(b)}`} />
              ))}
            </span>
          )}
        </dd>
      </div>
      <div>
        <dt>memory per unit</dt>
        <dd title={MEASURE_WORDS[summary.memory.measure]}>
          {formatBytes(summary.memory.perUnitBytes)}
          <span className="measure">
            {summary.memory.measure.toUpperCase()} · {perUnitHow}
          </span>
        </dd>
      </div>
      <div>
        <dt>spawn p50 / max</dt>
        <dd>
          {formatMs(summary.spawn.p50Ms)} / {formatMs(summary.spawn.maxMs)}
        </dd>
      </div>
      <div className="summary-wide">
        <dt>units</dt>
        <dd>{[...outcomes].map(([state, n]) => `${n.toLocaleString('en-US')} ${state}`).join(' · ') || '–'}</dd>
      </div>
    </dl>
  );
}
