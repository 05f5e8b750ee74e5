/**
 * The sampler's two paths to one snapshot: the machine alone on Linux is read and built at once (no
 * promise between the timer and the snapshot), anything that must be waited for — units, a watched
 * program, readers without a synchronous read — goes the awaited way. Both give the same snapshot, and
 * a failed read on either is reported and the loop goes on.
 */
import os from 'node:os';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Snapshot, UnitSample } from '../../contract/snapshot.js';
import { createReaders } from '../../main/engine/readers/choose.js';
import { Sampler, type MoreUnits } from '../../main/engine/sampler.js';

const onLinux = process.platform === 'linux';

function snapshots(sampler: Sampler, n: number): Promise<Snapshot[]> {
  const got: Snapshot[] = [];
  return new Promise((resolve) => {
    const on = (s: Snapshot) => {
      got.push(s);
      if (got.length < n) return;
      sampler.off('snapshot', on);
      resolve(got);
    };
    sampler.on('snapshot', on);
  });
}

describe.skipIf(!onLinux)('the sampler’s paths', () => {
  let sampler: Sampler | null = null;
  afterEach(() => {
    sampler?.stop();
    vi.restoreAllMocks();
  });

  it('reads the machine alone without waiting, and waits where a watched program must be read', async () => {
    const readers = createReaders('proc');
    const awaited = vi.spyOn(readers.cores, 'read');
    const now = vi.spyOn(readers.cores, 'readNow' as never);
    let watching = false;
    const watched: UnitSample[] = [];
    const more: MoreUnits = {
      get any() {
        return watching;
      },
      sample: vi.fn(async () => watched),
    };
    sampler = new Sampler(() => [], { intervalMs: 50, readers, moreUnits: more });
    await sampler.start();
    await snapshots(sampler, 1); // the first sample reads the unit reader's first (empty) set the awaited way
    awaited.mockClear();

    const alone = await snapshots(sampler, 3);
    for (const s of alone) {
      expect(s.cores).toHaveLength(os.cpus().length);
      expect(s.memory.totalBytes).toBeGreaterThan(s.memory.availableBytes);
      expect(s.runs).toEqual([]);
      expect(s.units).toEqual([]);
      expect(s.intervalMs).toBeGreaterThan(20);
    }
    expect(now).toHaveBeenCalled();
    expect(awaited).not.toHaveBeenCalled();
    expect(more.sample).not.toHaveBeenCalled();

    watching = true;
    await snapshots(sampler, 2);
    expect(awaited).toHaveBeenCalled();
    expect(more.sample).toHaveBeenCalledWith(50);
  });

  it('reports a failed read on the quick path and samples on', async () => {
    const readers = createReaders('proc');
    sampler = new Sampler(() => [], { intervalMs: 50, readers });
    await sampler.start();
    const errors: unknown[] = [];
    sampler.on('error', (e) => errors.push(e));
    vi.spyOn(readers.cores, 'readNow' as never).mockImplementationOnce(() => {
      throw new Error('cannot read /proc/stat');
    });
    const [next] = await snapshots(sampler, 1);
    expect(errors).toEqual([new Error('cannot read /proc/stat')]);
    expect(next.cores).toHaveLength(os.cpus().length);
  });
});
