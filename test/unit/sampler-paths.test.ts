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
import type { CoreLoadReader } from '../../main/engine/readers/core-load.js';
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
    const now = vi.spyOn(readers.cores as Required<CoreLoadReader>, 'readNow');
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
    vi.spyOn(readers.cores as Required<CoreLoadReader>, 'readNow').mockImplementationOnce(() => {
      throw new Error('cannot read /proc/stat');
    });
    const [next] = await snapshots(sampler, 1);
    expect(errors).toEqual([new Error('cannot read /proc/stat')]);
    expect(next.cores).toHaveLength(os.cpus().length);
  });

  it('re-arms one timer for the interval while on schedule, never runs ahead of it, and catches up its slip', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      const readers = createReaders('proc');
      sampler = new Sampler(() => [], { intervalMs: 50, readers });
      const got: Snapshot[] = [];
      sampler.on('snapshot', (s) => got.push(s));
      await sampler.start();
      await vi.advanceTimersByTimeAsync(50); // the first sample, the awaited way
      const armed = vi.spyOn(globalThis, 'setTimeout');
      await vi.advanceTimersByTimeAsync(50 * 20);
      expect(got).toHaveLength(21);
      expect(armed).not.toHaveBeenCalled(); // on time: the same timer, re-armed
      // each sample now takes 3 ms: the schedule slips, and a fresh wait catches it up now and then
      const readNow = (readers.cores as Required<CoreLoadReader>).readNow.bind(readers.cores);
      vi.spyOn(readers.cores as Required<CoreLoadReader>, 'readNow').mockImplementation(() => {
        vi.setSystemTime(Date.now() + 3);
        return readNow();
      });
      const t0 = got.at(-1)!.t;
      const before = got.length;
      await vi.advanceTimersByTimeAsync(50 * 40);
      const late = got.slice(before).map((s, i) => s.t - (t0 + (i + 1) * 50));
      expect(late.length).toBeGreaterThanOrEqual(38);
      for (const ms of late) expect(ms).toBeGreaterThanOrEqual(0); // never ahead of the schedule
      expect(Math.max(...late)).toBeLessThanOrEqual(50 * 0.1 + 3 + 3); // the slack, this sample's 3 ms, one more slip
      expect(armed.mock.calls.length).toBeGreaterThan(0);
      expect(armed.mock.calls.length).toBeLessThanOrEqual(late.length / 2);
    } finally {
      sampler?.stop();
      vi.restoreAllMocks(); // before the real timers are back: a spy restores what it replaced
      vi.useRealTimers();
    }
  });

  it('samples on at a new interval set while running', async () => {
    sampler = new Sampler(() => [], { intervalMs: 50, readers: createReaders('proc') });
    await sampler.start();
    await snapshots(sampler, 3);
    sampler.setIntervalMs(60);
    const [a, b] = await snapshots(sampler, 2);
    expect(b.t - a.t).toBeGreaterThanOrEqual(59);
  });
});
