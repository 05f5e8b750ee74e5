/**
 * A timeline drawn by hand in SVG (no chart library: it redraws as its run goes, at most 10 times a
 * second): one lane per unit or thread, a bar per state coloured by state, a mark where each ended,
 * the time axis in seconds from the start, and optional marks (the semaphore's waves, a deadlock's
 * moment). The scenarios' units and a watched program's threads are both drawn with it. Segments
 * carry data-state / data-start-ms for tests and tooltips.
 */
import { useRef, useState } from 'react';
import { useWidth } from '../hooks/use-width.js';
import { MAX_LANES, formatSeconds, restCounts, stateClass, timeTicks, type Lane, type LostTime, type Wave } from '../state/scenario-timeline.js';

const DEFAULT_LABEL_W = 118;
const RIGHT_PAD = 72;
/** lanes are taller when there are few (the deadlock's two), thinner when many: the cores stay in sight below */
const laneHeight = (lanes: number) => (lanes <= 4 ? 28 : lanes <= 8 ? 20 : lanes <= MAX_LANES ? 15 : 9);
/** "Show all" draws up to this many lanes (event-loop-block's 2 × 50 tasks and its two cpu units fit) */
const MAX_EXPANDED = 256;
const LANE_GAP = 6;
const TOP_ROW = 22;
/** a second row for wave labels that would print over the one before */
const LABEL_ROW = 14;
const AXIS_H = 24;
/** a wave label's character at 11px bold, wide enough for its digits */
const WAVE_CHAR_W = 6.6;

interface WaveLabel {
  index: number;
  startMs: number;
  words: string;
  x: number;
  leftward: boolean;
  row: number;
}

/**
 * Where each wave's label goes: right of its line, or left of it near the right edge (never cut), and
 * a row up when it would print over the label before it (waves close together on a narrow timeline).
 */
function layWaveLabels(waves: readonly Wave[], x: (ms: number) => number, width: number): WaveLabel[] {
  const rowEnds = [-Infinity, -Infinity];
  return waves.map((w, i) => {
    const words = `wave ${i + 1} · ${formatSeconds(w.startMs)}${i > 0 ? ` (+${formatSeconds(w.startMs - waves[i - 1].startMs)})` : ''} · ${w.jobs} job${w.jobs === 1 ? '' : 's'}`;
    const at = x(w.startMs);
    const long = words.length * WAVE_CHAR_W;
    const leftward = at + 4 + long > width;
    const [from, to] = leftward ? [at - 4 - long, at - 4] : [at + 4, at + 4 + long];
    const row = from > rowEnds[0] + 6 ? 0 : from > rowEnds[1] + 6 ? 1 : 0;
    rowEnds[row] = to;
    return { index: i, startMs: w.startMs, words, x: at, leftward, row };
  });
}

export interface TimelineChartProps<S extends string> {
  runId: string;
  lanes: readonly Lane<S>[];
  /** ms from the start the axis spans (the live edge while it goes) */
  spanMs: number;
  live: boolean;
  /** states drawn as a mark at their moment, not a span */
  finals: ReadonlySet<S>;
  /** every state in the legend's order, with what each means */
  legend: ReadonlyArray<{ state: S; words: string }>;
  /** what a lane is, for the words: "unit" or "thread" */
  what: string;
  axisWords: string;
  waves?: readonly Wave[];
  mark?: { atMs: number; words: string } | null;
  /** first-completed: the time a cancel took from a task, drawn after its cancel mark */
  lost?: readonly LostTime[];
  /** the label's width: thread names with pids need more than unit names */
  labelWidth?: number;
}

export function TimelineChart<S extends string>({ runId, lanes, spanMs, live, finals, legend, what, axisWords, waves = [], mark = null, lost = [], labelWidth = DEFAULT_LABEL_W }: TimelineChartProps<S>) {
  const box = useRef<HTMLDivElement>(null);
  const width = Math.max(360, useWidth(box));
  const stuck = mark;
  const LABEL_W = labelWidth;
  // past MAX_LANES the rest are counted; "Show all" draws them (event-loop-block's worker leg is there)
  const [all, setAll] = useState(false);
  const limit = all ? MAX_EXPANDED : MAX_LANES;
  const shown = lanes.slice(0, limit);
  const rest = restCounts(lanes, limit, legend.map((l) => l.state));

  // the word after a lane's end grows by what its unit said it did ("done · read 0 → wrote 10")
  const longestNotes = Math.max(0, ...shown.map((l) => l.notes.join(' → ').length));
  const plotW = width - LABEL_W - RIGHT_PAD - (longestNotes ? Math.min(width / 3, longestNotes * 7 + 20) : 0);
  // first-completed: the axis reaches to where the cancelled wait would have ended, so its lost time shows
  const axisMs = Math.max(spanMs, 1, ...lost.map((l) => l.toMs));
  const x = (ms: number) => LABEL_W + (Math.min(ms, axisMs) / axisMs) * plotW;
  const LANE_H = laneHeight(shown.length);
  const waveLabels = layWaveLabels(waves, x, width);
  const top = TOP_ROW + (waveLabels.some((w) => w.row > 0) ? LABEL_ROW : 0);
  const height = top + shown.length * (LANE_H + LANE_GAP) + AXIS_H;
  const ticks = timeTicks(axisMs, Math.max(3, Math.floor(plotW / 80)));

  return (
    <div className="timeline" ref={box}>
      <svg
        className={LANE_H < 12 ? 'timeline-svg tl-dense' : 'timeline-svg'}
        width={width}
        height={height}
        role="img"
        aria-label={`Timeline of run ${runId}: ${lanes.length} ${what}${lanes.length === 1 ? '' : 's'} over ${formatSeconds(spanMs)}`}
        data-run-id={runId}
        data-live={live ? 'true' : 'false'}
      >
        {ticks.map((t) => (
          <g key={t} className="tl-tick">
            <line x1={x(t)} x2={x(t)} y1={top - 4} y2={height - AXIS_H} />
            <text x={x(t)} y={height - 8} textAnchor="middle">
              {formatSeconds(t)}
            </text>
          </g>
        ))}
        {waveLabels.map((w) => (
          <g key={w.index} className="tl-wave" data-wave-ms={Math.round(w.startMs)}>
            <line x1={w.x} x2={w.x} y1={top - 6} y2={height - AXIS_H + 2} />
            <text x={w.x + (w.leftward ? -4 : 4)} y={top - 9 - w.row * LABEL_ROW} textAnchor={w.leftward ? 'end' : 'start'}>
              {w.words}
            </text>
          </g>
        ))}
        {shown.map((lane, row) => {
          const y = top + row * (LANE_H + LANE_GAP);
          const final = lane.segments.find((s) => finals.has(s.state));
          return (
            <g
              key={lane.unitId}
              className="tl-lane"
              data-unit={lane.name}
              data-state={lane.state}
              data-permit-ms={lane.permitMs === null ? undefined : Math.round(lane.permitMs)}
            >
              <text className="tl-name" x={LABEL_W - 8} y={y + LANE_H / 2} textAnchor="end" dominantBaseline="central">
                {lane.name}
              </text>
              <rect className="tl-track" x={LABEL_W} y={y} width={plotW} height={LANE_H} />
              {lane.segments.map((s, k) => {
                const cls = `tl-seg st-${stateClass(s.state)}`;
                const data = { 'data-state': s.state, 'data-start-ms': Math.round(s.startMs), 'data-end-ms': Math.round(s.endMs) };
                if (finals.has(s.state))
                  return (
                    <rect key={k} className={`${cls} tl-end`} x={x(s.startMs) - 2} y={y - 2} width={5} height={LANE_H + 4} rx={1.5} {...data}>
                      <title>{`${lane.name}: ${s.state} at ${formatSeconds(s.startMs)}`}</title>
                    </rect>
                  );
                const x0 = x(s.startMs);
                return (
                  <rect key={k} className={cls} x={x0} y={y} width={Math.max(0, x(s.endMs) - x0)} height={LANE_H} {...data}>
                    <title>{`${lane.name}: ${s.state} ${formatSeconds(s.startMs)} – ${formatSeconds(s.endMs)}`}</title>
                  </rect>
                );
              })}
              {lost
                .filter((l) => l.unit === lane.name)
                .map((l) => {
                  const w = Math.max(0, x(l.toMs) - x(l.fromMs));
                  const words = `${formatSeconds(l.toMs - l.fromMs)} of its wait lost to the cancel`;
                  // the lane's 'cancelled' word sits at the start of this box: the long words only where both fit
                  return (
                    <g key="lost" className="tl-lost" data-lost-ms={Math.round(l.toMs - l.fromMs)}>
                      <rect x={x(l.fromMs)} y={y + 2} width={w} height={LANE_H - 4} rx={2}>
                        <title>{`${lane.name}: cancelled with ${formatSeconds(l.toMs - l.fromMs)} of its wait left`}</title>
                      </rect>
                      <text x={x(l.toMs) - 4} y={y + LANE_H / 2} textAnchor="end" dominantBaseline="central">
                        {w > words.length * 6.5 + 90 ? words : `−${formatSeconds(l.toMs - l.fromMs)}`}
                      </text>
                    </g>
                  );
                })}
              {final && (
                <text className={`tl-final st-text-${stateClass(final.state)}`} x={x(final.startMs) + 6} y={y + LANE_H / 2} dominantBaseline="central">
                  {final.state}
                  {lane.notes.length > 0 && <tspan className="tl-notes">{` · ${lane.notes.join(' → ')}`}</tspan>}
                </text>
              )}
              {!final && lane.notes.length > 0 && (
                <text className="tl-notes" x={LABEL_W + plotW - 4} y={y + LANE_H / 2} textAnchor="end" dominantBaseline="central">
                  {lane.notes.join(' → ')}
                </text>
              )}
            </g>
          );
        })}
        {stuck && (
          <g className="tl-deadlock" data-detected-ms={Math.round(stuck.atMs)}>
            <line x1={x(stuck.atMs)} x2={x(stuck.atMs)} y1={top - 6} y2={height - AXIS_H + 2} />
            <text x={x(stuck.atMs) - 4} y={top - 9} textAnchor="end">
              {stuck.words}
            </text>
          </g>
        )}
        {live && <line className="tl-now" x1={x(spanMs)} x2={x(spanMs)} y1={top - 4} y2={height - AXIS_H} />}
        <line className="tl-axis" x1={LABEL_W} x2={LABEL_W + plotW} y1={height - AXIS_H} y2={height - AXIS_H} />
      </svg>
      {(rest.length > 0 || all) && (
        <p className="tl-rest">
          {rest.length > 0 &&
            `… and ${(lanes.length - shown.length).toLocaleString('en-US')} more ${what}s: ${rest.map((r) => `${r.count.toLocaleString('en-US')} ${r.state}`).join(', ')} `}
          {lanes.length > MAX_LANES && lanes.length <= MAX_EXPANDED && (
            <button type="button" className="btn btn-small" aria-expanded={all} onClick={() => setAll(!all)}>
              {all ? `Show the first ${MAX_LANES}` : `Show all ${lanes.length} lanes`}
            </button>
          )}
        </p>
      )}
      <TimelineLegend finals={finals} legend={legend} axisWords={axisWords} />
    </div>
  );
}

/** What the colours mean (an ended state drawn with its end mark), and what the axis counts. */
function TimelineLegend<S extends string>({ finals, legend, axisWords }: { finals: ReadonlySet<S>; legend: ReadonlyArray<{ state: S; words: string }>; axisWords: string }) {
  return (
    <ul className="tl-legend" aria-label="states">
      {legend.map((l) => (
        <li key={l.state}>
          <span className={`tl-swatch st-${stateClass(l.state)}${finals.has(l.state) ? ' tl-swatch-end' : ''}`} aria-hidden="true" />
          {l.words}
        </li>
      ))}
      <li className="tl-legend-axis">{axisWords}</li>
    </ul>
  );
}
