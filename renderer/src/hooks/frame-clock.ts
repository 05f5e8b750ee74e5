/**
 * One requestAnimationFrame clock for every view of a store, woken by new snapshots rather than
 * spinning at 60 Hz: an idle page schedules no frames at all (a rAF loop alone costs ~2 % of the main
 * thread in headless chromium). On each frame every subscribed view's DrawGate decides whether it
 * draws; a view with something new that drew too recently gets a timer for when its gap is over.
 */
import { DrawGate } from '../state/draw-gate.js';
import type { LiveStore } from '../state/live-store.js';

interface Subscriber {
  gate: DrawGate;
  /** redraw at the gap even without a new snapshot (clocks that tick between samples) */
  tick: boolean;
  draw: () => void;
}

export class FrameClock {
  private readonly subs = new Set<Subscriber>();
  private raf = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private ticks = 0;
  private offStore: (() => void) | null = null;

  constructor(private readonly store: LiveStore) {}

  subscribe(minGapMs: number, tick: boolean, draw: () => void): () => void {
    const sub: Subscriber = { gate: new DrawGate(minGapMs), tick, draw };
    this.subs.add(sub);
    this.offStore ??= this.store.subscribeSnapshots(() => this.request());
    this.request();
    return () => {
      this.subs.delete(sub);
      if (this.subs.size === 0) this.stop();
    };
  }

  private request = (): void => {
    if (!this.raf) this.raf = requestAnimationFrame(this.frame);
  };

  private frame = (now: number): void => {
    this.raf = 0;
    const tickVersion = ++this.ticks;
    let next = Infinity;
    for (const s of this.subs) {
      const version = s.tick ? tickVersion : this.store.version;
      if (s.gate.shouldDraw(now, version)) s.draw();
      else {
        const due = s.gate.dueAt(version);
        if (due !== null) next = Math.min(next, due);
      }
      if (s.tick) next = Math.min(next, now + s.gate.minGapMs);
    }
    if (next === Infinity) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(
      () => {
        this.timer = null;
        this.request();
      },
      Math.max(0, next - now),
    );
  };

  private stop(): void {
    if (this.raf) cancelAnimationFrame(this.raf);
    if (this.timer) clearTimeout(this.timer);
    this.raf = 0;
    this.timer = null;
    this.offStore?.();
    this.offStore = null;
  }
}

const clocks = new WeakMap<LiveStore, FrameClock>();

/** The store's clock, made on first use. */
export function frameClockOf(store: LiveStore): FrameClock {
  let c = clocks.get(store);
  if (!c) clocks.set(store, (c = new FrameClock(store)));
  return c;
}
