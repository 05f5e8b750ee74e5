/**
 * Bench 1: what the real Sampler costs. Per sample: wall time of sampleNow() (mostly waiting on file
 * reads in the thread pool). Ticking at 100 ms: this process's CPU % of one core, against the same
 * window without a sampler, because cpuUsage counts everything the process does. The units are idle
 * (io-sleep), so the sampler has many units to read but the machine stays quiet.
 */
import type { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RunSpecInput } from '../contract/schemas.js';
import type { Engine } from '../main/engine/engine.js';
import { Sampler } from '../main/engine/sampler.js';
import { round } from '../main/engine/studies/stats.js';
import { startRunAndWaitUp, stopRunAndWait, withEngine } from './engine-session.js';
import { distribution, measureCpu, timeCall, type CpuWindow, type Distribution } from './measure.js';

const INTERVAL_MS = 100;
const TIMED_SAMPLES = 50;
/** pidusage reads 0 % the first time and the /proc/stat reader needs a base: keep those out of the figures */
const WARM_UP_SAMPLES = 3;
const WINDOW_MS = 5000;
/** long enough to outlast the measurements; the run is stopped as soon as they are done */
const RUN_S = 60;

interface SamplerCase {
  label: string;
  spec: RunSpecInput | null;
}

const CASES: SamplerCase[] = [
  { label: '0 units', spec: null },
  { label: '64 threads', spec: { mode: 'thread', workload: 'io-sleep', units: 64, durationS: RUN_S } },
  { label: '16 processes', spec: { mode: 'process', workload: 'io-sleep', units: 16, durationS: RUN_S } },
];

interface SamplerCaseResult {
  label: string;
  unitsSampled: number;
  sampleNowMs: Distribution;
  idle: CpuWindow;
  sampling: CpuWindow & { samples: number };
  /** sampling − idle, % of one core */
  netPctOfCore: number;
  /** net CPU per sample, from the window (not the wall time of sampleNow) */
  cpuMsPerSample: number;
}

export interface SamplerCostResult {
  intervalMs: number;
  windowMs: number;
  cases: SamplerCaseResult[];
}

async function timeSamples(sampler: Sampler): Promise<{ wall: number[]; unitsSampled: number }> {
  for (let i = 0; i < WARM_UP_SAMPLES; i++) await sampler.sampleNow();
  const wall: number[] = [];
  let unitsSampled = 0;
  for (let i = 0; i < TIMED_SAMPLES; i++) {
    wall.push((await timeCall(() => sampler.sampleNow())).wallMs);
    unitsSampled = sampler.latest?.units.length ?? 0;
  }
  return { wall, unitsSampled };
}

async function samplingWindow(sampler: Sampler): Promise<CpuWindow & { samples: number }> {
  let samples = 0;
  const count = () => samples++;
  sampler.on('snapshot', count);
  const cpu = await measureCpu(async () => {
    await sampler.start();
    await sleep(WINDOW_MS);
    sampler.stop();
    await sampler.sampleNow(); // shares a sample still in flight, so its cost lands inside the window
  });
  sampler.off('snapshot', count);
  return { ...cpu, samples };
}

async function measureCase(engine: Engine, c: SamplerCase): Promise<SamplerCaseResult> {
  const run = c.spec ? await startRunAndWaitUp(engine, c.spec) : null;
  const sampler = new Sampler(() => run?.liveUnits() ?? [], { intervalMs: INTERVAL_MS });
  // The Sampler emits 'error' on a failed sample; with no listener that would throw out of its timer.
  const errors: unknown[] = [];
  (sampler as unknown as EventEmitter).on('error', (e: unknown) => errors.push(e));
  try {
    const { wall, unitsSampled } = await timeSamples(sampler);
    const idle = await measureCpu(() => sleep(WINDOW_MS).then(() => undefined));
    const sampling = await samplingWindow(sampler);
    if (errors.length) throw new Error(`sampler failed during "${c.label}": ${String(errors[0])}`);
    const netCpuMs = sampling.cpuMs - (idle.cpuMs / idle.wallMs) * sampling.wallMs;
    return {
      label: c.label,
      unitsSampled,
      sampleNowMs: distribution(wall),
      idle,
      sampling,
      netPctOfCore: round(sampling.pctOfCore - idle.pctOfCore, 3),
      cpuMsPerSample: round(netCpuMs / Math.max(1, sampling.samples), 3),
    };
  } finally {
    sampler.stop();
    if (run) await stopRunAndWait(engine, run);
  }
}

export async function benchSamplerCost(): Promise<SamplerCostResult> {
  const cases = await withEngine(async (engine) => {
    const out: SamplerCaseResult[] = [];
    for (const c of CASES) out.push(await measureCase(engine, c));
    return out;
  });
  return { intervalMs: INTERVAL_MS, windowMs: WINDOW_MS, cases };
}
