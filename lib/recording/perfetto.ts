/**
 * A recording as a Chrome Trace Event JSON (what ui.perfetto.dev and chrome://tracing open): the
 * machine's cores as one counter track each (`C`), every unit thread named (`M`) with its sampled
 * states as slices (`X`, named by state and core), each run as a slice on its own track, a scenario's
 * timeline per unit, and a study's legs. ts is µs from the recording's start; events are sorted by ts,
 * so every track is in order.
 */
import type { RecordedFrame } from '../../contract/recording.js';
import type { RunEvent } from '../../contract/run-events.js';
import type { Snapshot } from '../../contract/snapshot.js';
import type { DecodedRecording } from './decode.js';

export interface TraceEvent {
  name: string;
  ph: 'M' | 'C' | 'X';
  pid: number;
  tid?: number;
  ts?: number;
  dur?: number;
  cat?: string;
  args?: Record<string, unknown>;
}

/** The machine's process in the trace: pid 0 is no process a unit can have. */
const MACHINE = 0;
/** Tracks of things that are not OS threads start above any Linux tid (pid_max ≤ 2^22). */
const SYNTHETIC_TID = 10_000_000;

type RunStarted = Extract<RunEvent, { type: 'run-started' }>;
type UnitKey = string;
interface OpenSlice {
  name: string;
  start: number;
  end: number;
  pid: number;
  tid: number;
  cpu: number[];
}

class TraceBuilder {
  readonly events: TraceEvent[] = [];
  private readonly named = new Set<string>();
  private nextTid = SYNTHETIC_TID;
  private readonly asyncTids = new Map<UnitKey, number>();
  constructor(private readonly t0: number) {}

  us(t: number): number {
    return Math.max(0, Math.round((t - this.t0) * 1000));
  }
  syntheticTid(): number {
    return this.nextTid++;
  }
  /** an async task has no thread of its own: it gets a track of its own, so its slices don't overlap others' */
  tidOf(key: UnitKey, tid: number | null): number {
    if (tid !== null) return tid;
    let t = this.asyncTids.get(key);
    if (t === undefined) this.asyncTids.set(key, (t = this.syntheticTid()));
    return t;
  }
  processName(pid: number, name: string): void {
    if (this.named.has(`p${pid}`)) return;
    this.named.add(`p${pid}`);
    this.events.push({ name: 'process_name', ph: 'M', pid, tid: 0, args: { name } });
  }
  threadName(pid: number, tid: number, name: string): void {
    if (this.named.has(`t${pid}/${tid}`)) return;
    this.named.add(`t${pid}/${tid}`);
    this.events.push({ name: 'thread_name', ph: 'M', pid, tid, args: { name } });
  }
  slice(name: string, cat: string, pid: number, tid: number, from: number, to: number, args?: Record<string, unknown>): void {
    const ts = this.us(from);
    this.events.push({ name, ph: 'X', cat, pid, tid, ts, dur: Math.max(0, this.us(to) - ts), ...(args && { args }) });
  }
}

function unitSlices(b: TraceBuilder, snapshots: Snapshot[], runs: Map<string, RunStarted>): void {
  const open = new Map<UnitKey, OpenSlice>();
  const close = (key: UnitKey) => {
    const s = open.get(key)!;
    const mean = s.cpu.reduce((a, v) => a + v, 0) / s.cpu.length;
    b.slice(s.name, 'unit', s.pid, s.tid, s.start, s.end, { meanCpuPct: Math.round(mean * 10) / 10, samples: s.cpu.length });
    open.delete(key);
  };
  for (const snap of snapshots) {
    const seen = new Set<UnitKey>();
    for (const u of snap.units) {
      const key = `${u.runId}/${u.unitId}`;
      seen.add(key);
      const tid = b.tidOf(key, u.tid);
      b.processName(u.pid, `${u.runId} · ${runs.get(u.runId)?.spec.mode ?? 'run'} (pid ${u.pid})`);
      b.threadName(u.pid, tid, unitName(runs.get(u.runId), u.runId, u.unitId, u.tid));
      // a sample says what the unit did over the interval that ends at it
      const name = u.core === null ? u.state : `${u.state} on cpu ${u.core}`;
      const cur = open.get(key);
      if (cur && cur.name === name) {
        cur.end = snap.t;
        cur.cpu.push(u.cpuPct);
        continue;
      }
      if (cur) close(key);
      open.set(key, { name, start: cur ? cur.end : snap.t - snap.intervalMs, end: snap.t, pid: u.pid, tid, cpu: [u.cpuPct] });
    }
    for (const key of [...open.keys()]) if (!seen.has(key)) close(key);
  }
  for (const key of [...open.keys()]) close(key);
}

function unitName(run: RunStarted | undefined, runId: string, unitId: number, tid: number | null): string {
  const named = run?.scenario?.unitNames[unitId];
  const what = named ?? `unit ${unitId}`;
  return `${what} · ${runId}${tid === null ? ' (async task, no thread of its own)' : ''}`;
}

function runTracks(b: TraceBuilder, frames: RecordedFrame[], endT: number, runs: Map<string, RunStarted>): void {
  const ended = new Map<string, Extract<RunEvent, { type: 'run-ended' }>>();
  for (const f of frames) if (f.stream === 'runEvent' && f.data.type === 'run-ended') ended.set(f.data.runId, f.data);
  for (const run of runs.values()) {
    const tid = b.syntheticTid();
    const end = ended.get(run.runId);
    // a watched program's run carries a placeholder spec: its command is what it is
    const what = run.scenario
      ? `scenario ${run.scenario.spec.name} (${run.scenario.spec.mode})`
      : run.watch
        ? `watch ${run.watch.command}`
        : `${run.spec.mode} ${run.spec.workload} ×${run.spec.units}`;
    b.threadName(MACHINE, tid, `run ${run.runId}: ${what}`);
    b.slice(`run ${run.runId}: ${what}`, 'run', MACHINE, tid, run.t, end?.t ?? endT, end ? { wallMs: end.summary.wallMs, cpuMs: end.summary.cpuMs } : { ended: false });
    const timeline = end?.scenario?.timeline ?? [];
    const lanes = new Map<string, number>();
    timeline.forEach((e, i) => {
      let lane = lanes.get(e.unit);
      if (lane === undefined) {
        lanes.set(e.unit, (lane = b.syntheticTid()));
        b.threadName(MACHINE, lane, `${run.runId} · ${e.unit} (scenario timeline)`);
      }
      const next = timeline.slice(i + 1).find((n) => n.unit === e.unit);
      const to = run.t + (next?.tMs ?? end!.scenario!.wallMs);
      b.slice(e.state, 'scenario', MACHINE, lane, run.t + e.tMs, Math.max(to, run.t + e.tMs), e.detail ? { detail: e.detail } : undefined);
    });
  }
}

function studyTrack(b: TraceBuilder, frames: RecordedFrame[], endT: number): void {
  const legs = frames.flatMap((f) => (f.stream === 'studyEvent' ? [f.data] : []));
  if (!legs.length) return;
  const tid = b.syntheticTid();
  b.threadName(MACHINE, tid, 'studies (compare, memory cost)');
  legs.forEach((e, i) => {
    if (e.type !== 'study-leg') return;
    const next = legs.slice(i + 1).find((n) => n.studyId === e.studyId);
    b.slice(`${e.kind} leg ${e.index + 1}/${e.legs}: ${e.mode} ×${e.units}`, 'study', MACHINE, tid, e.t, next?.t ?? endT);
  });
}

export function toPerfetto(rec: DecodedRecording): { traceEvents: TraceEvent[]; displayTimeUnit: 'ms'; otherData: Record<string, unknown> } {
  const { header, frames } = rec;
  const b = new TraceBuilder(header.startedAt);
  const snapshots = frames.flatMap((f) => (f.stream === 'snapshot' ? [f.data] : []));
  const runs = new Map<string, RunStarted>();
  for (const f of frames) if (f.stream === 'runEvent' && f.data.type === 'run-started') runs.set(f.data.runId, f.data);
  const endT = frames.reduce((m, f) => Math.max(m, f.t), header.startedAt);

  b.processName(MACHINE, `machine: ${header.system.logicalCores} cores, ${header.system.cpuModel} (${header.system.platform})`);
  for (const s of snapshots) {
    s.cores.forEach((busy, core) => b.events.push({ name: `cpu ${core} busy %`, ph: 'C', pid: MACHINE, ts: b.us(s.t), args: { busy } }));
    b.events.push({ name: 'memory used', ph: 'C', pid: MACHINE, ts: b.us(s.t), args: { bytes: s.memory.usedBytes } });
  }
  // units never sampled (short runs) still get a named thread, from their state events
  for (const f of frames)
    if (f.stream === 'runEvent' && f.data.type === 'unit-state') {
      const e = f.data;
      b.processName(e.pid, `${e.runId} · ${runs.get(e.runId)?.spec.mode ?? 'run'} (pid ${e.pid})`);
      b.threadName(e.pid, b.tidOf(`${e.runId}/${e.unitId}`, e.tid), unitName(runs.get(e.runId), e.runId, e.unitId, e.tid));
    }
  unitSlices(b, snapshots, runs);
  runTracks(b, frames, endT, runs);
  studyTrack(b, frames, endT);

  const meta = b.events.filter((e) => e.ph === 'M');
  const timed = b.events.filter((e) => e.ph !== 'M').sort((x, y) => (x.ts ?? 0) - (y.ts ?? 0));
  return {
    traceEvents: [...meta, ...timed],
    displayTimeUnit: 'ms',
    otherData: { corescope: header.corescope.app, formatVersion: header.formatVersion, startedAt: new Date(header.startedAt).toISOString(), intervalMs: header.system.intervalMs },
  };
}
