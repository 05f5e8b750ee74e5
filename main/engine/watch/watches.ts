/**
 * The engine's watches: start a command or attach to a pid, read every watch at each sample, stop
 * one or all, and tell clients as for runs — a run-started with what is watched, and a run-ended with
 * the watch's summary (and that summary as a RunSummary, so the lane ends like any run's).
 */
import type { StdioOptions } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { LIMITS } from '../../../contract/limits.js';
import type { RunEvent } from '../../../contract/run-events.js';
import type { UnitSample } from '../../../contract/snapshot.js';
import type { WatchSummary } from '../../../contract/watch.js';
import { Watch } from './watch.js';
import { WATCH_LANE_SPEC } from './watch-summary.js';

export class Watches extends EventEmitter<{ event: [RunEvent]; exited: [Watch] }> {
  private readonly watches = new Map<string, Watch>();
  private readonly summaries = new Map<string, Promise<WatchSummary>>();

  start(id: string, argv: readonly string[], stdio?: StdioOptions): Watch {
    return this.track(Watch.start(id, argv, stdio));
  }

  attach(id: string, pid: number): Watch {
    const going = this.active().find((w) => w.info.rootPid === pid);
    if (going) return going; // one watch per process: attaching again shows the same lane
    return this.track(Watch.attach(id, pid));
  }

  get(id: string): Watch | undefined {
    return this.watches.get(id);
  }

  active(): Watch[] {
    return [...this.watches.values()].filter((w) => w.active);
  }

  /** whether any watch is going (the sampler asks every sample, before it reads anything) */
  get any(): boolean {
    for (const w of this.watches.values()) if (w.active) return true;
    return false;
  }

  /** Every watch read at once (at the sampler's interval, intervalMs): the snapshot's units of all of them. */
  sample(intervalMs: number): Promise<readonly UnitSample[]> {
    return Promise.all(this.active().map((w) => w.sample(intervalMs).catch(() => []))).then((all) => all.flat());
  }

  /** run-started of each watch going, for a client that connects mid-watch */
  replay(): RunEvent[] {
    return this.active().map((w) => this.started(w));
  }

  /** An ended watch's summary waits here for summary(); only the latest few ended watches are kept. */
  keepSummary(id: string, summary: Promise<WatchSummary>): void {
    this.summaries.set(id, summary);
    const ended = [...this.watches.values()].filter((w) => !w.active);
    for (const w of ended.slice(0, Math.max(0, ended.length - LIMITS.concurrentRuns))) {
      this.watches.delete(w.id);
      this.summaries.delete(w.id);
    }
  }

  async summary(w: Watch): Promise<WatchSummary> {
    await w.ended;
    const s = this.summaries.get(w.id);
    if (!s) throw new Error(`watch ${w.id} has no summary`);
    return s;
  }

  stopAll(): Promise<void> {
    return Promise.all(this.active().map((w) => w.stop())).then(() => undefined);
  }

  killAll(): void {
    for (const w of this.active()) w.kill();
  }

  private track(w: Watch): Watch {
    this.watches.set(w.id, w);
    w.once('exited', () => this.emit('exited', w));
    this.emit('event', this.started(w));
    return w;
  }

  private started(w: Watch): RunEvent {
    return { type: 'run-started', runId: w.id, spec: WATCH_LANE_SPEC, t: w.t0, watch: w.info };
  }
}
