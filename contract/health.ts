/** How the engine's own process is doing: what a long-running monitor must keep flat (the soak reads it every minute). */
export interface EngineHealth {
  pid: number;
  uptimeS: number;
  rssBytes: number;
  heapUsedBytes: number;
  /** open file descriptors (null where /proc/self/fd is missing) */
  openFds: number | null;
  /** the event loop's delay, p99 and max, over the last whole minute (the one going, before the first has ended) */
  loopDelayMs: { p99: number; max: number };
  /** listeners on the engine and its parts: a count that grows with every run is a leak */
  listeners: number;
  /** runs going, and runs the engine still holds records of (going or waiting for their summary) */
  activeRuns: number;
  heldRuns: number;
}
