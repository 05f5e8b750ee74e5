/**
 * Drawing rate apart from sampling rate: a view redraws when there is something new AND at least
 * minGapMs have passed since its last draw, whatever the interval samples arrive at (the core grid at
 * ≤ 5 Hz, the recharts totals at ≤ 1 Hz: views/draw-rates.ts). The frame clock asks, per animation frame, and asks dueAt
 * when to come back for a view that has something new but drew too recently.
 */
export class DrawGate {
  private lastAt = -Infinity;
  private lastVersion = -1;

  constructor(readonly minGapMs: number) {}

  /** true when the caller should draw now; it then counts as drawn */
  shouldDraw(now: number, version: number): boolean {
    if (version === this.lastVersion || now - this.lastAt < this.minGapMs) return false;
    this.lastAt = now;
    this.lastVersion = version;
    return true;
  }

  /** When a draw of `version` will be allowed (≤ now: already), or null if it has been drawn. */
  dueAt(version: number): number | null {
    return version === this.lastVersion ? null : this.lastAt + this.minGapMs;
  }
}
