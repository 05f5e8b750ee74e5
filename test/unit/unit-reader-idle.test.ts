/**
 * With no units (`corescope sample`, a dashboard between runs) a sample reads nothing for units: but
 * only once the read after the last unit has let go of what it kept (the file handles of the host that
 * ended), and a unit that comes afterwards is read again from a fresh start.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ProcFiles } from '../../main/engine/readers/proc-files.js';
import { UnitReader } from '../../main/engine/readers/unit-reader.js';
import type { UnitRef } from '../../main/engine/runs/unit-ref.js';

const onLinux = process.platform === 'linux';

const unitOf = (pid: number): UnitRef => ({
  runId: 'r1',
  unitId: 0,
  mode: 'process',
  pid,
  tid: null,
  state: 'running',
  stateAt: 0,
  hostBaselineBytes: 0,
  hostUnits: 1,
  selfCpuMs: 0,
});

describe.skipIf(!onLinux)('the unit reader with no units', () => {
  afterEach(() => vi.restoreAllMocks());

  it('closes the last host’s handles once, then reads nothing until a unit comes', async () => {
    const reads = vi.spyOn(ProcFiles.prototype, 'read'); // counts the real reads, changes nothing
    const retained = vi.spyOn(ProcFiles.prototype, 'retainOnly');
    const reader = new UnitReader('proc');
    try {
      const ref = unitOf(process.pid);
      const first = await reader.read([ref]);
      expect(first.units).toHaveLength(1);
      expect(first.bytes[0]).toBeGreaterThan(0);
      expect(reads.mock.calls.some(([path]) => path === `/proc/${process.pid}/stat`)).toBe(true);

      // the first read without units lets go of the host's handles
      expect((await reader.read([])).units).toHaveLength(0);
      expect(retained).toHaveBeenLastCalledWith(new Set());
      const readsThen = reads.mock.calls.length;
      const retainsThen = retained.mock.calls.length;

      for (let i = 0; i < 5; i++) {
        const idle = await reader.read([]);
        expect(idle.units).toHaveLength(0);
        expect(idle.cpuPct).toHaveLength(0);
        expect(idle.hostCpuPct.size).toBe(0);
      }
      expect(reads.mock.calls.length).toBe(readsThen);
      expect(retained.mock.calls.length).toBe(retainsThen);

      // a unit again: read afresh (its first rate sets the base: 0 %)
      const again = await reader.read([unitOf(process.pid)]);
      expect(again.units).toHaveLength(1);
      expect(again.bytes[0]).toBeGreaterThan(0);
      expect(reads.mock.calls.length).toBeGreaterThan(readsThen);
    } finally {
      reader.close();
    }
  });
});
