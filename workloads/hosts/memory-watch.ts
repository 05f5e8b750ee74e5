/** Tracks the host's own peak memory between the engine's samples, so short runs still get a true peak. */
import { ownMemory } from './self-memory.js';

const WATCH_MS = 100;

export function watchPeakMemory(): { peak: () => number; stop: () => void } {
  let peak = 0;
  const read = () =>
    ownMemory().then(({ bytes }) => {
      peak = Math.max(peak, bytes);
    });
  const timer = setInterval(() => void read(), WATCH_MS);
  timer.unref();
  void read();
  return { peak: () => peak, stop: () => clearInterval(timer) };
}
