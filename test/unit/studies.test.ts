/** Compare and memory studies from the app: their inputs, one at a time, their events, heat records and exports. */
import { readersInfo } from '../../main/engine/readers/choose.js';
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../main/engine/engine.js';
import { downsampleHeat } from '../../main/engine/studies/leg-heat.js';
import { Studies } from '../../main/engine/studies/studies.js';
import { refusalOf } from '../../contract/refusal.js';
import { parseCountList } from '../../lib/count-list.js';
import { type RunSummary } from '../../contract/run-events.js';
import { CompareSpecSchema, MemoryCostSpecSchema } from '../../contract/schemas.js';
import { type CompareReport, type MemoryCostReport, type StudyEvent } from '../../contract/studies.js';
import { compareToCsv, memoryToCsv, toCsv } from '../../lib/export.js';
import { parseServerMessage } from '../../renderer/src/bridge/ws-messages.js';
import { NO_STUDIES, reduceStudy } from '../../renderer/src/state/studies.js';

const summary = (mode: RunSummary['mode'], units: number, wallMs: number): RunSummary => ({
  runId: 'r1',
  mode,
  runtime: 'node',
  workload: 'cpu',
  units,
  wallMs,
  cpuMs: wallMs * units,
  cores: { count: 2, busyPct: [50, 50] },
  memory: { peakTotalBytes: 1e8, baselineBytes: 5e7, perUnitBytes: 4e7, measure: 'pss' },
  spawn: { p50Ms: 30, maxMs: 40 },
  unitResults: [],
});

const report: CompareReport = {
  workload: 'cpu',
  units: 2,
  work: 150,
  logicalCores: 2,
  repeats: 3,
  results: [
    {
      ...summary('process', 2, 800),
      repeats: 3,
      roundsRun: 4,
      otherCores: { median: 0.05, min: 0.02, max: 0.2 },
      baselineWallMs: 1600,
      baselineWall: { median: 1600, min: 1500, max: 1700 },
      wall: { median: 800, min: 790, max: 850 },
      speedup: 2,
      speedupSpread: { median: 2, min: 1.8, max: 2.1 },
      efficiency: 1,
      efficiencySpread: { median: 1, min: 0.9, max: 1.05 },
      verdict: 'gain',
    },
  ],
};

/** An engine whose legs take `legMs` and whose cores are busy while a leg runs. */
function fakeEngine(legMs = 5): Engine & EventEmitter {
  const e = new EventEmitter() as Engine & EventEmitter;
  Object.assign(e, {
    subscribe: (stream: string, cb: (v: unknown) => void) => {
      e.on(stream, cb);
      return () => e.off(stream, cb);
    },
    system: () => ({ logicalCores: 2 }),
    readers: { info: readersInfo('proc') },
    requireRuntime: () => undefined, // node: always here
    runToEnd: async (spec: { mode: RunSummary['mode']; units: number }) => {
      e.emit('snapshot', { t: Date.now(), cores: [90, 10] });
      await new Promise((r) => setTimeout(r, legMs));
      e.emit('snapshot', { t: Date.now(), cores: [80, 70] });
      return summary(spec.mode, spec.units, spec.units === 1 ? 100 : 60);
    },
  });
  return e;
}

describe('study inputs', () => {
  it('accepts a compare of 1…256 units and refuses the rest in one line', () => {
    expect(CompareSpecSchema.safeParse({ units: 2, work: 150, repeat: 5 }).success).toBe(true);
    const rep = CompareSpecSchema.safeParse({ units: 2, repeat: 11 });
    expect(rep.success || refusalOf(rep.error).message).toBe('repeat must be between 1 and 10');
    const r = CompareSpecSchema.safeParse({ units: 0 });
    expect(r.success || refusalOf(r.error).message).toBe('units must be between 1 and 256');
    expect(r.success || refusalOf(r.error).field).toBe('units');
    expect(CompareSpecSchema.safeParse({ units: 2, extra: 1 }).success).toBe(false);
  });
  it('wants two different counts for a memory fit, each within the async limit', () => {
    expect(MemoryCostSpecSchema.safeParse({ units: [1, 2, 4], measure: 'uss' }).success).toBe(true);
    expect(MemoryCostSpecSchema.safeParse({ units: [2, 2] }).success).toBe(false);
    expect(MemoryCostSpecSchema.safeParse({ units: [1, 41] }).success).toBe(false);
    expect(MemoryCostSpecSchema.safeParse({ units: [1, 2], measure: 'vss' }).success).toBe(false);
    expect(parseCountList('1, 2,4,')).toEqual([1, 2, 4]);
    const one = MemoryCostSpecSchema.safeParse({ units: parseCountList('3') });
    expect(one.success || refusalOf(one.error).message).toMatch(/two different/);
  });
});

describe('studies', () => {
  it('runs a compare leg by leg, with a heat record per leg, and only one study at a time', async () => {
    const studies = new Studies(fakeEngine());
    const events: StudyEvent[] = [];
    studies.on('study-event', (e) => events.push(e));
    const { studyId } = studies.runCompare({ units: 2, work: 10, repeat: 2 }, 0);
    expect(() => studies.runMemoryCost({ units: [1, 2] })).toThrow(/already running/);
    await expect.poll(() => events.at(-1)?.type).toBe('compare-ended');
    expect(events.filter((e) => e.type === 'study-leg').map((e) => e.type === 'study-leg' && `${e.mode}:${e.units}`)).toEqual([
      // round by round: every mode once, then again
      ...['process:1', 'process:2', 'thread:1', 'thread:2', 'async:1', 'async:2'],
      ...['process:1', 'process:2', 'thread:1', 'thread:2', 'async:1', 'async:2'],
    ]);
    const end = events.at(-1);
    if (end?.type !== 'compare-ended') throw new Error('no result');
    expect(end.studyId).toBe(studyId);
    expect(end.report.legs).toHaveLength(12);
    expect(end.report.repeats).toBe(2);
    expect(end.report.results[0].speedupSpread).toEqual({ median: 1.67, min: 1.67, max: 1.67 });
    expect(end.report.legs?.[0].columns.every((c) => c.length === 2)).toBe(true);
    // a page opened now hears the start and the result
    expect(studies.replay().map((e) => e.type)).toEqual(['study-started', 'compare-ended']);
    // and the next study may start
    expect(() => studies.runCompare({ units: 2, work: 10 }, 0)).not.toThrow();
  });

  it('refuses a compare while other runs are going: they would take its cores', () => {
    expect(() => new Studies(fakeEngine()).runCompare({ units: 2 }, 2)).toThrow('stop the 2 runs going first');
  });

  it('downsamples a leg to at most the given columns, each a mean per core', () => {
    const samples = Array.from({ length: 10 }, (_, i) => ({ t: i * 100, cores: [i * 10, 100 - i * 10] }));
    const cols = downsampleHeat(samples, 0, 1000, 5);
    expect(cols).toHaveLength(5);
    expect(cols[0]).toEqual([5, 95]);
    expect(downsampleHeat([], 0, 1, 5)).toEqual([]);
  });
});

describe('the study reducer', () => {
  it('follows a study from start to result, and keeps the last result while a new one runs', () => {
    let s = reduceStudy(NO_STUDIES, { type: 'study-started', studyId: 's1', kind: 'compare', legs: 6, t: 0 });
    s = reduceStudy(s, { type: 'study-leg', studyId: 's1', kind: 'compare', mode: 'thread', units: 2, index: 3, legs: 6, t: 1 });
    expect(s.compare).toMatchObject({ running: true, leg: { mode: 'thread', index: 3 } });
    s = reduceStudy(s, { type: 'compare-ended', studyId: 's1', kind: 'compare', report, t: 2 });
    expect(s.compare).toMatchObject({ running: false, report });
    s = reduceStudy(s, { type: 'study-started', studyId: 's2', kind: 'compare', legs: 6, t: 3 });
    expect(s.compare).toMatchObject({ running: true, report });
    s = reduceStudy(s, { type: 'study-failed', studyId: 's2', kind: 'compare', error: 'boom', t: 4 });
    expect(s.compare).toMatchObject({ running: false, error: 'boom' });
    expect(s.memory).toBe(NO_STUDIES.memory);
  });
});

describe('study events over the socket', () => {
  it('are told apart from run events and replies', () => {
    const data = { type: 'study-started', studyId: 's1', kind: 'memory', legs: 9, t: 1 };
    expect(parseServerMessage(JSON.stringify({ push: 'study-event', data }))).toEqual({ kind: 'push', stream: 'studyEvent', values: [data] });
    expect(parseServerMessage(JSON.stringify({ push: 'study-event', data: 3 }))).toBeNull();
  });
});

describe('exports', () => {
  it('writes a compare as CSV, one row per mode, with the ideal speedup', () => {
    const lines = compareToCsv(report).trim().split('\n');
    expect(lines[0]).toBe(
      'mode,runtime,workload,units,work,logicalCores,repeats,roundsRun,otherCores,baselineWallMs,baselineWallMinMs,baselineWallMaxMs,wallMs,wallMinMs,wallMaxMs,speedup,speedupMin,speedupMax,verdict,idealSpeedup,efficiency,efficiencyMin,efficiencyMax,cpuMs,perUnitBytes,memoryMeasure,spawnP50Ms,spawnMaxMs',
    );
    expect(lines[1]).toBe('process,node,cpu,2,150,2,3,4,0.05,1600,1500,1700,800,790,850,2,1.8,2.1,gain,2,1,0.9,1.05,1600,40000000,pss,30,40');
  });
  it('writes a memory study as CSV, one row per point with its fit', () => {
    const m: MemoryCostReport = {
      measure: 'pss',
      units: [1, 2],
      results: [{ mode: 'async', runtime: 'node', measure: 'pss', unitsPerStep: 500, points: [{ units: 500, totalBytes: 1000 }, { units: 1000, totalBytes: 2000 }], bytesPerUnit: 2, baseBytes: 0, r2: 1 }],
    };
    expect(memoryToCsv(m).trim().split('\n')).toEqual([
      'mode,runtime,measure,unitsPerStep,bytesPerUnit,baseBytes,r2,units,totalBytes',
      'async,node,pss,500,2,0,1,500,1000',
      'async,node,pss,500,2,0,1,1000,2000',
    ]);
  });
  it('quotes fields with commas, quotes and line breaks', () => {
    expect(toCsv(['a'], [['x,y'], ['say "hi"'], ['two\nlines']])).toBe('a\n"x,y"\n"say ""hi"""\n"two\nlines"\n');
  });
});
