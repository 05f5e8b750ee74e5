/**
 * The engine process's own health (the `health` method): memory, open fds, event-loop delay over the
 * last whole minute, and listener counts. A monitor left open for hours must keep these flat; the soak
 * (bench/soak/) reads them every minute and fails when one grows.
 */
import type { EventEmitter } from 'node:events';
import { readdirSync } from 'node:fs';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { EngineHealth } from '../../contract/health.js';

const WINDOW_MS = 60_000;
/** the histogram's sampling resolution: finer costs wakeups, coarser hides short stalls */
const RESOLUTION_MS = 10;
const NS_PER_MS = 1e6;

const round = (x: number) => Math.round(x * 100) / 100;

/**
 * Event-loop delay in windows of a minute: a cumulative histogram would hide a loop that gets slower.
 * The histogram wakes the loop every RESOLUTION_MS (100 wakeups a second: more than the sampler's own
 * at --interval 100), so it only starts when someone first asks for health (the soak, which asks every
 * minute from its start); a session nobody asks costs nothing here. The first answer covers the time
 * since that ask.
 */
export class LoopDelayWindow {
  private histogram: IntervalHistogram | null = null;
  private last: { p99: number; max: number } | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  private start(): IntervalHistogram {
    const h = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
    h.enable();
    this.timer = setInterval(() => {
      this.last = this.current(h);
      h.reset();
    }, WINDOW_MS);
    this.timer.unref(); // a health reading never keeps the process alive
    return h;
  }

  private current(h: IntervalHistogram) {
    return h.count === 0 ? { p99: 0, max: 0 } : { p99: round(h.percentile(99) / NS_PER_MS), max: round(h.max / NS_PER_MS) };
  }

  read(): { p99: number; max: number } {
    if (!this.histogram && !this.stopped) this.histogram = this.start();
    return this.last ?? (this.histogram ? this.current(this.histogram) : { p99: 0, max: 0 });
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.histogram?.disable();
  }
}

function openFds(): number | null {
  try {
    return readdirSync('/proc/self/fd').length - 1; // the directory read itself holds one
  } catch {
    return null;
  }
}

const listenerTotal = (emitters: readonly EventEmitter[]): number =>
  emitters.reduce((n, e) => n + e.eventNames().reduce((m, name) => m + e.listenerCount(name), 0), 0);

export function readHealth(loop: LoopDelayWindow, emitters: readonly EventEmitter[], runs: { active: number; held: number }): EngineHealth {
  const mem = process.memoryUsage();
  return {
    pid: process.pid,
    uptimeS: Math.round(process.uptime()),
    rssBytes: mem.rss,
    heapUsedBytes: mem.heapUsed,
    openFds: openFds(),
    loopDelayMs: loop.read(),
    listeners: listenerTotal(emitters),
    activeRuns: runs.active,
    heldRuns: runs.held,
  };
}
