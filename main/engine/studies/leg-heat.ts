/**
 * A compare leg's per-core load as the cores saw it: the engine's snapshots between begin() and end(),
 * kept as ≤ LEG_HEAT_COLUMNS columns of equal time, so the view can draw every leg side by side.
 */
import type { Mode } from '../../../contract/domain.js';
import { LEG_HEAT_COLUMNS } from '../../../contract/limits.js';
import type { LegHeat } from '../../../contract/studies.js';
import type { Engine } from '../engine.js';

/** Mean busy % per core over ≤ `columns` equal stretches of [startT, endT]. */
export function downsampleHeat(samples: ReadonlyArray<{ t: number; cores: number[] }>, startT: number, endT: number, columns = LEG_HEAT_COLUMNS): number[][] {
  if (samples.length === 0) return [];
  const n = Math.max(1, Math.min(columns, samples.length));
  const span = Math.max(1, endT - startT);
  const cores = samples[0].cores.length;
  const sums = Array.from({ length: n }, () => new Array<number>(cores).fill(0));
  const counts = new Array<number>(n).fill(0);
  for (const s of samples) {
    const c = Math.min(n - 1, Math.max(0, Math.floor(((s.t - startT) / span) * n)));
    s.cores.forEach((v, i) => (sums[c][i] += v));
    counts[c]++;
  }
  // an empty column (samples rarer than columns in a stretch) repeats the one before it
  const out: number[][] = [];
  for (let c = 0; c < n; c++) out.push(counts[c] ? sums[c].map((v) => Math.round((v / counts[c]) * 10) / 10) : (out[c - 1] ?? sums[c]));
  return out;
}

/** Records the engine's per-core samples of each leg, between begin() and end(). */
export class HeatRecorder {
  private samples: Array<{ t: number; cores: number[] }> = [];
  private current: { mode: Mode; units: number; startT: number } | null = null;
  readonly legs: LegHeat[] = [];
  private readonly unsubscribe: () => void;

  constructor(engine: Engine) {
    this.unsubscribe = engine.subscribe('snapshot', (s) => {
      if (this.current) this.samples.push({ t: s.t, cores: s.cores });
    });
  }

  begin(mode: Mode, units: number): void {
    this.end();
    this.current = { mode, units, startT: Date.now() };
  }

  end(): void {
    if (!this.current) return;
    const endT = Date.now();
    this.legs.push({ ...this.current, endT, columns: downsampleHeat(this.samples, this.current.startT, endT) });
    this.current = null;
    this.samples = [];
  }

  close(): void {
    this.end();
    this.unsubscribe();
  }
}
