/**
 * The cpu kernel: deterministic integer work. One "block" counts the primes in a fixed range by trial
 * division (~10 ms on a 2020s core); a unit does a number of blocks (--work) or blocks until its time is
 * up (--duration). Between blocks it yields, so a unit sharing an event loop lets the others run and
 * every unit can still hear "stop" and notice that its parent is gone.
 */

export const BLOCK_START = 5_000_000;
const BLOCK_SPAN = 60_000;

/** Count the primes in [start, start + span): the unit of work. Pure; the result is checkable. */
export function countPrimes(start: number, span: number): number {
  let found = 0;
  const end = start + span;
  for (let n = start; n < end; n++) {
    if (n < 2) continue;
    if ((n & 1) === 0) {
      if (n === 2) found++;
      continue;
    }
    if (isOddPrime(n)) found++;
  }
  return found;
}

// Trial division sits in its own small function because on Node 24 (V8 13) a block-long loop body was
// never compiled as a whole function: every block entered the interpreter and jumped into on-stack-
// replaced code, a different tier path per process. A small function called ~30,000 times a block is
// compiled normally, the same way in every process.
function isOddPrime(n: number): boolean {
  for (let d = 3; d * d <= n; d += 2) if (n % d === 0) return false;
  return true;
}

let warmed = false;

/**
 * Makes V8 compile countPrimes as a whole function before the first counted block, by calling it often on
 * tiny ranges (about one block's cost, once per isolate: per process, per worker thread, once for all the
 * async units of a loop). Without it the counted blocks would start in the interpreter and tier up
 * through OSR, at a moment that depends on the background compiler thread.
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
