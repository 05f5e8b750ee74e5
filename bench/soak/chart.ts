/** A small SVG of the soak's series, one panel each: RSS, heap, open fds, event-loop p99. */
import type { Reading } from './judge.js';

const W = 300;
const H = 120;
const PAD = 28;
const MB = 2 ** 20;

const PANELS: Array<{ title: string; value: (r: Reading) => number; unit: string }> = [
  { title: 'server RSS', value: (r) => r.rssBytes / MB, unit: 'MB' },
  { title: 'heap used', value: (r) => r.heapUsedBytes / MB, unit: 'MB' },
  { title: 'open fds', value: (r) => r.fds, unit: '' },
  { title: 'event-loop delay p99', value: (r) => r.loopP99Ms, unit: 'ms' },
];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

function panel(readings: readonly Reading[], p: (typeof PANELS)[number], x0: number, y0: number): string {
  const xs = readings.map((r) => r.minute);
  const ys = readings.map(p.value);
  const maxX = Math.max(1, ...xs);
  const maxY = Math.max(1, ...ys) * 1.1; // from zero: growth is shown at its true size
  const px = (x: number) => x0 + PAD + (x / maxX) * (W - 2 * PAD);
  const py = (y: number) => y0 + H - PAD + -(y / maxY) * (H - 2 * PAD);
  const points = xs.map((x, i) => `${px(x).toFixed(1)},${py(ys[i]).toFixed(1)}`).join(' ');
  const last = ys[ys.length - 1] ?? 0;
  return [
    `<rect x="${x0}" y="${y0}" width="${W}" height="${H}" fill="none" stroke="#ccc"/>`,
    `<text x="${x0 + 6}" y="${y0 + 14}" font-size="11">${esc(p.title)}: ${last.toFixed(1)} ${p.unit} (max ${maxY / 1.1 >= 0 ? (maxY / 1.1).toFixed(1) : 0})</text>`,
    `<line x1="${px(0)}" y1="${py(0)}" x2="${px(maxX)}" y2="${py(0)}" stroke="#999"/>`,
    `<text x="${px(maxX) - 30}" y="${y0 + H - 8}" font-size="10">${maxX} min</text>`,
    `<polyline fill="none" stroke="#1565c0" stroke-width="1.5" points="${points}"/>`,
  ].join('\n');
}

export function soakChart(readings: readonly Reading[], title: string): string {
  const body = PANELS.map((p, i) => panel(readings, p, (i % 2) * (W + 10), 24 + Math.floor(i / 2) * (H + 10))).join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${2 * W + 10}" height="${24 + 2 * (H + 10)}" font-family="sans-serif">
<text x="0" y="16" font-size="13">${esc(title)}</text>
${body}
</svg>
`;
}
