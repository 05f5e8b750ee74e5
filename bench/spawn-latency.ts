/**
 * Bench 3: spawn latency through the engine, per mode — launch request → each unit's first report, as
 * in the run summary — against raw forks and workers measured the same way in the same run.
 * Two baselines per mode: the single raw launch (fork for process/async, Worker for thread), and the
 * same shape as the engine's run (N forks at once; one fork starting N workers; one fork for async),
 * because N launches at once on a few cores cost more each than one alone.
 */
import { MODES, type Mode } from '../contract/domain.js';
import { type RunSummary } from '../contract/run-events.js';
import { round } from '../main/engine/studies/stats.js';
import { withEngine } from './engine-session.js';
import { distribution, type Distribution } from './measure.js';
import { benchRawSpawn, type RawSeries, type RawSpawnResult } from './raw-spawn.js';

const UNITS = 8;
const REPS = 5;
const RAW_SINGLE_REPS = 20;
const DURATION_S = 0.5;

interface EngineSpawn {
  mode: Mode;
  /** every unit's start over all repetitions */
  startMs: Distribution;
  /** summary.spawn of each repetition, as the run summary reports it */
  perRun: RunSummary['spawn'][];
  singleBaseline: string;
  sameShapeBaseline: string;
  /** engine p50 ÷ baseline p50 */
  ratioToSingle: number;
  ratioToSameShape: number;
}

export interface SpawnLatencyResult {
  units: number;
  reps: number;
  durationS: number;
  engine: EngineSpawn[];
  raw: RawSpawnResult;
}

async function engineRuns(mode: Mode): Promise<{ starts: number[]; perRun: RunSummary['spawn'][] }> {
  return withEngine(async (engine) => {
    const spec = { mode, workload: 'io-sleep', units: UNITS, durationS: DURATION_S } as const;
    await engine.runToEnd(spec); // warm-up: first launches pay for cold caches
    const starts: number[] = [];
    const perRun: RunSummary['spawn'][] = [];
    for (let i = 0; i < REPS; i++) {
      const s = await engine.runToEnd(spec);
      const bad = s.unitResults.find((u) => u.state !== 'done' || u.startMs === null);
      if (bad) throw new Error(`${mode} run ${s.runId}: unit ${bad.id} ended ${bad.state}`);
      starts.push(...s.unitResults.map((u) => u.startMs as number));
      perRun.push(s.spawn);
    }
    return { starts, perRun };
  });
}

function baselinesFor(mode: Mode, raw: RawSpawnResult): { single: RawSeries; sameShape: RawSeries } {
  if (mode === 'process') return { single: raw.fork1, sameShape: raw.forkN };
  if (mode === 'thread') return { single: raw.worker1, sameShape: raw.forkWithWorkersN };
  return { single: raw.fork1, sameShape: raw.fork1 }; // async: one host process, N tasks in it
}

export async function benchSpawnLatency(): Promise<SpawnLatencyResult> {
  const raw = await benchRawSpawn(UNITS, RAW_SINGLE_REPS, REPS);
  const engine: EngineSpawn[] = [];
  for (const mode of MODES) {
    const { starts, perRun } = await engineRuns(mode);
    const startMs = distribution(starts, 2);
    const { single, sameShape } = baselinesFor(mode, raw);
    engine.push({
      mode,
      startMs,
      perRun,
      singleBaseline: single.label,
      sameShapeBaseline: sameShape.label,
      ratioToSingle: round(startMs.p50 / single.stampedMs.p50, 2),
      ratioToSameShape: round(startMs.p50 / sameShape.stampedMs.p50, 2),
    });
  }
  return { units: UNITS, reps: REPS, durationS: DURATION_S, engine, raw };
}
