/**
 * PSS (smaps_rollup, a walk of the process's page tables) is the sampler's dearest read. A process whose
 * resident set keeps growing used to be read again at every sample (each 1 MB move asked for a fresh
 * PSS): a thread host holding 64 isolates cost ~2.5 % of a core that way. Now such a process is read
 * at most once a second, and its PSS follows its RSS in between. A real child that grows 2 MB every
 * 20 ms, read every 100 ms.
 */
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ProcFiles } from '../../main/engine/readers/proc-files.js';
import { UnitReader } from '../../main/engine/readers/unit-reader.js';
import type { UnitRef } from '../../main/engine/runs/unit-ref.js';

const onLinux = process.platform === 'linux';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const GROWER = 'const keep = []; const t = setInterval(() => { keep.push(Buffer.alloc(2 << 20, 1)); if (keep.length >= 100) clearInterval(t); }, 20); setTimeout(() => {}, 60000);';

describe.skipIf(!onLinux)('PSS of a growing process', () => {
  afterEach(() => vi.restoreAllMocks());

  it('is read at most about once a second, and follows RSS in between', async () => {
    const child = spawn(process.execPath, ['-e', GROWER], { stdio: 'ignore' });
    const reader = new UnitReader('proc');
    try {
      const pid = child.pid as number;
      const ref: UnitRef = { runId: 'r1', unitId: 0, mode: 'process', pid, tid: null, state: 'running', stateAt: 0, hostBaselineBytes: 0, hostUnits: 1, selfCpuMs: 0 };
      const read = vi.spyOn(ProcFiles.prototype, 'read'); // counts the real reads, changes nothing
      const smapsReads = () => read.mock.calls.filter(([path]) => path.endsWith('/smaps_rollup')).length;
      await sleep(200); // growing by now
      const bytes: number[] = [];
      const started = performance.now();
      for (let i = 0; i < 15; i++) {
        bytes.push((await reader.read([ref])).bytes[0]);
        await sleep(100);
      }
      const seconds = (performance.now() - started) / 1000;
      // every one of the 15 samples saw RSS move by ≥ 1 MB: the old rule read PSS 15 times
      expect(smapsReads()).toBeGreaterThanOrEqual(1);
      expect(smapsReads()).toBeLessThanOrEqual(Math.ceil(seconds) + 1);
      // between reads the figure still grew with the process (~100 MB a second here)
      expect(bytes[bytes.length - 1] - bytes[0]).toBeGreaterThan(20 << 20);
    } finally {
      reader.close();
      child.kill('SIGKILL');
    }
  });
});
