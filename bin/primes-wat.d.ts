/** The bytes workloads/kernels/primes.wat compiles to (with wabt). */
export function compilePrimesWat(): Promise<Uint8Array>;
/** Those bytes written as the TypeScript module primes-wasm.ts. */
export function primesWasmSource(bytes: Uint8Array): string;
