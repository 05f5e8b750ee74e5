/**
 * The summary of a finished run (the JSON of `run --json`), from the run's records and the per-core
 * samples taken while it ran. Pure: everything it needs is passed in.
 */
import type { MemoryMeasure } from '../../../contract/domain.js';
import type { RunSummary, UnitResult } from '../../../contract/run-events.js';
import type { Run } from './run.js';
import { mean, percentile, round } from '../studies/stats.js';
import type { CoreSpan } from '../core-span.js';

export function summarizeRun(run: Run, span: CoreSpan, measure: MemoryMeasure): RunSummary {
  const { spec, hosts, units, t0 } = run;
  // a loop, not Math.max(...ends): 100,000 arguments can overflow the stack
  let end = 0;
  for (const u of units) end = Math.max(end, u.endAt ?? u.host.exitedAt);
  if (end === 0) for (const h of hosts) end = Math.max(end, h.exitedAt);
  const busy = span.meanBusy(end);
  const spawn = units.filter((u) => u.firstReportAt !== null).map((u) => (u.firstReportAt as number) - t0);

  const ownsProcess = spec.mode === 'process';
  const baselineBytes = mean(hosts.map((h) => h.baselineBytes));
  // unit processes apart from their host (Python's multiprocessing) measure themselves
  const apart = units.map((u) => u.peakBytes ?? 0).filter((b) => b > 0);
  const perUnitBytes = ownsProcess
    ? mean(apart.length ? apart : hosts.map((h) => h.peakBytes))
    : Math.max(0, hosts[0].peakBytes - hosts[0].baselineBytes) / spec.units;

  const unitResults: UnitResult[] = units.map((u) => ({
    id: u.unitId,
    pid: u.pid,
    tid: u.tid,
    cpuMs: round(u.cpuMs),
    peakBytes: Math.round(ownsProcess ? (u.peakBytes ?? u.host.peakBytes) : perUnitBytes),
    startMs: u.firstReportAt === null ? null : round(u.firstReportAt - t0),
    endMs: u.endAt === null ? null : round(u.endAt - t0),
    state: u.state,
    ...(u.reason && { reason: u.reason }),
  }));

  return {
    runId: run.id,
    mode: spec.mode,
    runtime: spec.runtime,
    workload: spec.workload,
    units: spec.units,
    wallMs: round(end - t0),
    cpuMs: round(hosts.reduce((s, h) => s + h.cpuMs, 0)),
    cores: { count: busy.length, busyPct: busy.map((b) => round(b)) },
    memory: {
      peakTotalBytes: hosts.reduce((s, h) => s + h.peakBytes, 0) + apart.reduce((s, b) => s + b, 0),
      baselineBytes: Math.round(baselineBytes),
      perUnitBytes: Math.round(perUnitBytes),
      measure,
    },
    spawn: { p50Ms: round(percentile(spawn, 50)), maxMs: round(spawn.reduce((m, s) => Math.max(m, s), 0)) },
    unitResults,
  };
}
