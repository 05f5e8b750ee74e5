/**
 * Downsampling a ring to the pixel width of a chart: the window [t0, t1] is cut into equal time
 * buckets and each bucket gets the mean of the samples that fell in it. Time buckets (not sample
 * counts) keep the x axis honest whatever the sampling interval; the mean keeps the area under the
 * line equal to the CPU time really spent.
 */
import type { SampleRing } from './sample-ring.js';

/**
 * Bucket means of every channel in one pass over the samples: out[channel * buckets + b], NaN where no
 * sample fell in bucket b. One pass for all channels is what keeps a 256-core heat strip cheap.
 */
export function bucketMeans(ring: SampleRing, t0: number, t1: number, buckets: number, out?: Float32Array): Float32Array {
  const channels = ring.channels;
  const result = out && out.length === channels * buckets ? out : new Float32Array(channels * buckets);
  const counts = new Uint32Array(buckets);
  result.fill(0);
  const span = t1 - t0;
  if (span > 0 && buckets > 0) {
    for (let i = ring.firstAtOrAfter(t0); i < ring.size; i++) {
      const t = ring.timeAt(i);
      if (t > t1) break;
      const b = Math.min(buckets - 1, Math.floor(((t - t0) / span) * buckets));
      counts[b]++;
      for (let c = 0; c < channels; c++) result[c * buckets + b] += ring.valueAt(i, c);
    }
  }
  for (let c = 0; c < channels; c++)
    for (let b = 0; b < buckets; b++) result[c * buckets + b] = counts[b] ? result[c * buckets + b] / counts[b] : NaN;
  return result;
}

/** The last sample at or before t in one channel, or null: the "current %" of a core at the view's end. */
export function valueAtOrBefore(ring: SampleRing, t: number, channel: number): number | null {
  const i = ring.firstAtOrAfter(t);
  const at = i < ring.size && ring.timeAt(i) === t ? i : i - 1;
  return at >= 0 ? ring.valueAt(at, channel) : null;
}
