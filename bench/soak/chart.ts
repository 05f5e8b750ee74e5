/**
 * A small SVG of the soak's series, one panel each: the server's RSS, heap, open fds and event-loop p99,
 * (with the browser client) the page's frame p95, JS heap and DOM nodes, and (with the long CLI run)
 * its RSS and fds on the soak's time axis. A minute without a value (no frame window at minute 0) is
 * left out of its line.
 */
import { FRAME_P95_MAX_MS, LOOP_P99_MAX_MS, type LongRunReport, type Reading } from './judge.js';

const W = 300;
const H = 120;
const PAD = 28;
const MB = 2 ** 20;

interface Panel {
  title: string;
  value: (r: Reading) => number | null;
  unit: string;
  /** the judge's ceiling, drawn dashed */
  limit?: number;
}

const SERVER_PANELS: Panel[] = [
  { title: 'server RSS', value: (r) => r.rssBytes / MB, unit: 'MB' },
  { title: 'heap used', value: (r) => r.heapUsedBytes / MB, unit: 'MB' },
  { title: 'open fds', value: (r) => r.fds, unit: '' },
  { title: 'event-loop delay p99', value: (r) => r.loopP99Ms, unit: 'ms', limit: LOOP_P99_MAX_MS },
];
const PAGE_PANELS: Panel[] = [
  { title: 'page frame p95 (runs live)', value: (r) => r.page?.frameP95Ms ?? null, unit: 'ms', limit: FRAME_P95_MAX_MS },
  { title: 'page JS heap (after GC)', value: (r) => (r.page ? r.page.heapUsedBytes / MB : null), unit: 'MB' },
  { title: 'page DOM nodes, Live tab', value: (r) => r.page?.domNodes ?? null, unit: '' },
  { title: 'page DOM nodes, Scenarios tab', value: (r) => r.page?.scenarioDomNodes ?? null, unit: '' },
];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

type Points = Array<{ x: number; y: number | null }>;

function panel(points: Points, maxMinute: number, p: Omit<Panel, 'value'>, x0: number, y0: number): string {
  const valued = points.filter((q): q is { x: number; y: number } => q.y !== null);
  const xs = valued.map((q) => q.x);
  const ys = valued.map((q) => q.y);
  const maxX = Math.max(1, maxMinute);
  const top = Math.max(1, ...ys);
  const maxY = Math.max(top, p.limit ?? 0) * 1.1; // from zero: growth is shown at its true size
  const px = (x: number) => x0 + PAD + (x / maxX) * (W - 2 * PAD);
  const py = (y: number) => y0 + H - PAD + -(y / maxY) * (H - 2 * PAD);
  const line = xs.map((x, i) => `${px(x).toFixed(1)},${py(ys[i]).toFixed(1)}`).join(' ');
  const last = ys[ys.length - 1] ?? 0;
  const fmt = (v: number) => (p.unit ? v.toFixed(1) : String(Math.round(v)));
  return [
    `<rect x="${x0}" y="${y0}" width="${W}" height="${H}" fill="none" stroke="#ccc"/>`,
    `<text x="${x0 + 6}" y="${y0 + 14}" font-size="11">${esc(p.title)}: ${fmt(last)} ${p.unit} (max ${fmt(ys.length ? top : 0)})</text>`,
    `<line x1="${px(0)}" y1="${py(0)}" x2="${px(maxX)}" y2="${py(0)}" stroke="#999"/>`,
    `<text x="${px(maxX) - 30}" y="${y0 + H - 8}" font-size="10">${maxX} min</text>`,
    p.limit === undefined ? '' : `<line x1="${px(0)}" y1="${py(p.limit)}" x2="${px(maxX)}" y2="${py(p.limit)}" stroke="#c62828" stroke-dasharray="4 3"/>`,
    `<polyline fill="none" stroke="#1565c0" stroke-width="1.5" points="${line}"/>`,
    // a dot per reading: a series of one (or with gaps) still shows
    ...xs.map((x, i) => `<circle cx="${px(x).toFixed(1)}" cy="${py(ys[i]).toFixed(1)}" r="2" fill="#1565c0"/>`),
  ].join('\n');
}

export function soakChart(readings: readonly Reading[], title: string, longRun: LongRunReport | null = null): string {
  const maxMinute = Math.max(0, ...readings.map((r) => r.minute));
  const series: Array<{ p: Omit<Panel, 'value'>; points: Points }> = [
    ...(readings.some((r) => r.page) ? [...SERVER_PANELS, ...PAGE_PANELS] : SERVER_PANELS).map((p) => ({ p, points: readings.map((r) => ({ x: r.minute, y: p.value(r) })) })),
  ];
  if (longRun) {
    const at = (x: { atS: number }) => x.atS / 60;
    series.push(
      { p: { title: `CLI run (${longRun.minutes} min) RSS`, unit: 'MB' }, points: longRun.readings.map((x) => ({ x: at(x), y: x.rssBytes / MB })) },
      { p: { title: `CLI run (${longRun.minutes} min) open fds`, unit: '' }, points: longRun.readings.map((x) => ({ x: at(x), y: x.fds })) },
    );
  }
  const rows = Math.ceil(series.length / 2);
  const body = series.map(({ p, points }, i) => panel(points, maxMinute, p, (i % 2) * (W + 10), 24 + Math.floor(i / 2) * (H + 10))).join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${2 * W + 10}" height="${24 + rows * (H + 10)}" font-family="sans-serif">
<text x="0" y="16" font-size="13">${esc(title)}</text>
${body}
</svg>
`;
}
