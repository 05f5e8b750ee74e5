/**
 * A view's own drawing rate: requestAnimationFrame checks every display frame whether the store holds
 * something new and the view's minimum gap has passed (DrawGate), and only then re-renders it with the
 * newest snapshot. Sampling can run at 20 Hz while the grid draws at ≤ 10 Hz and recharts at ≤ 2 Hz.
 */
import { useEffect, useState } from 'react';
import type { Snapshot } from '../../../preload/api.js';
import { DrawGate } from '../state/draw-gate.js';
import type { LiveStore } from '../state/live-store.js';

export interface Frame {
  /** store.version when drawn */
  version: number;
  /** the newest snapshot when drawn (held while paused) */
  latest: Snapshot | null;
  /** page clock when drawn */
  at: number;
}

export interface FrameOptions {
  /** frozen: keep showing the last frame (pause) */
  paused?: boolean;
  /** redraw at the gap even without a new snapshot (clocks that tick between samples) */
  tick?: boolean;
}

export function useFrame(store: LiveStore, minGapMs: number, { paused = false, tick = false }: FrameOptions = {}): Frame {
  const [frame, setFrame] = useState<Frame>(() => ({ version: store.version, latest: store.latest, at: Date.now() }));
  useEffect(() => {
    if (paused) return;
    const gate = new DrawGate(minGapMs);
    let raf = 0;
    let ticks = 0;
    const loop = (now: number) => {
      if (gate.shouldDraw(now, tick ? ++ticks : store.version))
        setFrame({ version: store.version, latest: store.latest, at: Date.now() });
      raf = requestAnimationFrame(loop);
    };
    raf = requestAnimationFrame(loop);
    return () => cancelAnimationFrame(raf);
  }, [store, minGapMs, paused, tick]);
  return frame;
}
