/**
 * Where a replay is: a position in the recording (ms from its start), playing or not, at what speed.
 * The frames up to the position are what "the engine" has said so far; advancing hands out the next
 * ones in order. A seek starts a new epoch: the page rebuilds its views from the frames up to there
 * (going back can't be done by un-ingesting). Pure: the page's timer calls advance().
 */
import type { RecordedFrame } from '../../../contract/recording.js';

export const SPEEDS = [0.5, 1, 2, 4, 8] as const;
export type Speed = (typeof SPEEDS)[number];

export interface PlayerState {
  posMs: number;
  spanMs: number;
  playing: boolean;
  speed: Speed;
  /** bumps with every seek: views keyed by it start over from the frames up to posMs */
  epoch: number;
}

export class ReplayPlayer {
  private state: PlayerState;
  /** frames[0..cursor) have been said */
  private cursor = 0;
  /** the latest time among frames[0..i], so a seek can binary-search frames whose times step back a little */
  private readonly reach: Float64Array;
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly frames: readonly RecordedFrame[],
    readonly startT: number,
    endT: number,
  ) {
    this.reach = new Float64Array(frames.length);
    frames.forEach((f, i) => (this.reach[i] = Math.max(f.t, i ? this.reach[i - 1] : -Infinity)));
    this.state = { posMs: 0, spanMs: Math.max(0, endT - startT), playing: false, speed: 1, epoch: 0 };
    this.cursor = this.indexAfter(startT);
  }

  get = (): PlayerState => this.state;
  subscribe = (cb: () => void): (() => void) => {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  };

  /** How many frames have been said (the ones a view built now starts from). */
  get said(): number {
    return this.cursor;
  }

  seek(posMs: number): void {
    const pos = Math.min(this.state.spanMs, Math.max(0, Number.isFinite(posMs) ? posMs : 0));
    this.cursor = this.indexAfter(this.startT + pos);
    this.set({ posMs: pos, epoch: this.state.epoch + 1 });
  }

  play(): void {
    // at the end, play starts over, as a video player does
    if (this.state.posMs >= this.state.spanMs) this.seek(0);
    this.set({ playing: true });
  }

  pause(): void {
    this.set({ playing: false });
  }

  setSpeed(speed: Speed): void {
    if (SPEEDS.includes(speed)) this.set({ speed });
  }

  /** Moves on by wallMs × speed while playing; returns the frames that became due, in order. */
  advance(wallMs: number): RecordedFrame[] {
    if (!this.state.playing) return [];
    const pos = Math.min(this.state.spanMs, this.state.posMs + wallMs * this.state.speed);
    const from = this.cursor;
    this.cursor = this.indexAfter(this.startT + pos);
    this.set({ posMs: pos, playing: pos < this.state.spanMs });
    return this.frames.slice(from, this.cursor);
  }

  /** the first index whose reach passes t (every frame before it happened at or before t) */
  private indexAfter(t: number): number {
    let lo = 0;
    let hi = this.frames.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.reach[mid] <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private set(patch: Partial<PlayerState>): void {
    this.state = { ...this.state, ...patch };
    for (const cb of this.listeners) cb();
  }
}
