/**
 * GET /metrics for `corescope serve`: the machine, the live runs and CoreScope itself in Prometheus'
 * text format (prom-client, on a registry of its own so nothing else in the process leaks into it).
 * Names follow node_exporter where it has one (node_cpu_seconds_total → corescope_cpu_seconds_total,
 * node_memory_MemTotal_bytes → corescope_memory_MemTotal_bytes), so existing dashboards port by
 * swapping the prefix. Everything is read when scraped; nothing is kept between scrapes but the
 * folded units' running sums (unit-series.ts).
 */
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { Snapshot } from '../../contract/snapshot.js';
import type { CoreSeconds, UnitCpuSeconds } from '../engine/readers/cpu-seconds.js';
import { FOLDED_UNIT, FoldedCpuSeconds, unitLabel } from './unit-series.js';

/** What the metrics read of the engine (the Engine façade provides it). */
export interface MetricsSource {
  cpuSeconds(): Promise<CoreSeconds[]>;
  unitCpuSeconds(): Promise<UnitCpuSeconds[]>;
  readonly latestSnapshot: Snapshot | null;
}

export interface Metrics {
  contentType: string;
  render(): Promise<string>;
}

/** Per run and unit label: the sum of a snapshot figure (folded units add up into "other"). */
function byUnit(snapshot: Snapshot | null, value: (u: Snapshot['units'][number]) => number | null): Map<string, { run: string; unit: string; value: number }> {
  const out = new Map<string, { run: string; unit: string; value: number }>();
  for (const u of snapshot?.units ?? []) {
    const v = value(u);
    if (v === null) continue;
    const unit = unitLabel(u.unitId);
    const key = `${u.runId}/${unit}`;
    const had = out.get(key);
    out.set(key, { run: u.runId, unit, value: (had?.value ?? 0) + v });
  }
  return out;
}

export function createMetrics(engine: MetricsSource): Metrics {
  const register = new Registry();
  // CoreScope's own process: CPU, memory, event loop lag, GC (the names every Node.js dashboard expects)
  collectDefaultMetrics({ register });
  const folded = new FoldedCpuSeconds();

  new Counter({
    name: 'corescope_cpu_seconds_total',
    help: 'Seconds each logical CPU spent in each mode (as node_cpu_seconds_total).',
    labelNames: ['cpu', 'mode'],
    registers: [register],
    async collect() {
      this.reset();
      for (const { cpu, seconds } of await engine.cpuSeconds()) for (const [mode, s] of Object.entries(seconds)) this.inc({ cpu: String(cpu), mode }, s);
    },
  });
  const memory = (name: string, help: string, pick: (m: Snapshot['memory']) => number) =>
    new Gauge({
      name,
      help,
      registers: [register],
      collect() {
        const m = engine.latestSnapshot?.memory;
        if (m) this.set(pick(m));
      },
    });
  memory('corescope_memory_MemTotal_bytes', 'Memory of the machine in bytes (as node_memory_MemTotal_bytes).', (m) => m.totalBytes);
  memory('corescope_memory_MemAvailable_bytes', 'Memory available to programs in bytes (as node_memory_MemAvailable_bytes).', (m) => m.availableBytes);

  new Gauge({
    name: 'corescope_run_units',
    help: 'Live units of each live run (units past the per-run series cap are folded into unit="other").',
    labelNames: ['run'],
    registers: [register],
    collect() {
      this.reset();
      for (const { run, value } of byUnit(engine.latestSnapshot, () => 1).values()) this.inc({ run }, value);
    },
  });
  new Counter({
    name: 'corescope_unit_cpu_seconds_total',
    help: 'CPU seconds of each live unit: mode user/system as the kernel counts them, self for async tasks (their own timed slices).',
    labelNames: ['run', 'unit', 'mode'],
    registers: [register],
    async collect() {
      this.reset();
      for (const s of folded.series(await engine.unitCpuSeconds())) this.inc({ run: s.run, unit: s.unit, mode: s.mode }, s.seconds);
    },
  });
  new Gauge({
    name: 'corescope_unit_last_cpu',
    help: 'The logical CPU each live unit last ran on (absent when unknown, and for folded units).',
    labelNames: ['run', 'unit'],
    registers: [register],
    collect() {
      this.reset();
      for (const u of engine.latestSnapshot?.units ?? []) {
        const unit = unitLabel(u.unitId);
        if (u.core !== null && unit !== FOLDED_UNIT) this.set({ run: u.runId, unit }, u.core);
      }
    },
  });
  new Gauge({
    name: 'corescope_unit_memory_bytes',
    help: 'Memory of each live unit in bytes (PSS on Linux, RSS elsewhere; thread and async units: a share of their host).',
    labelNames: ['run', 'unit'],
    registers: [register],
    collect() {
      this.reset();
      for (const { run, unit, value } of byUnit(engine.latestSnapshot, (u) => u.bytes).values()) this.set({ run, unit }, value);
    },
  });

  return { contentType: register.contentType, render: () => register.metrics() };
}
