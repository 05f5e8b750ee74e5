/**
 * A view's own drawing rate: the store's frame clock re-renders it with the newest snapshot when
 * there is something new and its minimum gap has passed. Sampling can run at 20 Hz while the grid
 * draws at the rates of views/draw-rates.ts (the core grid ≤ 5 Hz, recharts ≤ 1 Hz); while paused the view keeps its last frame.
 */
import { useEffect, useState } from 'react';
import type { Snapshot } from '../../../contract/snapshot.js';
import type { LiveStore } from '../state/live-store.js';
import { frameClockOf } from './frame-clock.js';

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
    return frameClockOf(store).subscribe(minGapMs, tick, () => setFrame({ version: store.version, latest: store.latest, at: Date.now() }));
  }, [store, minGapMs, paused, tick]);
  return frame;
}
