/**
 * Bench 2: per-core load through systeminformation's currentLoad() against the direct async read of
 * /proc/stat (ProcStatCoreLoad). Two figures per call: its wall time and how long it held the event loop.
 *
 * si.currentLoad() only re-reads when its last read is ≥ 200 ms old; closer calls get its cached figures
 * back. So its real cost is measured with calls spaced > 200 ms apart ("fresh"), and the back-to-back
 * series shows the cache. /proc/stat is generated on each read, so back-to-back calls are all real.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import si from 'systeminformation';
import { ProcStatCoreLoad } from '../main/engine/readers/core-load.js';
import { round } from '../main/engine/studies/stats.js';
import { distribution, timeCall, watchLoop, type CallTiming, type Distribution, type LoopGaps } from './measure.js';

const SI_REFRESH_MS = 200; // systeminformation's own threshold (lib/cpu.js, getLoad)
const FRESH_GAP_MS = SI_REFRESH_MS + 10;
const FRESH_CALLS = 50;
const BACK_TO_BACK_CALLS = 200;
const WARM_UP_CALLS = 5;

interface SeriesResult {
  label: string;
  wallMs: Distribution;
  holdMs: Distribution;
  loopGaps: LoopGaps;
}

export interface CoreLoadResult {
  /** si's first call primes its counters and samples for ~500 ms: reported, never counted */
  siFirstCallMs: number;
  series: SeriesResult[];
  /** si (fresh) p50 ÷ /proc/stat p50 */
  ratio: { wallP50: number; holdP50: number };
}

async function series(label: string, calls: number, gapMs: number, fn: () => Promise<unknown>): Promise<SeriesResult> {
  const { result: timings, gaps } = await watchLoop(async () => {
    const out: CallTiming[] = [];
    for (let i = 0; i < calls; i++) {
      if (gapMs > 0) await sleep(gapMs);
      out.push(await timeCall(fn));
    }
    return out;
  });
  return {
    label,
    wallMs: distribution(timings.map((t) => t.wallMs)),
    holdMs: distribution(timings.map((t) => t.holdMs)),
    loopGaps: gaps,
  };
}

export async function benchCoreLoad(): Promise<CoreLoadResult> {
  const direct = new ProcStatCoreLoad();
  const readSi = () => si.currentLoad();
  const readDirect = () => direct.read();

  const siFirstCallMs = round((await timeCall(readSi)).wallMs, 1);
  for (let i = 0; i < WARM_UP_CALLS; i++) await readDirect();

  const siFresh = await series(`si.currentLoad() fresh (${FRESH_GAP_MS} ms apart)`, FRESH_CALLS, FRESH_GAP_MS, readSi);
  const directSeries = await series('ProcStatCoreLoad.read() back-to-back', BACK_TO_BACK_CALLS, 0, readDirect);
  const siCached = await series('si.currentLoad() back-to-back (cached)', BACK_TO_BACK_CALLS, 0, readSi);

  const ratioOf = (a: number, b: number) => (b > 0 ? round(a / b, 1) : 0);
  return {
    siFirstCallMs,
    series: [siFresh, directSeries, siCached],
    ratio: {
      wallP50: ratioOf(siFresh.wallMs.p50, directSeries.wallMs.p50),
      holdP50: ratioOf(siFresh.holdMs.p50, directSeries.holdMs.p50),
    },
  };
}
