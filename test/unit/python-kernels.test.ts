/** The Python kernel counts the same primes as the Node kernel over the same range: one kind of work in both runtimes. */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BLOCK_START, countPrimes, splitWork } from '../../workloads/kernels/cpu.js';
import { findPython } from '../../main/engine/runs/python-runtime.js';

const python = await findPython();
const PYTHON_DIR = fileURLToPath(new URL('../../workloads/python', import.meta.url));
const py = (code: string) =>
  JSON.parse(execFileSync(python?.path ?? 'python3', ['-B', '-c', `import json, sys; sys.path.insert(0, ${JSON.stringify(PYTHON_DIR)})\n${code}`], { encoding: 'utf8' }));

describe.skipIf(python === null)('python kernels', () => {
  it('a Python block counts the primes the Node kernel counts in the same range', () => {
    const { start, span, count } = py('from kernels import *\nprint(json.dumps({"start": BLOCK_START, "span": PY_BLOCK_SPAN, "count": cpu_block()}))');
    expect(start).toBe(BLOCK_START);
    expect(count).toBe(countPrimes(start, span));
  });

  it('splits work across units as the Node kernel does', () => {
    expect(py('from kernels import split_work\nprint(json.dumps(split_work(301, 4)))')).toEqual(splitWork(301, 4));
  });

  it('groups semaphore permits into waves as the Node scenario does', () => {
    expect(py('from scenarios.kit import wave_starts\nprint(json.dumps(wave_starts([5, 0, 2, 2000, 2003, 4001], 1000)))')).toEqual([0, 2000, 4001]);
  });
});

describe.skipIf(python === null)('python gil figures', () => {
  const spread = (traces: unknown, start: number, end: number) =>
    py(`from scenarios.kit import busy_cores_spread\nprint(json.dumps(busy_cores_spread(json.loads(${JSON.stringify(JSON.stringify(traces))}), ${start}, ${end}, 500)))`);

  it('finds the lowest and highest half second of a leg from the units’ own (time, CPU) reports', () => {
    // unit 0 busy all along; unit 1 idle in the first second, then busy (reports every 250 ms)
    const steady = [[0, 0], [250, 250], [500, 500], [750, 750], [1000, 1000], [1250, 1250], [1500, 1500], [1750, 1750], [2000, 2000]];
    const late = [[0, 0], [1000, 0], [1250, 250], [1500, 500], [1750, 750], [2000, 1000]];
    expect(spread([steady, late], 0, 2000)).toEqual({ min: 1, max: 2 });
    // between two reports the CPU is taken as evenly spent: a window inside one report gap still counts
    expect(spread([[[0, 0], [1000, 1000]]], 0, 1000)).toEqual({ min: 1, max: 1 });
  });

  it('has no spread for a leg shorter than one window, or with no reports', () => {
    expect(spread([[[0, 0], [400, 400]]], 0, 400)).toBeNull();
    expect(spread([null, null], 0, 2000)).toBeNull();
  });
});
