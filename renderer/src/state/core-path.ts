/**
 * SVG path data for one core's history, built by hand: the measured alternative to a recharts chart per
 * core (8.5 % of the main thread at 16 cores instead of 85 %). y runs from `height` at 0 % to 0 at
 * 100 %; empty buckets are skipped, so the line joins the samples on either side of them.
 */

export interface CorePaths {
  /** the line through the bucket means */
  line: string;
  /** the same line closed down to the baseline, for the filled area under it */
  area: string;
}

const r1 = (v: number) => Math.round(v * 10) / 10; // one decimal: a tenth of a view-box unit is below a pixel

/** Paths for `count` buckets starting at `offset` in `means` (the layout of bucketMeans' output). */
export function corePaths(means: ArrayLike<number>, offset: number, count: number, width: number, height: number): CorePaths {
  const step = count > 1 ? width / (count - 1) : 0;
  let line = '';
  let firstX = -1;
  let lastX = 0;
  for (let b = 0; b < count; b++) {
    const v = means[offset + b];
    if (Number.isNaN(v)) continue;
    const x = r1(b * step);
    const y = r1(height - (Math.min(100, Math.max(0, v)) / 100) * height);
    line += `${firstX < 0 ? 'M' : 'L'}${x} ${y}`;
    if (firstX < 0) firstX = x;
    lastX = x;
  }
  if (firstX < 0) return { line: '', area: '' };
  return { line, area: `${line}L${lastX} ${height}L${firstX} ${height}Z` };
}
