/**
 * A small SVG of the soak's series, one panel each: the server's RSS, heap, open fds and event-loop p99,
 * and (with the browser client) the page's frame p95, JS heap and DOM nodes. A minute without a value
 * (no frame window at minute 0) is left out of its line.
 */
import { FRAME_P95_MAX_MS, LOOP_P99_MAX_MS, type Reading } from './judge.js';

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

function panel(readings: readonly Reading[], p: Panel, x0: number, y0: number): string {
  const all = readings.map((r) => r.minute);
  const valued = readings.filter((r) => p.value(r) !== null);
  const xs = valued.map((r) => r.minute);
  const ys = valued.map((r) => p.value(r) as number);
  const maxX = Math.max(1, ...all);
  const top = Math.max(1, ...ys);
  const maxY = Math.max(top, p.limit ?? 0) * 1.1; // from zero: growth is shown at its true size
  const px = (x: number) => x0 + PAD + (x / maxX) * (W - 2 * PAD);
  const py = (y: number) => y0 + H - PAD + -(y / maxY) * (H - 2 * PAD);
  const points = xs.map((x, i) => `${px(x).toFixed(1)},${py(ys[i]).toFixed(1)}`).join(' ');
  const last = ys[ys.length - 1] ?? 0;
  const fmt = (v: number) => (p.unit ? v.toFixed(1) : String(Math.round(v)));
  return [
    `<rect x="${x0}" y="${y0}" width="${W}" height="${H}" fill="none" stroke="#ccc"/>`,
    `<text x="${x0 + 6}" y="${y0 + 14}" font-size="11">${esc(p.title)}: ${fmt(last)} ${p.unit} (max ${fmt(ys.length ? top : 0)})</text>`,
    `<line x1="${px(0)}" y1="${py(0)}" x2="${px(maxX)}" y2="${py(0)}" stroke="#999"/>`,
    `<text x="${px(maxX) - 30}" y="${y0 + H - 8}" font-size="10">${maxX} min</text>`,
    p.limit === undefined ? '' : `<line x1="${px(0)}" y1="${py(p.limit)}" x2="${px(maxX)}" y2="${py(p.limit)}" stroke="#c62828" stroke-dasharray="4 3"/>`,
    `<polyline fill="none" stroke="#1565c0" stroke-width="1.5" points="${points}"/>`,
    // a dot per reading: a series of one (or with gaps) still shows
    ...xs.map((x, i) => `<circle cx="${px(x).toFixed(1)}" cy="${py(ys[i]).toFixed(1)}" r="2" fill="#1565c0"/>`),
  ].join('\n');
}

export function soakChart(readings: readonly Reading[], title: string): string {
  const panels = readings.some((r) => r.page) ? [...SERVER_PANELS, ...PAGE_PANELS] : SERVER_PANELS;
  const rows = Math.ceil(panels.length / 2);
  const body = panels.map((p, i) => panel(readings, p, (i % 2) * (W + 10), 24 + Math.floor(i / 2) * (H + 10))).join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${2 * W + 10}" height="${24 + rows * (H + 10)}" font-family="sans-serif">
<text x="0" y="16" font-size="13">${esc(title)}</text>
${body}
</svg>
`;
}
