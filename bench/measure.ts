/** Timing helpers shared by the benches: distributions, one call's wall and loop-hold time, CPU over a stretch. */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { mean, percentile, round } from '../main/engine/studies/stats.js';

export interface Distribution {
  n: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
}

export function distribution(values: readonly number[], digits = 3): Distribution {
  return {
    n: values.length,
    p50: round(percentile(values, 50), digits),
    p95: round(percentile(values, 95), digits),
    max: round(values.length ? Math.max(...values) : 0, digits),
    mean: round(mean(values), digits),
  };
}

export interface CallTiming {
  /** until the call's promise settled */
  wallMs: number;
  /** until the event loop could run anything else */
  holdMs: number;
}

/**
 * Times one async call two ways. A setImmediate queued with the call fires only after the call's
 * synchronous part, its nextTicks and microtasks have run, so it shows how long the call held the loop —
 * systeminformation runs its execSync inside a nextTick, which timing the call's return would miss.
 */
export async function timeCall(fn: () => Promise<unknown>): Promise<CallTiming> {
  const t0 = performance.now();
  const freed = new Promise<number>((resolve) => setImmediate(() => resolve(performance.now())));
  const settled = fn().then(() => performance.now());
  const [freedAt, settledAt] = await Promise.all([freed, settled]);
  return { wallMs: settledAt - t0, holdMs: freedAt - t0 };
}

export interface LoopGaps {
  /** longest time between two ticks of a 1 ms timer (so ~1 ms means the loop never stalled) */
  maxMs: number;
  p99Ms: number;
}

/** Runs fn while a 1 ms timer watches the event loop; stalls show as long gaps between its ticks. */
export async function watchLoop<T>(fn: () => Promise<T>): Promise<{ result: T; gaps: LoopGaps }> {
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  try {
    const result = await fn();
    return { result, gaps: { maxMs: round(h.max / 1e6, 2), p99Ms: round(h.percentile(99) / 1e6, 2) } };
  } finally {
    h.disable();
  }
}

export interface CpuWindow {
  wallMs: number;
  /** user + system CPU of this whole process */
  cpuMs: number;
  /** cpuMs as % of one core over the window */
  pctOfCore: number;
}

/** This process's CPU while fn runs. Everything in the process counts, so compare against an idle window. */
export async function measureCpu(fn: () => Promise<void>): Promise<CpuWindow> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const wallMs = performance.now() - t0;
  const { user, system } = process.cpuUsage(cpu0);
  const cpuMs = (user + system) / 1000;
  return { wallMs: round(wallMs, 1), cpuMs: round(cpuMs, 2), pctOfCore: round((cpuMs / wallMs) * 100, 3) };
}
