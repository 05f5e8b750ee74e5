/**
 * The Perfetto export against the Trace Event Format's rules (the "JSON Object Format" doc: ph, ts in
 * µs, X with dur, C with numeric args, M names) and Perfetto's own: slices on one thread nest, never
 * half-overlap, and every track's events are in time order.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { syntheticHeader, writeSyntheticRecording } from '../../bench/synthetic-recording.js';
import type { RecordedFrame } from '../../contract/recording.js';
import type { Snapshot } from '../../contract/snapshot.js';
import { decodeRecording, type DecodedRecording } from '../../lib/recording/decode.js';
import { toPerfetto, type TraceEvent } from '../../lib/recording/perfetto.js';

const dir = mkdtempSync(join(tmpdir(), 'corescope-trace-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PH = new Set(['B', 'E', 'X', 'i', 'I', 'C', 'M', 'b', 'e', 'n', 's', 't', 'f', 'P', 'O', 'N', 'D', 'R']);

/** Every rule broken, as lines (empty: the trace is valid). */
function traceViolations(trace: { traceEvents: TraceEvent[] }): string[] {
  const bad: string[] = [];
  const tracks = new Map<string, number[]>();
  const slices = new Map<string, Array<[number, number]>>();
  for (const e of JSON.parse(JSON.stringify(trace)).traceEvents as TraceEvent[]) {
    const where = JSON.stringify(e).slice(0, 100);
    if (!PH.has(e.ph) || typeof e.name !== 'string' || !Number.isInteger(e.pid)) bad.push(`malformed: ${where}`);
    if (e.ph === 'M') {
      if (!['process_name', 'thread_name'].includes(e.name) || typeof e.args?.name !== 'string') bad.push(`bad metadata: ${where}`);
      if (e.name === 'thread_name' && !Number.isInteger(e.tid)) bad.push(`thread_name without tid: ${where}`);
      continue;
    }
    if (typeof e.ts !== 'number' || !Number.isFinite(e.ts) || e.ts < 0) bad.push(`bad ts: ${where}`);
    const key = e.ph === 'C' ? `C|${e.pid}|${e.name}` : `T|${e.pid}|${e.tid}`;
    (tracks.get(key) ?? tracks.set(key, []).get(key)!).push(e.ts!);
    if (e.ph === 'C' && (!e.args || !Object.values(e.args).every((v) => typeof v === 'number' && Number.isFinite(v)))) bad.push(`counter with a non-numeric value: ${where}`);
    if (e.ph === 'X') {
      if (typeof e.dur !== 'number' || e.dur < 0) bad.push(`X without dur ≥ 0: ${where}`);
      if (!Number.isInteger(e.tid)) bad.push(`X without tid: ${where}`);
      (slices.get(key) ?? slices.set(key, []).get(key)!).push([e.ts!, e.ts! + e.dur!]);
    }
  }
  for (const [k, ts] of tracks) if (ts.some((t, i) => i > 0 && t < ts[i - 1])) bad.push(`track ${k} goes back in time`);
  for (const [k, list] of slices) {
    const open: number[] = []; // ends of the slices enclosing the current one
    for (const [s, e] of list) {
      while (open.length && open.at(-1)! <= s) open.pop();
      if (open.length && e > open.at(-1)!) bad.push(`slices on ${k} half-overlap at ${s}`);
      open.push(e);
    }
  }
  return bad;
}

const snap = (t: number, cores: number[], units: Snapshot['units']): RecordedFrame => ({
  t, stream: 'snapshot', data: { t, intervalMs: 500, cores, units, memory: { totalBytes: 8e9, usedBytes: 2e9, availableBytes: 6e9 }, self: { cpuPct: 1, hostsCpuPct: 0, bytes: 9e7 }, runs: [] },
});
const unit = (unitId: number, tid: number | null, core: number | null, state: 'running' | 'waiting(io)' = 'running') => ({ runId: 'r2', unitId, pid: 777, tid, cpuPct: 50, bytes: 1e6, core, state });

/** A scenario run with async units (no tids of their own) and a timeline, next to nothing else. */
function scenarioRecording(): DecodedRecording {
  const t0 = 1_000_000;
  const spec = { mode: 'async' as const, runtime: 'node' as const, workload: 'io-sleep' as const, units: 2 };
  const frames: RecordedFrame[] = [
    { t: t0 + 100, stream: 'runEvent', data: { type: 'run-started', runId: 'r2', spec, t: t0 + 100, scenario: { spec: { name: 'gather', mode: 'async', options: {} as never }, unitNames: ['task-a', 'task-b'] } } },
    { t: t0 + 120, stream: 'runEvent', data: { type: 'unit-state', runId: 'r2', unitId: 0, pid: 777, tid: null, state: 'running', t: t0 + 120 } },
    snap(t0 + 500, [10, 90], [unit(0, null, 1), unit(1, null, 1)]),
    snap(t0 + 1000, [12, 95], [unit(0, null, 1), unit(1, null, 0, 'waiting(io)')]),
    snap(t0 + 1500, [80, 20], [unit(0, null, 0)]),
    { t: t0 + 1600, stream: 'studyEvent', data: { type: 'study-leg', studyId: 's1', kind: 'compare', mode: 'thread', units: 2, index: 0, legs: 2, t: t0 + 1600 } },
    {
      t: t0 + 1700,
      stream: 'runEvent',
      data: {
        type: 'run-ended', runId: 'r2', t: t0 + 1700,
        summary: { runId: 'r2', mode: 'async', runtime: 'node', workload: 'io-sleep', units: 2, wallMs: 1600, cpuMs: 10, cores: { count: 2, busyPct: [1, 1] }, memory: { peakTotalBytes: 1, baselineBytes: 1, perUnitBytes: 1, measure: 'pss' }, spawn: { p50Ms: 1, maxMs: 1 }, unitResults: [] },
        scenario: { scenario: 'gather', mode: 'async', runId: 'r2', options: {}, wallMs: 1600, outcome: null, timeline: [{ unit: 'task-a', state: 'running', tMs: 20 }, { unit: 'task-b', state: 'running', tMs: 30 }, { unit: 'task-a', state: 'done', tMs: 1400 }] },
      },
    },
  ];
  return { header: syntheticHeader({ cores: 2, hz: 2, seconds: 2, units: 2 }, t0, 500), frames, chunks: [], indexed: true, damage: null };
}

describe('the Perfetto export', () => {
  it('follows the Trace Event Format for a real-shaped session: counters per core per sample, named unit threads', () => {
    const path = writeSyntheticRecording(join(dir, 's.corescope'), { cores: 4, hz: 10, seconds: 10, units: 6 }).path;
    const rec = decodeRecording(readFileSync(path));
    const trace = toPerfetto(rec);
    expect(traceViolations(trace)).toEqual([]);
    const snaps = rec.frames.flatMap((f) => (f.stream === 'snapshot' ? [f.data] : []));
    for (let core = 0; core < 4; core++) {
      const track = trace.traceEvents.filter((e) => e.ph === 'C' && e.name === `cpu ${core} busy %`);
      expect(track.map((e) => e.args!.busy)).toEqual(snaps.map((s) => s.cores[core]));
      expect(track.map((e) => e.ts)).toEqual(snaps.map((s) => (s.t - rec.header.startedAt) * 1000));
    }
    const named = new Set(trace.traceEvents.filter((e) => e.name === 'thread_name').map((e) => e.tid));
    for (const u of snaps[0].units) expect(named).toContain(u.tid);
    const states = trace.traceEvents.filter((e) => e.ph === 'X' && e.cat === 'unit');
    expect(states.length).toBeGreaterThanOrEqual(6);
    for (const s of states) expect(s.name).toMatch(/^running on cpu \d$/);
    expect(trace.traceEvents.filter((e) => e.cat === 'run')).toHaveLength(1);
  });

  it('gives async tasks tracks of their own, a scenario its timeline, a study its legs; slices cover the samples', () => {
    const trace = toPerfetto(scenarioRecording());
    expect(traceViolations(trace)).toEqual([]);
    const threads = trace.traceEvents.filter((e) => e.name === 'thread_name').map((e) => e.args!.name as string);
    expect(threads.filter((n) => n.includes('async task'))).toHaveLength(2);
    expect(threads).toContain('r2 · task-a (scenario timeline)');
    const a = trace.traceEvents.filter((e) => e.ph === 'X' && e.cat === 'unit' && e.args && trace.traceEvents.some((m) => m.name === 'thread_name' && m.tid === e.tid && String(m.args!.name).startsWith('task-a')));
    // task-a: on cpu 1 over the samples at 0.5 and 1.0 s (each covers the 500 ms before it), then cpu 0
    expect(a.map((e) => [e.name, e.ts, e.dur])).toEqual([
      ['running on cpu 1', 0, 1_000_000],
      ['running on cpu 0', 1_000_000, 500_000],
    ]);
    const timeline = trace.traceEvents.filter((e) => e.cat === 'scenario');
    expect(timeline.map((e) => [e.name, e.ts, e.dur])).toEqual([
      ['running', 120_000, 1_380_000],
      ['running', 130_000, 1_570_000],
      ['done', 1_500_000, 200_000],
    ]);
    expect(trace.traceEvents.find((e) => e.cat === 'study')?.name).toBe('compare leg 1/2: thread ×2');
  });

  it('the rules checker fails a trace that breaks them', () => {
    const broken: TraceEvent[] = [
      { name: 'x', ph: 'X', pid: 1, tid: 1, ts: 10, dur: 10 },
      { name: 'y', ph: 'X', pid: 1, tid: 1, ts: 15, dur: 10 },
      { name: 'c', ph: 'C', pid: 1, ts: 5, args: { v: 1 } },
      { name: 'c', ph: 'C', pid: 1, ts: 4, args: { v: 1 } },
    ];
    expect(traceViolations({ traceEvents: broken })).toEqual(['track C|1|c goes back in time', 'slices on T|1|1 half-overlap at 15']);
  });
});
