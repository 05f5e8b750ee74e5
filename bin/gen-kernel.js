#!/usr/bin/env node
// Compiles workloads/kernels/primes.wat into primes-wasm.ts (the bytes as a TS constant, so the hosts'
// bundles, vitest and tsx all load the kernel without a loader or a file read). Run after editing the .wat:
// `npm run gen:kernel`. test/unit/primes-wasm.test.ts recompiles the .wat and fails if the bytes drifted.
import fs from 'node:fs';
import { compilePrimesWat, primesWasmSource } from './primes-wat.js';

const target = new URL('../workloads/kernels/primes-wasm.ts', import.meta.url);
fs.writeFileSync(target, primesWasmSource(await compilePrimesWat()));
console.log(`wrote ${target.pathname}`);
