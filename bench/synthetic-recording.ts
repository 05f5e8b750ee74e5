/**
 * A synthetic session for the recording-size bench and test: C cores, U thread units of one run, H
 * samples a second for S seconds, with noisy busy %, wandering cores and growing memory (a seeded
 * generator, so every run writes the same bytes). Goes through the real writer, in simulated time.
 */
import { readersInfo } from '../main/engine/readers/choose.js';
import { aggregateSamples } from '../main/engine/snapshot-view.js';
import type { StreamName, Streams } from '../contract/methods.js';
import type { RecordingHeader, RecordingInfo } from '../contract/recording.js';
import type { Snapshot, UnitSample } from '../contract/snapshot.js';
import { LIMITS } from '../contract/limits.js';
import { WORKLOAD_CATALOG } from '../main/engine/runs/workload-catalog.js';
import { recordStreams, type StreamSource } from '../main/engine/recording/recording-writer.js';

export interface SyntheticShape {
  cores: number;
  hz: number;
  seconds: number;
  units: number;
}

/** A source whose streams are pushed by hand. */
class ScriptedSource implements StreamSource {
  private readonly listeners = new Map<StreamName, Set<(v: never) => void>>();
  subscribe<S extends StreamName>(stream: S, cb: (value: Streams[S]) => void): () => void {
    const set = this.listeners.get(stream) ?? new Set();
    this.listeners.set(stream, set);
    set.add(cb as (v: never) => void);
    return () => set.delete(cb as (v: never) => void);
  }
  emit<S extends StreamName>(stream: S, value: Streams[S]): void {
    for (const cb of this.listeners.get(stream) ?? []) (cb as (v: Streams[S]) => void)(value);
  }
}

const seeded = (seed: number) => () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);

export function syntheticHeader(shape: SyntheticShape, startedAt: number, intervalMs: number): RecordingHeader {
  return {
    format: 'corescope-recording',
    formatVersion: 1,
    corescope: { app: 'synthetic', contract: 1, node: process.versions.node },
    system: { platform: 'linux', cpuModel: 'synthetic', logicalCores: shape.cores, totalMemoryBytes: 32 * 1024 ** 3, intervalMs, limits: LIMITS, python: null, readers: readersInfo('proc') },
    workloads: WORKLOAD_CATALOG,
    scenarios: [],
    startedAt,
  };
}

/**
 * Writes the session to path. busy(tS) gives each core's busy % at second tS (default: a loaded machine);
 * the run's units start after 0 s and end at the last sample.
 */
export function writeSyntheticRecording(path: string, shape: SyntheticShape, busy?: (tS: number, core: number) => number): RecordingInfo {
  const rand = seeded(42);
  const intervalMs = 1000 / shape.hz;
  const t0 = 1_700_000_000_000;
  const source = new ScriptedSource();
  const rec = recordStreams(source, path, syntheticHeader(shape, t0, intervalMs));
  const spec = { mode: 'thread' as const, runtime: 'node' as const, workload: 'cpu' as const, units: shape.units, durationS: shape.seconds };
  source.emit('runEvent', { type: 'run-started', runId: 'r1', spec, t: t0 });
  const units: UnitSample[] = Array.from({ length: shape.units }, (_, i) => ({
    runId: 'r1', unitId: i, pid: 4242, tid: 4300 + i, cpuPct: 0, bytes: 48 * 1024 ** 2, core: i % shape.cores, state: 'running' as const,
  }));
  for (const u of units) source.emit('runEvent', { type: 'unit-state', runId: 'r1', unitId: u.unitId, pid: u.pid, tid: u.tid, state: 'running', t: t0 + 1 });
  const samples = Math.round(shape.seconds * shape.hz);
  for (let i = 1; i <= samples; i++) {
    const t = t0 + i * intervalMs;
    for (const u of units) {
      u.cpuPct = Math.min(100, Math.max(0, 100 * rand() * (shape.cores / shape.units) * 2));
      u.bytes += Math.floor(rand() * 16) * 4096;
      if (rand() < 0.1) u.core = Math.floor(rand() * shape.cores);
    }
    const cores = Array.from({ length: shape.cores }, (_, c) => (busy ? busy((t - t0) / 1000, c) : 60 + 40 * rand()));
    const used = 8 * 1024 ** 3 + units.reduce((n, u) => n + u.bytes, 0);
    const snap: Snapshot = {
      t, intervalMs, cores, runs: aggregateSamples(units), units: units.map((u) => ({ ...u })),
      memory: { totalBytes: 32 * 1024 ** 3, usedBytes: used, availableBytes: 32 * 1024 ** 3 - used },
      self: { cpuPct: 1 + rand(), hostsCpuPct: 0.5, bytes: 90 * 1024 ** 2 },
    };
    source.emit('snapshot', snap);
  }
  return rec.stop();
}
