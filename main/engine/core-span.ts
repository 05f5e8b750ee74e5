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

interface Sums {
  weighted: number[];
  covered: number;
}

/** Add the part of a sample that lies in [start, end] to the sums, weighted by its length. */
function accumulate(sums: Sums, s: CoreSample, start: number, end: number): void {
  const overlap = Math.min(s.t, end) - Math.max(s.t - s.intervalMs, start);
  if (overlap <= 0) return;
  sums.covered += overlap;
  s.cores.forEach((pct, i) => (sums.weighted[i] = (sums.weighted[i] ?? 0) + pct * overlap));
}

const meanOf = (sums: Sums, count: number): number[] =>
  Array.from({ length: count }, (_, i) => (sums.covered > 0 ? (sums.weighted[i] ?? 0) / sums.covered : 0));

export function meanBusyOverSpan(samples: readonly CoreSample[], start: number, end: number): number[] {
  const sums: Sums = { weighted: [], covered: 0 };
  for (const s of samples) accumulate(sums, s, start, end);
  return meanOf(sums, samples.reduce((n, s) => Math.max(n, s.cores.length), 0));
}

/** How far back a span keeps its samples as they were: a run's end is never further back than this when it is summed up. */
const RAW_TAIL_MS = 30_000;

/**
 * meanBusyOverSpan's figure for a span that opens at `start` and whose end is known only when it is
 * summed up, kept as it goes: samples older than RAW_TAIL_MS are folded into running sums (they lie
 * wholly before the end), so an hour-long run holds its sums and its last 30 s, not every sample.
 */
export class CoreSpan {
  private readonly folded: Sums = { weighted: [], covered: 0 };
  private readonly tail: CoreSample[] = [];
  private cores = 0;

  constructor(private readonly start: number) {}

  add(sample: CoreSample): void {
    this.cores = Math.max(this.cores, sample.cores.length);
    this.tail.push(sample);
    while (sample.t - this.tail[0].t > RAW_TAIL_MS) accumulate(this.folded, this.tail.shift() as CoreSample, this.start, Infinity);
  }

  /** Samples held as they came (the recent tail): bounded by time, whatever the span's length. */
  get heldSamples(): number {
    return this.tail.length;
  }

  meanBusy(end: number): number[] {
    const sums: Sums = { weighted: [...this.folded.weighted], covered: this.folded.covered };
    for (const s of this.tail) accumulate(sums, s, this.start, end);
    return meanOf(sums, this.cores);
  }
}
