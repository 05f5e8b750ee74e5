import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePrimesWat, primesWasmSource } from '../../bin/primes-wat.js';
import { countPrimes } from '../../workloads/kernels/cpu.js';
import { PRIMES_WASM } from '../../workloads/kernels/primes-wasm.js';
import fs from 'node:fs';

/** Trial division written the plain way, the reference the wasm kernel must agree with. */
function referenceCount(start: number, span: number): number {
  let found = 0;
  for (let n = start; n < start + span; n++) {
    if (n < 2) continue;
    let prime = true;
    for (let d = 2; d * d <= n; d++) if (n % d === 0) { prime = false; break; }
    if (prime) found++;
  }
  return found;
}

describe('the cpu kernel in WebAssembly', () => {
  it('primes-wasm.ts holds exactly what primes.wat compiles to (run npm run gen:kernel after editing the .wat)', async () => {
    const bytes = await compilePrimesWat();
    expect(Array.from(PRIMES_WASM)).toEqual(Array.from(bytes));
    const onDisk = fs.readFileSync(new URL('../../workloads/kernels/primes-wasm.ts', import.meta.url), 'utf8');
    expect(onDisk).toBe(primesWasmSource(bytes));
  });

  it('counts what plain trial division counts, edges included (0, 1, 2, squares of primes)', () => {
    expect(countPrimes(0, 100)).toBe(25);
    expect(countPrimes(0, 2)).toBe(0);
    expect(countPrimes(2, 1)).toBe(1);
    expect(countPrimes(9, 1)).toBe(0);
    expect(countPrimes(49, 1)).toBe(0);
    expect(countPrimes(5_000_000, 0)).toBe(0);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000_000 }), fc.integer({ min: 0, max: 400 }), (start, span) => countPrimes(start, span) === referenceCount(start, span)),
      { numRuns: 300 },
    );
  });
});
