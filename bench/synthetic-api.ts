/**
 * A synthetic snapshot stream for the renderer-cost bench: any number of cores at any rate, with two
 * runs of units spread over the cores, so the whole dashboard is on screen and busy. Deterministic
 * (no randomness), so runs compare.
 */
import type { ApiEndpoint } from '../main/engine/api-service.js';
import { WORKLOAD_CATALOG } from '../main/engine/runs/workload-catalog.js';
import { LIMITS } from '../contract/limits.js';
import { type MethodName, type StreamName, type Streams } from '../contract/methods.js';
import { type RunEvent } from '../contract/run-events.js';
import { type Snapshot, type UnitSample } from '../contract/snapshot.js';
import { type Envelope } from '../contract/wire.js';
import { aggregateSamples } from '../lib/run-aggregates.js';

const GiB = 1024 ** 3;
const UNITS_PER_RUN = 16;

export class SyntheticApi implements ApiEndpoint {
  private timer: NodeJS.Timeout | null = null;
  private readonly snapshotListeners = new Set<(s: Snapshot) => void>();
  private readonly eventListeners = new Set<(e: RunEvent) => void>();
  private tick = 0;

  constructor(
    private readonly cores: number,
    private readonly rateHz: number,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.emit(), 1000 / this.rateHz);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async call(method: MethodName): Promise<Envelope> {
    switch (method) {
      case 'system':
        return {
          ok: true,
          result: {
            platform: 'linux',
            cpuModel: `synthetic ${this.cores}-core stream`,
            logicalCores: this.cores,
            totalMemoryBytes: 64 * GiB,
            intervalMs: 1000 / this.rateHz,
            limits: LIMITS,
          },
        };
      case 'workloads':
        return { ok: true, result: WORKLOAD_CATALOG };
      case 'scenarios':
        return { ok: true, result: [] };
      case 'setInterval':
        return { ok: true, result: null };
      default:
        return { ok: false, error: 'the synthetic stream runs nothing' };
    }
  }

  /** snapshots and the two runs' events; no studies or notices in the synthetic stream */
  subscribe<S extends StreamName>(stream: S, listener: (value: Streams[S]) => void): () => void {
    if (stream === 'snapshot') {
      const cb = listener as (s: Snapshot) => void;
      this.snapshotListeners.add(cb);
      return () => void this.snapshotListeners.delete(cb);
    }
    if (stream !== 'runEvent') return () => undefined;
    const cb = listener as (e: RunEvent) => void;
    this.eventListeners.add(cb);
    // a page that connects learns of the two runs whose units it will see
    for (const runId of ['r1', 'r2']) cb(this.started(runId));
    return () => void this.eventListeners.delete(cb);
  }

  private started(runId: string): RunEvent {
    return {
      type: 'run-started',
      runId,
      t: Date.now() - this.tick * (1000 / this.rateHz),
      spec: { mode: runId === 'r1' ? 'process' : 'thread', runtime: 'node', workload: 'cpu', units: UNITS_PER_RUN, durationS: 3600 },
    };
  }

  private emit(): void {
    const k = this.tick++;
    const cores = Array.from({ length: this.cores }, (_, i) => 50 + 45 * Math.sin((k + i * 7) / 9) * Math.cos(i / 5));
    const units: UnitSample[] = ['r1', 'r2'].flatMap((runId, r) =>
      Array.from({ length: UNITS_PER_RUN }, (_, u) => ({
        runId,
        unitId: u,
        pid: 10_000 + r * 100 + (r === 0 ? u : 0),
        tid: 10_000 + r * 100 + u,
        cpuPct: 50 + 50 * Math.sin((k + u) / 5),
        bytes: (20 + u) * 1024 * 1024,
        core: (u * 3 + k + r) % this.cores,
        state: 'running',
      })),
    );
    const snapshot: Snapshot = {
      t: Date.now(),
      intervalMs: 1000 / this.rateHz,
      cores,
      memory: { totalBytes: 64 * GiB, usedBytes: 20 * GiB + (k % 50) * 0.1 * GiB, availableBytes: 44 * GiB - (k % 50) * 0.1 * GiB },
      runs: aggregateSamples(units, (runId) => (runId === 'r1' ? 'process' : 'thread')),
      units,
      self: { cpuPct: 2, hostsCpuPct: 0, bytes: 80 * 1024 * 1024 },
    };
    this.snapshotListeners.forEach((l) => l(snapshot));
  }
}
