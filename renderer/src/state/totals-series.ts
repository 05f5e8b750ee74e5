/**
 * The machine totals as recharts wants them: an array of points, downsampled to at most `points`
 * time buckets (recharts' cost grows with the points it draws), x in seconds before the view's end.
 */
import { bucketMeans } from './downsample.js';
import { TOTALS } from './live-store.js';
import type { SampleRing } from './sample-ring.js';

export interface TotalsPoint {
  /** seconds relative to the view's end (≤ 0) */
  s: number;
  cpu: number;
  used: number;
  available: number;
}

/** a point every 4–5 px of a half-screen chart: smooth enough, and recharts' cost grows with points */
const TOTALS_POINTS = 120;

export function totalsSeries(ring: SampleRing, t0: number, t1: number, points = TOTALS_POINTS): TotalsPoint[] {
  const means = bucketMeans(ring, t0, t1, points);
  const step = (t1 - t0) / points;
  const out: TotalsPoint[] = [];
  for (let b = 0; b < points; b++) {
    const cpu = means[TOTALS.cpu * points + b];
    if (Number.isNaN(cpu)) continue;
    out.push({
      // the bucket's middle, so a point sits where its samples were taken
      s: Math.round(((t0 + (b + 0.5) * step - t1) / 1000) * 100) / 100,
      cpu: Math.round(cpu * 10) / 10,
      used: means[TOTALS.used * points + b],
      available: means[TOTALS.available * points + b],
    });
  }
  return out;
}

/**
 * The charts' accessible names: what a sighted person reads off them (now, mean or peak, over how
 * long), so a screen reader hears a sentence instead of the axes' tick labels.
 */
export function totalsSummary(points: readonly TotalsPoint[], formatBytes: (b: number) => string): { cpu: string; memory: string } {
  if (points.length === 0) return { cpu: 'Machine CPU chart: no samples yet', memory: 'Memory chart: no samples yet' };
  const last = points[points.length - 1];
  const over = `over the last ${Math.max(1, Math.round(last.s - points[0].s))} s`;
  const meanCpu = points.reduce((a, p) => a + p.cpu, 0) / points.length;
  const peakCpu = Math.max(...points.map((p) => p.cpu));
  const peakUsed = Math.max(...points.map((p) => p.used));
  return {
    cpu: `Machine CPU chart: ${Math.round(last.cpu)}% now, mean ${Math.round(meanCpu)}%, peak ${Math.round(peakCpu)}% ${over}`,
    memory: `Memory chart: ${formatBytes(last.used)} used now, peak ${formatBytes(peakUsed)} ${over}`,
  };
}
