/**
 * The engine's last minute of machine samples, for a page that opens (or reconnects) mid-run: bounded
 * by time and by count (HISTORY_LIMITS), so keeping it costs the same at any interval.
 */
import { HISTORY_LIMITS, type HistorySample, type RecentHistory } from '../../contract/history.js';
import type { Snapshot } from '../../contract/snapshot.js';

export class RecentSamples {
  private readonly samples: HistorySample[] = [];

  constructor(
    private readonly spanMs: number = HISTORY_LIMITS.spanMs,
    private readonly max: number = HISTORY_LIMITS.samples,
  ) {}

  push(s: Snapshot): void {
    this.samples.push({ t: s.t, cores: s.cores, usedBytes: s.memory.usedBytes, availableBytes: s.memory.availableBytes });
    const oldest = s.t - this.spanMs;
    let drop = Math.max(0, this.samples.length - this.max);
    while (drop < this.samples.length && this.samples[drop]!.t < oldest) drop++;
    if (drop) this.samples.splice(0, drop);
  }

  /** A copy: the caller may keep it while sampling goes on. */
  read(): RecentHistory {
    return { samples: this.samples.slice() };
  }
}
