/**
 * Thread units' stat files are read only when their host ran (its CPU time moved) or once a second
 * for their cores: 64 idle thread units cost one read per sample, not 65. A real child with 8 idle
 * workers and one that waits, spins for a second, and waits again; read every 100 ms for 3 s. The
 * spinner must still show its core's worth while it spins, and the idle ones nothing.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ProcFiles } from '../../main/engine/readers/proc-files.js';
import { UnitReader } from '../../main/engine/readers/unit-reader.js';
import type { UnitRef } from '../../main/engine/runs/unit-ref.js';
import { MEASURES_CPU, waitFor } from './helpers.js';

const onLinux = process.platform === 'linux';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const IDLE = 8;
const SPIN = `setTimeout(() => { const end = Date.now() + 1000; while (Date.now() < end); setTimeout(() => {}, 60000); }, 1200)`;
const HOST = `const { Worker } = require('node:worker_threads');
new Worker(${JSON.stringify(SPIN)}, { eval: true });
for (let i = 0; i < ${IDLE}; i++) new Worker('setTimeout(() => {}, 60000)', { eval: true });
setTimeout(() => {}, 60000);`;

describe.skipIf(!onLinux)('thread units of a host that did not run', () => {
  afterEach(() => vi.restoreAllMocks());

  it('are read only when the host ran or once a second, and a spinning one still shows its core', MEASURES_CPU, async () => {
    const child = spawn(process.execPath, ['-e', HOST], { stdio: 'ignore' });
    const reader = new UnitReader('proc');
    try {
      const pid = child.pid as number;
      const workers = await waitFor(() => {
        const tids = readdirSync(`/proc/${pid}/task`).map(Number);
        // node's own threads (main, V8's platform workers, …) come first; the workers' main threads last
        return tids.length >= IDLE + 1 + 6 && tids.sort((a, b) => a - b).slice(-(IDLE + 1));
      }, 5000);
      expect(workers).toBeTruthy();
      await sleep(600); // the workers' own start-up is done (the spinner begins 1.2 s after its start)
      const refs: UnitRef[] = (workers as number[]).map((tid, i) => ({ runId: 'r1', unitId: i, mode: 'thread', pid, tid, state: 'waiting(io)', stateAt: 0, hostBaselineBytes: 0, hostUnits: IDLE + 1, selfCpuMs: 0 }));
      const read = vi.spyOn(ProcFiles.prototype, 'read'); // counts the real reads, changes nothing
      const taskReads = () => read.mock.calls.filter(([path]) => path.includes('/task/')).length;
      const maxPct = new Array<number>(refs.length).fill(0);
      const samples = 30;
      for (let k = 0; k < samples; k++) {
        const r = await reader.read(refs);
        if (k > 0) for (let i = 0; i < refs.length; i++) maxPct[i] = Math.max(maxPct[i], r.cpuPct[i]);
        await sleep(100);
      }
      // every sample read every thread before: 270 reads; now ~1 s of spinning and a refresh a second
      expect(taskReads()).toBeLessThan(0.7 * samples * refs.length);
      const spinner = maxPct.indexOf(Math.max(...maxPct));
      expect(maxPct[spinner]).toBeGreaterThan(60);
      for (const [i, pct] of maxPct.entries()) if (i !== spinner) expect(pct).toBeLessThan(25);
    } finally {
      reader.close();
      child.kill('SIGKILL');
    }
  });
});
