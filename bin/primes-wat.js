// The one place that knows how primes.wat becomes bytes and how those bytes are written as TypeScript;
// shared by the generator (bin/gen-kernel.js) and the test that holds the two files together.
import fs from 'node:fs';
import wabt from 'wabt';

const WAT = new URL('../workloads/kernels/primes.wat', import.meta.url);

/** @returns {Promise<Uint8Array>} */
export async function compilePrimesWat() {
  const tools = await wabt();
  const parsed = tools.parseWat('primes.wat', fs.readFileSync(WAT, 'utf8'));
  try {
    parsed.validate();
    return new Uint8Array(parsed.toBinary({}).buffer);
  } finally {
    parsed.destroy();
  }
}

/** @param {Uint8Array} bytes */
export function primesWasmSource(bytes) {
  const rows = [];
  for (let i = 0; i < bytes.length; i += 24) rows.push(`  ${Array.from(bytes.subarray(i, i + 24)).join(', ')},`);
  return `// Generated from primes.wat by \`npm run gen:kernel\`; do not edit (test/unit/primes-wasm.test.ts checks it).\nexport const PRIMES_WASM = new Uint8Array([\n${rows.join('\n')}\n]);\n`;
}
