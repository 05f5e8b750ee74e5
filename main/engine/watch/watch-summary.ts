/**
 * The summary of a watch (the JSON of `watch --json`), and the same as a RunSummary so a watched tree
 * ends its lane like any run. Pure: the watch's state and the core samples of its span are passed in.
 */
import type { MemoryMeasure } from '../../../contract/domain.js';
import type { RunSpec } from '../../../contract/schemas.js';
import type { RunSummary } from '../../../contract/run-events.js';
import { WATCH_LIMITS, type WatchInfo, type WatchSummary } from '../../../contract/watch.js';
import type { CoreSpan } from '../core-span.js';
import { round } from '../studies/stats.js';
import type { TreeState } from './tree-state.js';

/**
 * A watch's lane in the run table's terms: its threads are its units (as many as it may track), each
 * in its own process or not. The workload is the user's own; 'cpu' is what the lane's words say least wrongly.
 */
export const WATCH_LANE_SPEC: RunSpec = { mode: 'process', runtime: 'node', workload: 'cpu', units: WATCH_LIMITS.threads };

export interface WatchFacts {
  runId: string;
  info: WatchInfo;
  state: TreeState;
  endAt: number;
  threadsLeftOut: number;
}

export function summarizeWatch(w: WatchFacts, span: CoreSpan, measure: MemoryMeasure): WatchSummary {
  const busy = span.meanBusy(w.endAt);
  const processes = w.state.processes(measure === 'pss' ? 'pss' : 'rss');
  const ended = w.state.endedBetweenSamples();
  const folded = w.state.foldedAway;
  const notes = [
    w.threadsLeftOut > 0 && `${w.threadsLeftOut} threads not read at the end: over ${WATCH_LIMITS.threads}, the busiest processes kept theirs`,
    folded.count > 0 && `${folded.count} short processes (${round(folded.cpuMs, 0)} ms CPU) counted in cpuMs without rows`,
  ].filter(Boolean);
  return {
    runId: w.runId,
    command: w.info.command,
    rootPid: w.info.rootPid,
    attached: w.info.attached,
    exitCode: w.state.rootExitCode,
    wallMs: round(w.endAt - w.state.t0),
    cores: { count: busy.length, busyPct: busy.map((b) => round(b)) },
    cpuMs: round(processes.reduce((s, p) => s + p.cpuMs, 0) + ended.cpuMs + folded.cpuMs),
    endedBetweenSamples: ended,
    processes,
    ...(notes.length && { note: notes.join('; ') }),
  };
}

/** The watch as a run's summary: one unit result per thread seen. */
export function asRunSummary(s: WatchSummary, measure: MemoryMeasure): RunSummary {
  const threads = s.processes.flatMap((p) => p.threads.map((t) => ({ p, t })));
  const peak = s.processes.reduce((n, p) => n + p.peakBytes, 0);
  return {
    runId: s.runId,
    mode: 'process',
    runtime: 'node',
    workload: 'cpu',
    units: threads.length,
    wallMs: s.wallMs,
    cpuMs: s.cpuMs,
    cores: s.cores,
    memory: { peakTotalBytes: peak, baselineBytes: 0, perUnitBytes: s.processes.length ? Math.round(peak / s.processes.length) : 0, measure },
    spawn: { p50Ms: 0, maxMs: 0 },
    unitResults: threads.slice(0, WATCH_LIMITS.threads).map(({ p, t }, i) => ({
      id: i,
      pid: p.pid,
      tid: t.tid,
      cpuMs: t.cpuMs,
      peakBytes: t.tid === p.pid ? p.peakBytes : 0,
      startMs: p.startMs,
      endMs: p.endMs,
      state: 'done',
    })),
  };
}
