/**
 * How busy a core looks: a level name for the card (CSS picks its colour per theme) and a colour ramp
 * for the heat strip (built once from the theme's stops, then one table look-up per cell).
 */

export type BusyLevel = 'idle' | 'low' | 'mid' | 'high';

/** Thresholds a person reads at a glance: idle under 5 %, busy (high) from 70 %. */
export function busyLevel(pct: number): BusyLevel {
  if (!(pct >= 5)) return 'idle';
  if (pct < 35) return 'low';
  if (pct < 70) return 'mid';
  return 'high';
}

/** The legend of the load colours, with the same thresholds as busyLevel. */
export const BUSY_LEGEND: ReadonlyArray<{ level: BusyLevel; words: string }> = [
  { level: 'idle', words: 'idle < 5 %' },
  { level: 'low', words: 'low < 35 %' },
  { level: 'mid', words: 'mid < 70 %' },
  { level: 'high', words: 'busy ≥ 70 %' },
];

/** A core chart's accessible name: what a glance at it tells (its ticks would say nothing). */
export function coreSummary(core: number, nowPct: number | null, means: ArrayLike<number>, from: number, count: number, spanS: number): string {
  let sum = 0;
  let n = 0;
  let max = 0;
  for (let i = from; i < from + count; i++) {
    const v = means[i];
    if (!Number.isFinite(v) || v < 0) continue;
    sum += v;
    n++;
    max = Math.max(max, v);
  }
  const now = nowPct === null ? 'no sample yet' : `${Math.round(nowPct)} % busy now`;
  return n ? `cpu ${core}: ${now}; over the last ${spanS} s mean ${Math.round(sum / n)} %, peak ${Math.round(max)} %` : `cpu ${core}: ${now}`;
}

export type Rgb = readonly [number, number, number];

/** '#rgb', '#rrggbb' or 'rgb(r, g, b)' (what getComputedStyle gives) → [r, g, b]; null if neither. */
export function parseColor(text: string): Rgb | null {
  const s = text.trim();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(s);
  if (hex) {
    const h = hex[1].length === 3 ? [...hex[1]].map((c) => c + c).join('') : hex[1];
    return [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16)];
  }
  const rgb = /^rgba?\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)/i.exec(s);
  return rgb ? [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])] : null;
}

/**
 * 101 colours (0 … 100 %) interpolated between evenly spaced stops, packed as r, g, b per entry: the
 * heat strip paints each cell with three look-ups instead of parsing colours per frame.
 */
export function heatRamp(stops: readonly Rgb[]): Uint8ClampedArray {
  if (stops.length === 0) throw new RangeError('a ramp needs at least one colour');
  const out = new Uint8ClampedArray(101 * 3);
  for (let p = 0; p <= 100; p++) {
    const pos = (p / 100) * (stops.length - 1);
    const i = Math.min(stops.length - 2, Math.floor(pos));
    const a = stops[Math.max(0, i)];
    const b = stops[Math.min(stops.length - 1, i + 1)];
    const f = stops.length === 1 ? 0 : pos - Math.max(0, i);
    for (let k = 0; k < 3; k++) out[p * 3 + k] = Math.round(a[k] + (b[k] - a[k]) * f);
  }
  return out;
}

/** Ramp index for a busy %, NaN (no sample) reading as idle. */
export const rampIndex = (pct: number): number => (Number.isNaN(pct) ? 0 : Math.round(Math.min(100, Math.max(0, pct))));
