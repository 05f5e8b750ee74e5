/**
 * The whole machine over the same window as the core grid, in recharts (axes, tooltip, legend):
 * CPU as the mean of all cores with each run's span shaded in its colour, and memory used/available.
 * Redrawn once a second whatever the sampling rate (at most twice is the rule): a recharts redraw
 * costs ~9 ms of script per chart even at 120 points, and at 2 Hz the two charts alone took ~5 % of the
 * main thread in headless chromium, half the whole dashboard's budget at 16 cores. Never animated,
 * frozen while paused.
 */
import { useMemo } from 'react';
import { Area, AreaChart, CartesianGrid, ComposedChart, Legend, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatBytes, formatPct } from '../../../../lib/format.js';
import { useFrame } from '../../hooks/use-frame.js';
import { byteTicks, fittedByteMax } from '../../state/byte-ticks.js';
import type { LiveStore } from '../../state/live-store.js';
import { runColorVar } from '../../state/run-colors.js';
import { totalsSeries, totalsSummary } from '../../state/totals-series.js';
import { viewRange, type ViewWindow } from '../../state/view-span.js';
import { TOTALS_GAP_MS } from '../draw-rates.js';

const CHART_H = 190;

interface Props {
  store: LiveStore;
  paused: boolean;
  view: ViewWindow;
  totalMemoryBytes: number | null;
}

const secondsTick = (s: number) => (s === 0 ? 'now' : `${Math.round(s)} s`);
const axisStyle = { fontSize: 11, fill: 'var(--text-dim)' };
const tooltipStyle = { background: 'var(--panel)', border: '1px solid var(--border)', borderRadius: 6, fontSize: 12 };

export function TotalsCharts({ store, paused, view, totalMemoryBytes }: Props) {
  const frame = useFrame(store, TOTALS_GAP_MS, { paused });
  // the runs' spans are read at this view's own rate (≤ 1 Hz, frozen while paused like the series):
  // recharts redraws only on a frame, never on a run event
  const shape = store.getShape();
  const range = viewRange(view, store.totals.oldestT, frame.latest?.t ?? null, store.engineNow(frame.at));
  const { t0, t1 } = range;
  const data = useMemo(() => totalsSeries(store.totals, t0, t1), [store, t0, t1]);
  const spanS = view.spanMs / 1000;
  const total = frame.latest?.memory.totalBytes ?? totalMemoryBytes ?? undefined;
  const lastCpu = data.length ? data[data.length - 1].cpu : null;
  const lastMem = frame.latest?.memory;
  // the memory axis fits what is used (a 2 × 64 MB run on 23.5 GB would be a flat line): total and available are notes
  const usedMax = useMemo(() => fittedByteMax(data.reduce((m, d) => Math.max(m, d.used), 0)), [data]);
  const summary = useMemo(() => totalsSummary(data, (b) => formatBytes(b)), [data]);

  // each run's time on screen, in the chart's seconds
  const spans = shape.lanes
    .map((l) => ({ id: l.runId, color: l.color, x1: (l.startedAt - t1) / 1000, x2: ((l.endedAt ?? t1) - t1) / 1000 }))
    .filter((s) => s.x2 > -spanS && s.x1 < 0)
    .map((s) => ({ ...s, startsInView: s.x1 >= -spanS, x1: Math.max(-spanS, s.x1), x2: Math.min(0, s.x2) }));

  return (
    <div className="totals">
      <section className="panel" aria-labelledby="cpu-title">
        <div className="panel-head">
          <h2>
            <span id="cpu-title">Machine CPU</span> <span className="panel-sub">mean of all cores</span>
          </h2>
          <span className="big-figure">{lastCpu === null ? '–' : formatPct(lastCpu, 1)}</span>
        </div>
        <div role="img" aria-label={summary.cpu} data-testid="cpu-chart">
          <ResponsiveContainer width="100%" height={CHART_H}>
            <AreaChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
              <CartesianGrid stroke="var(--grid)" strokeDasharray="2 4" />
              <XAxis dataKey="s" type="number" domain={[-spanS, 0]} tickFormatter={secondsTick} tick={axisStyle} stroke="var(--border)" allowDataOverflow />
              <YAxis domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} tickFormatter={(v: number) => `${v}%`} tick={axisStyle} stroke="var(--border)" width={44} />
              {/* each run's time, faintly tinted (a run longer than the window tints all of it), with a line
                  where it started: runs started together would print their ids on top of each other, so
                  each id steps down */}
              {spans.map((s) => (
                <ReferenceArea key={`${s.id}-area`} x1={s.x1} x2={s.x2} fill={runColorVar(s.color)} fillOpacity={0.07} stroke="none" ifOverflow="hidden" />
              ))}
              {spans.map((s, i) => (
                <ReferenceLine
                  key={`${s.id}-start`}
                  x={s.x1}
                  stroke={runColorVar(s.color)}
                  strokeWidth={s.startsInView ? 1.5 : 0}
                  ifOverflow="hidden"
                  label={{ value: s.id, position: 'insideTopLeft', offset: 4 + (i % 4) * 13, fill: runColorVar(s.color), fontSize: 11, fontWeight: 700 }}
                />
              ))}
              <Tooltip
                isAnimationActive={false}
                contentStyle={tooltipStyle}
                labelFormatter={(s) => `${secondsTick(Number(s))}`}
                formatter={(v) => [formatPct(Number(v), 1), 'CPU (mean of cores)']}
              />
              <Legend verticalAlign="top" height={24} iconType="plainline" wrapperStyle={{ fontSize: 12 }} />
              <Area
                type="linear"
                dataKey="cpu"
                name="CPU, mean of cores (%)"
                stroke="var(--cpu)"
                fill="var(--cpu)"
                fillOpacity={0.18}
                strokeWidth={1.5}
                dot={false}
                isAnimationActive={false}
              />
            </AreaChart>
          </ResponsiveContainer>
        </div>
      </section>

      <section className="panel" aria-labelledby="mem-title">
        <div className="panel-head">
          <h2>
            <span id="mem-title">Memory</span>{' '}
            <span className="panel-sub">
              {[total ? `axis fitted to what is used · total ${formatBytes(total)}` : '', lastMem ? `${formatBytes(lastMem.availableBytes)} available` : ''].filter(Boolean).join(' · ')}
            </span>
          </h2>
          <span className="big-figure">{lastMem ? `${formatBytes(lastMem.usedBytes)} used` : '–'}</span>
        </div>
        <div role="img" aria-label={summary.memory} data-testid="memory-chart">
          <ResponsiveContainer width="100%" height={CHART_H}>
            <ComposedChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
              <CartesianGrid stroke="var(--grid)" strokeDasharray="2 4" />
              <XAxis dataKey="s" type="number" domain={[-spanS, 0]} tickFormatter={secondsTick} tick={axisStyle} stroke="var(--border)" allowDataOverflow />
              <YAxis domain={[0, usedMax]} ticks={byteTicks(usedMax)} tickFormatter={(v: number) => formatBytes(v, 1)} tick={axisStyle} stroke="var(--border)" width={60} allowDataOverflow />
              <Tooltip
                isAnimationActive={false}
                contentStyle={tooltipStyle}
                labelFormatter={(s) => `${secondsTick(Number(s))}`}
                formatter={(v, name) => [formatBytes(Number(v)), name]}
              />
              <Legend verticalAlign="top" height={24} iconType="plainline" wrapperStyle={{ fontSize: 12 }} />
              <Area
                type="linear"
                dataKey="used"
                name="used"
                stroke="var(--mem)"
                fill="var(--mem)"
                fillOpacity={0.2}
                strokeWidth={1.5}
                dot={false}
                isAnimationActive={false}
              />
            </ComposedChart>
          </ResponsiveContainer>
        </div>
      </section>
    </div>
  );
}
