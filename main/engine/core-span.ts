/**
 * Mean per-core busy % over a span of time, from snapshots that each cover (t - intervalMs, t].
 * A snapshot that only partly overlaps the span counts for the overlapping part, so a run that
 * started mid-interval isn't diluted by the idle time before it.
 */
export interface CoreSample {
  t: number;
  intervalMs: number;
  cores: number[];
}

export function meanBusyOverSpan(samples: readonly CoreSample[], start: number, end: number): number[] {
  const count = samples.reduce((n, s) => Math.max(n, s.cores.length), 0);
  const weighted = new Array<number>(count).fill(0);
  let covered = 0;
  for (const s of samples) {
    const overlap = Math.min(s.t, end) - Math.max(s.t - s.intervalMs, start);
    if (overlap <= 0) continue;
    covered += overlap;
    s.cores.forEach((pct, i) => {
      weighted[i] += pct * overlap;
    });
  }
  return covered > 0 ? weighted.map((w) => w / covered) : weighted;
}
