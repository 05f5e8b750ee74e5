/**
 * The cpu kernel: deterministic integer work. One "block" counts the primes in a fixed range by trial
 * division (~10 ms on a 2020s core); a unit does a number of blocks (--work) or blocks until its time is
 * up (--duration). Between blocks it yields, so a unit sharing an event loop lets the others run and
 * every unit can still hear "stop" and notice that its parent is gone.
 */

import { PRIMES_WASM } from './primes-wasm.js';

export const BLOCK_START = 5_000_000;
const BLOCK_SPAN = 60_000;

interface PrimesKernel {
  countPrimes(start: number, span: number): number;
}

// The part of the WebAssembly global the kernel uses. @types/node 20 (the oldest Node we type against)
// doesn't declare the global, and the engine's tsconfig has no DOM types that would.
interface WasmGlobal {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: unknown };
}
const { Module, Instance } = (globalThis as unknown as { WebAssembly: WasmGlobal }).WebAssembly;

// One instance per isolate (each process, each worker thread; the async units of a loop share it). The
// module has no memory and no imports, so compiling it here costs well under a millisecond.
const kernel = new Instance(new Module(PRIMES_WASM)).exports as PrimesKernel;

/**
 * Count the primes in [start, start + span): the unit of work. Pure; the result is checkable. It runs as
 * WebAssembly (primes.wat) because the same loop in JS ran at two speeds on Node 24, chosen per process
 * (see the README's kernel notes); i32 arithmetic keeps it to 0 ≤ start + span < 2³¹.
 */
export function countPrimes(start: number, span: number): number {
  return kernel.countPrimes(start, span);
}

let warmed = false;

/**
 * Brings the kernel to V8's optimising wasm tier before the first counted block, by calling it often on
 * tiny ranges (about one block's cost, once per isolate: per process, per worker thread, once for all the
 * async units of a loop). V8 starts wasm in its baseline compiler and tiers a function up once it is hot;
 * without the warm-up the first counted blocks would run the slower baseline code.
 */
export function warmUpCpuKernel(): void {
  if (warmed) return;
  warmed = true;
  for (let i = 0; i < 200; i++) countPrimes(BLOCK_START + i * 300, 300);
}

/** One block of the kernel; every block costs the same, so splitting work across units is fair. */
const cpuBlock = (): number => countPrimes(BLOCK_START, BLOCK_SPAN);

/** Split a total of `work` blocks across `units` as evenly as whole blocks allow. */
export function splitWork(work: number, units: number): number[] {
  const base = Math.floor(work / units);
  const extra = work % units;
  return Array.from({ length: units }, (_, i) => base + (i < extra ? 1 : 0));
}

export interface CpuPlan {
  blocks?: number;
  durationS?: number;
}

/** Run blocks until the plan is met or `signal` aborts; `yieldNow` hands the loop to others between blocks. */
export async function runCpu(
  plan: CpuPlan,
  signal: AbortSignal,
  yieldNow: () => Promise<void>,
  onSlice: (ms: number) => void,
): Promise<number> {
  const deadline = plan.durationS !== undefined ? performance.now() + plan.durationS * 1000 : Infinity;
  const blocks = plan.blocks ?? Infinity;
  let done = 0;
  let checksum = 0;
  warmUpCpuKernel();
  while (done < blocks && performance.now() < deadline) {
    if (signal.aborted) break;
    const t = performance.now();
    checksum += cpuBlock();
    onSlice(performance.now() - t);
    done++;
    await yieldNow();
  }
  return checksum;
}

/** Keep the calling thread busy for `ms` without ever yielding: whatever else shares its loop waits. */
export function spinFor(ms: number): number {
  warmUpCpuKernel();
  const end = performance.now() + ms;
  let checksum = 0;
  while (performance.now() < end) checksum += cpuBlock();
  return checksum;
}
