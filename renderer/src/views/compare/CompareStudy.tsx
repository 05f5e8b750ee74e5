/**
 * Compare: the same cpu work as 1 unit and as N units, in every mode, one leg after another. The form,
 * which leg is running, then speedup (with the ideal line), efficiency, wall and CPU time, memory per
 * unit and spawn latency per mode, as charts and as a table, and every leg's heat timeline.
 */
import { useCanControl, VIEW_ONLY_WORDS } from '../../hooks/use-access.js';
import { useRef, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, ErrorBar, LabelList, Legend, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { SystemInfo } from '../../../../contract/catalog.js';
import type { Runtime } from '../../../../contract/domain.js';
import { COMPARE_REPEAT } from '../../../../contract/limits.js';
import type { CoreScopeApi } from '../../../../contract/methods.js';
import type { CompareReport, Spread } from '../../../../contract/studies.js';
import { compareToCsv, toJson } from '../../../../lib/export.js';
import { formatBytes, formatMs } from '../../../../lib/format.js';
import type { StudyState } from '../../state/studies.js';
import { Field, describedBy } from '../Field.js';
import { CHART_H, MODE_COLOR, axisStyle, legLabel, tooltipStyle } from './charts.js';
import { LegHeatmaps } from './LegHeatmaps.js';
import { RuntimeField } from './RuntimeField.js';
import { machineLine } from '../../state/report.js';
import { SaveButtons } from './SaveButtons.js';

interface Props {
  api: CoreScopeApi;
  system: SystemInfo | null;
  study: StudyState<CompareReport>;
  /** another study (memory) is running: studies go one at a time */
  otherRunning: boolean;
}

/** Offer the runtime only where main found a python3. */
const hasPython = (system: SystemInfo | null): boolean => Boolean(system?.python);

function checkWhole(text: string, name: string, lo: number, hi: number): string | undefined {
  const v = Number(text);
  if (text.trim() === '' || !Number.isInteger(v) || v < lo || v > hi) return `${name} must be a whole number from ${lo} to ${hi}`;
  return undefined;
}

export function CompareStudy({ api, system, study, otherRunning }: Props) {
  const [units, setUnits] = useState(String(Math.min(4, system?.logicalCores ?? 2)));
  const [work, setWork] = useState('300');
  const [repeat, setRepeat] = useState(String(COMPARE_REPEAT.default));
  const [runtime, setRuntime] = useState<Runtime>('node');
  const [refused, setRefused] = useState<string | null>(null);
  const canControl = useCanControl();
  const chartsRef = useRef<HTMLDivElement>(null);
  const limits = system?.limits;
  const unitsError = checkWhole(units, 'units', limits?.units.min ?? 1, limits?.units.max ?? 256);
  const workError = checkWhole(work, 'work', limits?.work.min ?? 1, limits?.work.max ?? 100_000);
  const repeatError = checkWhole(repeat, 'rounds', COMPARE_REPEAT.min, COMPARE_REPEAT.max);
  const python = hasPython(system);
  const report = study.report;

  const run = () => {
    setRefused(null);
    api
      .runCompare({ units: Number(units), work: Number(work), repeat: Number(repeat), ...(python && runtime !== 'node' && { runtime }) })
      .catch((e: unknown) => setRefused(e instanceof Error ? e.message : String(e)));
  };

  return (
    <section className="panel compare-panel" aria-labelledby="compare-title">
      <div className="panel-head">
        <h2>
          <span id="compare-title">Compare modes</span>{' '}
          <span className="panel-sub">the same cpu work as 1 unit, then as N units: processes, threads, async tasks, one leg after another</span>
        </h2>
      </div>
      <form
        className="study-form"
        onSubmit={(e) => {
          e.preventDefault();
          run();
        }}
      >
        <Field id="cmp-units" label="Units (N)" hint={`each mode runs 1 unit, then N; ${system?.logicalCores ?? '?'} cores here`} error={unitsError}>
          <input id="cmp-units" type="number" min={1} value={units} onChange={(e) => setUnits(e.target.value)} {...describedBy('cmp-units', true, unitsError)} />
        </Field>
        <Field id="cmp-work" label="Total work (blocks)" hint="split over the N units; 300 ≈ 3 s on one core" error={workError}>
          <input id="cmp-work" type="number" min={1} value={work} onChange={(e) => setWork(e.target.value)} {...describedBy('cmp-work', true, workError)} />
        </Field>
        <Field id="cmp-repeat" label="Rounds" hint="every leg this many times, modes interleaved: the bars show min–max" error={repeatError}>
          <input id="cmp-repeat" type="number" min={COMPARE_REPEAT.min} max={COMPARE_REPEAT.max} value={repeat} onChange={(e) => setRepeat(e.target.value)} {...describedBy('cmp-repeat', true, repeatError)} />
        </Field>
        {python && <RuntimeField id="cmp-runtime" value={runtime} onChange={setRuntime} />}
        <div className="study-go">
          <button
            type="submit"
            className="btn btn-primary"
            disabled={study.running || otherRunning || !!unitsError || !!workError || !!repeatError || !canControl}
            title={canControl ? undefined : VIEW_ONLY_WORDS}
          >
            Run compare
          </button>
        </div>
      </form>
      <StudyProgress study={study} refused={refused} otherRunning={otherRunning} what="compare" />

      {!report && !study.running && (
        <div className="empty">
          Each mode runs the work as 1 unit, then split over N units, one leg after another so they never compete for cores. The cores
          on the right show each leg live; the speedups, times and every leg’s heat timeline appear here.
        </div>
      )}
      {report && (
        <div ref={chartsRef} className="study-results">
          <div className="study-charts">
            <div className="results-head">
              <h3>
                {report.workload} work {report.work} blocks · {report.units} units vs 1 · {report.logicalCores} cores · ideal speedup{' '}
                {Math.min(report.units, report.logicalCores)}× · median of {report.repeats} round{report.repeats > 1 ? 's' : ''}, bars min–max
              </h3>
              <SaveButtons
                api={api}
                name="compare"
                json={() => toJson(report)}
                csv={() => compareToCsv(report)}
                png={() => chartsRef.current}
                report={{
                  title: `CoreScope compare · ${report.workload} work ${report.work} blocks · ${report.units} units vs 1 · ${report.results[0]?.runtime ?? 'node'}`,
                  machine: machineLine(system),
                }}
              />
            </div>
            <OtherPrograms report={report} />
            <CompareCharts report={report} />
            {report.legs && report.legs.length > 0 && (
              <>
                <h3>Every leg as the cores saw it</h3>
                <LegHeatmaps legs={report.legs} />
              </>
            )}
          </div>
          <CompareTable report={report} />
        </div>
      )}
    </section>
  );
}

export function StudyProgress({
  study,
  refused,
  otherRunning,
  what,
}: {
  study: StudyState<unknown>;
  refused: string | null;
  otherRunning: boolean;
  what: string;
}) {
  const leg = study.leg;
  return (
    <div className="study-status" role="status" aria-live="polite">
      {refused && <div className="field-error">{refused}</div>}
      {study.error && <div className="field-error">The {what} failed: {study.error}</div>}
      {study.running && (
        <div className="study-leg">
          <progress max={leg?.legs ?? 1} value={leg ? leg.index : 0} />
          <span>
            {leg
              ? `Leg ${leg.index + 1} of ${leg.legs}: ${what === 'compare' ? legLabel(leg.mode, leg.units, leg.units === 1) : `${leg.mode}, ${leg.units} idle unit${leg.units > 1 ? 's' : ''}`}`
              : 'Starting…'}
          </span>
        </div>
      )}
      {!study.running && otherRunning && <div className="note">Another study is running; studies go one at a time so they don’t compete for cores.</div>}
    </div>
  );
}

function CompareCharts({ report }: { report: CompareReport }) {
  const ideal = Math.min(report.units, report.logicalCores);
  const data = report.results.map((r) => ({
    mode: r.mode,
    speedup: r.speedup,
    speedupErr: errorOf(r.speedupSpread),
    efficiency: Math.round(r.efficiency * 100),
    efficiencyErr: errorOf(r.efficiencySpread, 100),
    baseline: r.baselineWall.median / 1000,
    baselineErr: errorOf(r.baselineWall, 1 / 1000),
    wall: r.wall.median / 1000,
    wallErr: errorOf(r.wall, 1 / 1000),
    cpu: r.cpuMs / 1000,
  }));
  const most = Math.max(ideal, ...report.results.map((r) => r.speedupSpread.max)) * 1.15;
  const step = most <= 4 ? 0.5 : most <= 10 ? 1 : most <= 40 ? 5 : 10;
  const ticks = Array.from({ length: Math.ceil(most / step) + 1 }, (_, i) => i * step);
  const longest = Math.max(...report.results.flatMap((r) => [r.baselineWall.max / 1000, r.wall.max / 1000, r.cpuMs / 1000])) * 1.05;
  const sStep = longest <= 3 ? 0.5 : longest <= 10 ? 1 : longest <= 30 ? 5 : longest <= 120 ? 20 : 60;
  const secondTicks = Array.from({ length: Math.ceil(longest / sStep) + 1 }, (_, i) => i * sStep);
  return (
    <div className="chart-row">
      <figure className="chart">
        <figcaption>Speedup (1-unit wall ÷ {report.units}-unit wall), whiskers min–max; dashed: ideal, dotted: 1× = no gain</figcaption>
        <div role="img" aria-label={`Speedup chart: ${data.map((d) => `${d.mode} ${d.speedup.toFixed(2)}×`).join(', ')}; ideal ${ideal}×`}>
          <ResponsiveContainer width="100%" height={CHART_H}>
            <BarChart data={data} margin={{ top: 16, right: 58, bottom: 0, left: 0 }}>
              <CartesianGrid stroke="var(--grid)" strokeDasharray="2 4" vertical={false} />
              <XAxis dataKey="mode" tick={axisStyle} stroke="var(--border)" />
              <YAxis domain={[0, ticks[ticks.length - 1]]} ticks={ticks} tickFormatter={(v: number) => `${v}×`} tick={axisStyle} stroke="var(--border)" width={40} />
              <ReferenceLine
                y={ideal}
                stroke="var(--text)"
                strokeDasharray="5 3"
                label={{ value: `ideal ${ideal}×`, position: 'right', fill: 'var(--text)', fontSize: 11, fontWeight: 700 }}
              />
              <ReferenceLine y={1} stroke="var(--text-dim)" strokeDasharray="2 3" label={{ value: '1×', position: 'right', fill: 'var(--text-dim)', fontSize: 11 }} />
              <Tooltip isAnimationActive={false} contentStyle={tooltipStyle} formatter={(v) => [`${Number(v).toFixed(2)}×`, 'speedup']} cursor={{ fill: 'var(--grid)' }} />
              <Bar dataKey="speedup" isAnimationActive={false} maxBarSize={70}>
                {data.map((d) => (
                  <Cell key={d.mode} fill={MODE_COLOR[d.mode]} />
                ))}
                <ErrorBar dataKey="speedupErr" width={10} strokeWidth={1.5} stroke="var(--text)" direction="y" isAnimationActive={false} />
                <LabelList dataKey="speedup" position="insideTop" formatter={(v: unknown) => `${Number(v).toFixed(2)}×`} style={{ fontSize: 12, fontWeight: 700, fill: '#fff' }} />
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </div>
      </figure>
      <figure className="chart">
        <figcaption>Efficiency: speedup ÷ {ideal} (100% = every usable core busy)</figcaption>
        <div role="img" aria-label={`Efficiency chart: ${data.map((d) => `${d.mode} ${d.efficiency}%`).join(', ')}`}>
          <ResponsiveContainer width="100%" height={CHART_H}>
            <BarChart data={data} margin={{ top: 16, right: 16, bottom: 0, left: 0 }}>
              <CartesianGrid stroke="var(--grid)" strokeDasharray="2 4" vertical={false} />
              <XAxis dataKey="mode" tick={axisStyle} stroke="var(--border)" />
              <YAxis domain={[0, (max: number) => Math.max(100, Math.ceil(max / 10) * 10)]} tickFormatter={(v: number) => `${v}%`} tick={axisStyle} stroke="var(--border)" width={44} />
              <ReferenceLine y={100} stroke="var(--text)" strokeDasharray="5 3" />
              <Tooltip isAnimationActive={false} contentStyle={tooltipStyle} formatter={(v) => [`${Number(v)}%`, 'efficiency']} cursor={{ fill: 'var(--grid)' }} />
              <Bar dataKey="efficiency" isAnimationActive={false} maxBarSize={70}>
                {data.map((d) => (
                  <Cell key={d.mode} fill={MODE_COLOR[d.mode]} />
                ))}
                <ErrorBar dataKey="efficiencyErr" width={10} strokeWidth={1.5} stroke="var(--text)" direction="y" isAnimationActive={false} />
                <LabelList dataKey="efficiency" position="insideTop" formatter={(v: unknown) => `${Number(v)}%`} style={{ fontSize: 12, fontWeight: 700, fill: '#fff' }} />
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </div>
      </figure>
      <figure className="chart">
        <figcaption>Wall time (s, median, whiskers min–max) and CPU time of the median leg</figcaption>
        <div role="img" aria-label={`Wall time chart: ${data.map((d) => `${d.mode} ${d.baseline.toFixed(2)} s with 1 unit, ${d.wall.toFixed(2)} s with ${report.units}`).join('; ')}`}>
          <ResponsiveContainer width="100%" height={CHART_H}>
            <BarChart data={data} margin={{ top: 16, right: 16, bottom: 0, left: 0 }}>
              <CartesianGrid stroke="var(--grid)" strokeDasharray="2 4" vertical={false} />
              <XAxis dataKey="mode" tick={axisStyle} stroke="var(--border)" />
              <YAxis domain={[0, secondTicks[secondTicks.length - 1]]} ticks={secondTicks} tickFormatter={(v: number) => `${v} s`} tick={axisStyle} stroke="var(--border)" width={44} />
              <Tooltip isAnimationActive={false} contentStyle={tooltipStyle} formatter={(v, name) => [`${Number(v).toFixed(2)} s`, name]} cursor={{ fill: 'var(--grid)' }} />
              <Legend verticalAlign="top" height={36} itemSorter={null} wrapperStyle={{ fontSize: 11 }} />
              <Bar dataKey="baseline" name="wall, 1 unit" fill="var(--lvl-idle)" isAnimationActive={false}>
                <ErrorBar dataKey="baselineErr" width={6} strokeWidth={1.5} stroke="var(--text)" direction="y" isAnimationActive={false} />
              </Bar>
              <Bar dataKey="wall" name={`wall, ${report.units} units`} fill="var(--accent)" isAnimationActive={false}>
                <ErrorBar dataKey="wallErr" width={6} strokeWidth={1.5} stroke="var(--text)" direction="y" isAnimationActive={false} />
              </Bar>
              <Bar dataKey="cpu" name={`CPU, ${report.units} units`} fill="var(--cpu)" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      </figure>
    </div>
  );
}

function CompareTable({ report }: { report: CompareReport }) {
  return (
    <table className="study-table">
      <caption>
        Per mode, {report.units} units against its own 1-unit baseline: processes and threads can use every core; async tasks share one event
        loop, so they stay near 1×. Times, speedup and efficiency are the median of {report.repeats} rounds with their min–max; a speedup
        whose min–max reaches 1 is no measurable gain. CPU time, memory and spawn are the median leg’s. Memory per unit is {report.results[0]?.memory.measure.toUpperCase()}: for
        processes each unit’s own; for threads and async (host − idle host) ÷ N.
      </caption>
      <thead>
        <tr>
          <th scope="col">mode</th>
          <th scope="col">wall, 1 unit</th>
          <th scope="col">wall, {report.units} units</th>
          <th scope="col">speedup</th>
          <th scope="col">efficiency</th>
          <th scope="col">CPU time</th>
          <th scope="col">memory / unit</th>
          <th scope="col">spawn p50</th>
          <th scope="col">spawn max</th>
        </tr>
      </thead>
      <tbody>
        {report.results.map((r) => (
          <tr key={r.mode}>
            <th scope="row">
              <span className="mode-swatch" style={{ background: MODE_COLOR[r.mode] }} />
              {r.mode}
            </th>
            <td>
              {formatMs(r.baselineWall.median)} <span className="range">{msRange(r.baselineWall)}</span>
            </td>
            <td>
              {formatMs(r.wall.median)} <span className="range">{msRange(r.wall)}</span>
            </td>
            <td>
              <b data-testid={`speedup-${r.mode}`}>{r.speedup.toFixed(2)}</b>×{' '}
              <span className="range" data-testid={`speedup-range-${r.mode}`}>
                {r.speedupSpread.min.toFixed(2)}–{r.speedupSpread.max.toFixed(2)}
              </span>
              {r.verdict !== 'gain' && (
                <div className="verdict" data-testid={`verdict-${r.mode}`}>
                  {r.verdict}
                </div>
              )}
            </td>
            <td data-testid={`efficiency-${r.mode}`}>
              {Math.round(r.efficiency * 100)}% <span className="range">{Math.round(r.efficiencySpread.min * 100)}–{Math.round(r.efficiencySpread.max * 100)}</span>
            </td>
            <td>{formatMs(r.cpuMs)}</td>
            <td>{formatBytes(r.memory.perUnitBytes)}</td>
            <td>{formatMs(r.spawn.p50Ms)}</td>
            <td>{formatMs(r.spawn.maxMs)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Says so when other programs took cores during the legs: the figures are then the machine's too. */
function OtherPrograms({ report }: { report: CompareReport }) {
  const ran = Math.max(...report.results.map((m) => m.roundsRun));
  const other = Math.max(...report.results.map((m) => m.otherCores.median));
  if (ran <= report.repeats && other <= 0.1) return null;
  return (
    <p className="note" data-testid="other-programs">
      Other programs kept {other.toFixed(2)} cores busy during the kept rounds (median)
      {ran > report.repeats && `; ${ran} rounds ran and the quietest ${report.repeats} were kept`}.
    </p>
  );
}

/** recharts' ErrorBar takes [below, above] the bar's value. */
const errorOf = (s: Spread, scale = 1): [number, number] => [(s.median - s.min) * scale, (s.max - s.median) * scale];

const msRange = (s: Spread) => `${formatMs(s.min)}–${formatMs(s.max)}`;
