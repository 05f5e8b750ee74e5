/**
 * Memory cost: each mode's total memory with N idle units, for several N, and a least-squares line
 * through the points: the slope is what one more unit costs (bytesPerUnit), the intercept what the mode
 * costs before any unit (baseBytes). The measure (PSS, USS or RSS) is named everywhere it is shown.
 * An async task costs less than a page, so async legs run ASYNC_TASKS_PER_STEP tasks per step of N (said on the chart).
 */
import { useCanControl, VIEW_ONLY_WORDS } from '../../hooks/use-access.js';
import { useRef, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, LabelList, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { MEMORY_MEASURES_ALL, type MemoryMeasure, type Mode, type Runtime } from '../../../../contract/domain.js';
import { ASYNC_TASKS_PER_STEP, MEMORY_STUDY_LIMITS } from '../../../../contract/limits.js';
import { type CoreScopeApi } from '../../../../contract/methods.js';
import { refusalOf } from '../../../../contract/refusal.js';
import { MemoryCostSpecSchema } from '../../../../contract/schemas.js';
import { type MemoryCostReport } from '../../../../contract/studies.js';
import { parseCountList } from '../../../../lib/count-list.js';
import { memoryToCsv, toJson } from '../../../../lib/export.js';
import { formatBytes } from '../../../../lib/format.js';
import type { StudyState } from '../../state/studies.js';
import { Field, describedBy } from '../Field.js';
import { CHART_H, MODE_COLOR, axisStyle, tooltipStyle } from './charts.js';
import { StudyProgress } from './CompareStudy.js';
import { RuntimeField } from './RuntimeField.js';
import { SaveButtons } from './SaveButtons.js';

interface Props {
  api: CoreScopeApi;
  study: StudyState<MemoryCostReport>;
  otherRunning: boolean;
  /** the measures the engine's readers can read (the proc readers: all three; portable: rss); null while unknown */
  measures: readonly MemoryMeasure[] | null;
  /** main found a python3: offer the Python runtime too */
  python: boolean;
}

const MEASURE_WORDS: Record<MemoryMeasure, string> = {
  pss: 'PSS: own pages + a fair share of shared ones',
  uss: 'USS: pages only this process has',
  rss: 'RSS: every resident page, shared ones counted in full',
};

/** The counts as typed, judged by the contract's own schema: the reasons the CLI and the engine give. */
function unitsOf(text: string): number[] | string {
  const units = parseCountList(text);
  const judged = MemoryCostSpecSchema.shape.units.safeParse(units);
  return judged.success ? units : refusalOf(judged.error).message;
}

/** Log-scale ticks a person reads: 128 B, 1 KB, 8 KB, … 256 MB (each ×8), up to one above the largest bar. */
function logByteTicks(max: number): number[] {
  const ticks = [128];
  while (ticks[ticks.length - 1] < max * 1.5) ticks.push(ticks[ticks.length - 1] * 8);
  return ticks;
}

const modeLabel = (mode: Mode, perStep: number) => (perStep > 1 ? `${mode} (${perStep} tasks per N)` : mode);

export function MemoryStudy({ api, study, otherRunning, measures: readable, python }: Props) {
  const canControl = useCanControl();
  const [unitsText, setUnitsText] = useState('1,2,4,8');
  const [measure, setMeasure] = useState<MemoryMeasure>('pss');
  const [runtime, setRuntime] = useState<Runtime>('node');
  const [refused, setRefused] = useState<string | null>(null);
  const chartsRef = useRef<HTMLDivElement>(null);
  const parsed = unitsOf(unitsText);
  const unitsError = typeof parsed === 'string' ? parsed : undefined;
  const measures: readonly MemoryMeasure[] = readable ?? MEMORY_MEASURES_ALL;
  const report = study.report;

  const run = () => {
    if (typeof parsed === 'string') return;
    setRefused(null);
    api.runMemoryCost({ units: parsed, measure, ...(python && runtime !== 'node' && { runtime }) }).catch((e: unknown) => setRefused(e instanceof Error ? e.message : String(e)));
  };

  return (
    <section className="panel compare-panel" aria-labelledby="memory-title">
      <div className="panel-head">
        <h2>
          <span id="memory-title">Memory cost per unit</span>{' '}
          <span className="panel-sub">each mode’s memory with N idle units, a line fitted through it: slope = one more unit, intercept = the host</span>
        </h2>
      </div>
      <form
        className="study-form"
        onSubmit={(e) => {
          e.preventDefault();
          run();
        }}
      >
        <Field id="mem-units" label="Units (N), comma-separated" hint={`counts from ${MEMORY_STUDY_LIMITS.units.min} to ${MEMORY_STUDY_LIMITS.units.max}; async runs ${ASYNC_TASKS_PER_STEP.toLocaleString('en-US')} tasks per N`} error={unitsError}>
          <input id="mem-units" value={unitsText} onChange={(e) => setUnitsText(e.target.value)} {...describedBy('mem-units', true, unitsError)} />
        </Field>
        <Field id="mem-measure" label="Measure" hint={MEASURE_WORDS[measure]}>
          <select id="mem-measure" value={measure} onChange={(e) => setMeasure(e.target.value as MemoryMeasure)} {...describedBy('mem-measure', true, undefined)}>
            {measures.map((m) => (
              <option key={m} value={m}>
                {m.toUpperCase()}
              </option>
            ))}
          </select>
        </Field>
        {python && <RuntimeField id="mem-runtime" value={runtime} onChange={setRuntime} />}
        <div className="study-go">
          <button type="submit" className="btn btn-primary" disabled={study.running || otherRunning || !!unitsError || !canControl} title={canControl ? undefined : VIEW_ONLY_WORDS}>
            Measure memory
          </button>
        </div>
      </form>
      <StudyProgress study={study} refused={refused} otherRunning={otherRunning} what="memory measurement" />

      {!report && !study.running && (
        <div className="empty">
          Each mode starts N idle units (io-sleep) for each N, waits until all are up, and reads its processes’ memory; a line through
          the points gives the cost of one more unit. Takes a few seconds per N.
        </div>
      )}
      {report && (
        <div ref={chartsRef} className="study-results">
          <div className="study-charts">
            <div className="results-head">
              <h3>
                {report.measure.toUpperCase()} of idle {report.results[0]?.runtime === 'python' ? 'Python ' : ''}io-sleep units, N = {report.units.join(', ')}
              </h3>
              <SaveButtons api={api} name="memory" json={() => toJson(report)} csv={() => memoryToCsv(report)} png={() => chartsRef.current} />
            </div>
            <MemoryCharts report={report} />
          </div>
          <MemoryTable report={report} />
        </div>
      )}
    </section>
  );
}

function MemoryCharts({ report }: { report: MemoryCostReport }) {
  const measure = report.measure.toUpperCase();
  // one row per N; each mode's total at that N (async: N × its tasks per step)
  const rows = report.units.map((n) => {
    const row: Record<string, number> = { n };
    for (const m of report.results) {
      const p = m.points.find((q) => q.units === n * m.unitsPerStep);
      if (p) row[m.mode] = p.totalBytes;
    }
    return row;
  });
  const bars = report.results.map((m) => ({ mode: m.mode, label: modeLabel(m.mode, m.unitsPerStep), bytes: Math.max(1, m.bytesPerUnit) }));
  const ticks = logByteTicks(Math.max(...bars.map((b) => b.bytes)));
  return (
    <div className="chart-row chart-row-2">
      <figure className="chart">
        <figcaption>
          Total {measure} against N (async: N × {report.results.find((m) => m.mode === 'async')?.unitsPerStep ?? 1} tasks)
        </figcaption>
        <ResponsiveContainer width="100%" height={CHART_H + 20}>
          <LineChart data={rows} margin={{ top: 8, right: 20, bottom: 14, left: 0 }}>
            <CartesianGrid stroke="var(--grid)" strokeDasharray="2 4" />
            <XAxis
              dataKey="n"
              type="number"
              domain={[0, 'dataMax']}
              ticks={report.units}
              tick={axisStyle}
              stroke="var(--border)"
              label={{ value: 'N (idle units; async: × tasks per N)', position: 'insideBottom', offset: -8, fill: 'var(--text-dim)', fontSize: 11 }}
            />
            <YAxis tickFormatter={(v: number) => formatBytes(v, 0)} tick={axisStyle} stroke="var(--border)" width={64} />
            <Tooltip isAnimationActive={false} contentStyle={tooltipStyle} labelFormatter={(n) => `N = ${String(n)}`} formatter={(v, name) => [formatBytes(Number(v)), name]} />
            <Legend verticalAlign="top" height={24} itemSorter={null} wrapperStyle={{ fontSize: 12 }} />
            {report.results.map((m) => (
              <Line
                key={m.mode}
                dataKey={m.mode}
                name={modeLabel(m.mode, m.unitsPerStep)}
                stroke={MODE_COLOR[m.mode]}
                strokeWidth={2}
                dot={{ r: 3 }}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </figure>
      <figure className="chart">
        <figcaption>{measure} per unit (the fit’s slope), log scale</figcaption>
        <ResponsiveContainer width="100%" height={CHART_H + 20}>
          <BarChart data={bars} margin={{ top: 20, right: 16, bottom: 14, left: 0 }}>
            <CartesianGrid stroke="var(--grid)" strokeDasharray="2 4" vertical={false} />
            <XAxis dataKey="mode" tick={axisStyle} stroke="var(--border)" />
            <YAxis scale="log" domain={[ticks[0], ticks[ticks.length - 1]]} ticks={ticks} allowDataOverflow tickFormatter={(v: number) => formatBytes(v, 0)} tick={axisStyle} stroke="var(--border)" width={64} />
            <Tooltip isAnimationActive={false} contentStyle={tooltipStyle} formatter={(v) => [formatBytes(Number(v)), `${measure} per unit`]} cursor={{ fill: 'var(--grid)' }} />
            <Bar dataKey="bytes" isAnimationActive={false} maxBarSize={70}>
              {bars.map((b) => (
                <Cell key={b.mode} fill={MODE_COLOR[b.mode]} aria-label={`${b.mode}: ${formatBytes(b.bytes)} per unit`} />
              ))}
              <LabelList dataKey="bytes" position="top" formatter={(v: unknown) => formatBytes(Number(v))} style={{ fontSize: 12, fontWeight: 700, fill: 'var(--text)' }} />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </figure>
    </div>
  );
}

function MemoryTable({ report }: { report: MemoryCostReport }) {
  const measure = report.measure.toUpperCase();
  return (
    <table className="study-table">
      <caption>
        {measure}, least-squares fit of total memory over N. R² near 1: the points lie on the line.
      </caption>
      <thead>
        <tr>
          <th scope="col">mode</th>
          <th scope="col">{measure} per unit</th>
          <th scope="col">base (host)</th>
          <th scope="col">R²</th>
          {report.units.map((n) => (
            <th scope="col" key={n}>
              N={n}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {report.results.map((m) => (
          <tr key={m.mode} data-testid={`memory-row-${m.mode}`} data-bytes-per-unit={m.bytesPerUnit}>
            <th scope="row">
              <span className="mode-swatch" style={{ background: MODE_COLOR[m.mode] }} />
              {modeLabel(m.mode, m.unitsPerStep)}
            </th>
            <td>
              <b data-testid={`bytes-per-unit-${m.mode}`} data-bytes={m.bytesPerUnit}>
                {formatBytes(m.bytesPerUnit)}
              </b>
            </td>
            <td>{formatBytes(m.baseBytes)}</td>
            <td>{m.r2.toFixed(3)}</td>
            {m.points.map((p) => (
              <td key={p.units} title={`${p.units} units`}>
                {formatBytes(p.totalBytes)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
