/**
 * Which Prometheus series a unit's figures go to, so that a run of 10,000 async tasks can't make
 * 10,000 series: units numbered below UNIT_SERIES_PER_RUN keep their own (unit="0" … "15"), the rest
 * of their run are folded into one (unit="other"). Runs are only the live ones (at most
 * LIMITS.concurrentRuns), so the series are bounded by concurrentRuns × (UNIT_SERIES_PER_RUN + 1).
 *
 * A folded counter must still only go up while units come and go, so it accumulates each folded
 * unit's growth since the previous read instead of summing their totals (which would drop when one exits).
 */
import type { UnitCpuSeconds } from '../engine/readers/cpu-seconds.js';

export const UNIT_SERIES_PER_RUN = 16;
export const FOLDED_UNIT = 'other';

export const unitLabel = (unitId: number): string => (unitId < UNIT_SERIES_PER_RUN ? String(unitId) : FOLDED_UNIT);

export interface UnitSeriesValue {
  run: string;
  unit: string;
  mode: string;
  seconds: number;
}

export class FoldedCpuSeconds {
  /** per folded unit ("run/unit"), its seconds by mode at the previous read */
  private readonly prev = new Map<string, Record<string, number>>();
  /** per run, the folded units' accumulated seconds by mode */
  private readonly folded = new Map<string, Record<string, number>>();

  /** The series for this read: folded units' growth added to their run's "other", everyone else as they are. */
  series(readings: readonly UnitCpuSeconds[]): UnitSeriesValue[] {
    const out: UnitSeriesValue[] = [];
    const seen = new Set<string>();
    const liveRuns = new Set(readings.map((r) => r.runId));
    for (const r of readings) {
      const unit = unitLabel(r.unitId);
      const entries = Object.entries(r.seconds) as [string, number][];
      if (unit !== FOLDED_UNIT) {
        for (const [mode, seconds] of entries) out.push({ run: r.runId, unit, mode, seconds });
        continue;
      }
      const key = `${r.runId}/${r.unitId}`;
      seen.add(key);
      const before = this.prev.get(key) ?? {};
      const sum = (this.folded.get(r.runId) ?? {}) as Record<string, number>;
      for (const [mode, seconds] of entries) sum[mode] = (sum[mode] ?? 0) + Math.max(0, seconds - (before[mode] ?? 0));
      this.folded.set(r.runId, sum);
      this.prev.set(key, { ...r.seconds } as Record<string, number>);
    }
    // forget what is gone, so a long session holds only the live units' state
    for (const key of this.prev.keys()) if (!seen.has(key)) this.prev.delete(key);
    for (const run of this.folded.keys()) if (!liveRuns.has(run)) this.folded.delete(run);
    for (const [run, sum] of this.folded) for (const [mode, seconds] of Object.entries(sum)) out.push({ run, unit: FOLDED_UNIT, mode, seconds });
    return out;
  }
}
