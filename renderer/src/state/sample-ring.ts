/**
 * A fixed-size ring of samples: one time and K values per sample (K = logical cores for the core grid,
 * or a few machine totals). A long session costs a constant amount of memory and appending never
 * allocates, so the draw loop and a 20 Hz sampler don't feed the garbage collector.
 */
export class SampleRing {
  private readonly times: Float64Array;
  private readonly values: Float32Array; // slot-major: values[slot * channels + channel]
  private start = 0; // slot of the oldest sample
  private count = 0;

  constructor(
    readonly channels: number,
    readonly capacity: number,
  ) {
    if (channels < 1 || capacity < 1) throw new RangeError('a ring needs at least one channel and one slot');
    this.times = new Float64Array(capacity);
    this.values = new Float32Array(capacity * channels);
  }

  get size(): number {
    return this.count;
  }

  /** Append one sample; the oldest one is overwritten once the ring is full. Missing channels read 0. */
  push(t: number, values: ArrayLike<number>): void {
    const slot = (this.start + this.count) % this.capacity;
    if (this.count < this.capacity) this.count++;
    else this.start = (this.start + 1) % this.capacity;
    this.times[slot] = t;
    const base = slot * this.channels;
    for (let c = 0; c < this.channels; c++) this.values[base + c] = c < values.length ? values[c] : 0;
  }

  clear(): void {
    this.start = 0;
    this.count = 0;
  }

  /** Time of the i-th sample, oldest first (0 ≤ i < size). */
  timeAt(i: number): number {
    return this.times[(this.start + i) % this.capacity];
  }

  valueAt(i: number, channel: number): number {
    return this.values[((this.start + i) % this.capacity) * this.channels + channel];
  }

  get oldestT(): number | null {
    return this.count ? this.timeAt(0) : null;
  }

  get newestT(): number | null {
    return this.count ? this.timeAt(this.count - 1) : null;
  }

  /** Index of the first sample with time ≥ t (size if none): binary search, samples arrive in time order. */
  firstAtOrAfter(t: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.timeAt(mid) < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
