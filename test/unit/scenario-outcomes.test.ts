/** The pure parts of the scenarios: the semaphore's waves, and what the commons of one event loop do. */
import { describe, expect, it } from 'vitest';
import { permitTimes, waveStarts } from '../../workloads/scenarios/waves.js';
import { memoryCommons } from '../../workloads/sync/memory-commons.js';
import { atomicsCommons, newCommonsBuffer } from '../../workloads/sync/atomics-commons.js';
import type { TimelinePoint } from '../../workloads/scenarios/scenario.js';

describe('semaphore waves', () => {
  it("groups the article's 7 jobs behind 3 permits into waves 2 s apart", () => {
    const starts = [3, 1, 2, 2003, 2001, 2002, 4004];
    expect(waveStarts(starts, 1000)).toEqual([0, 2000, 4003]);
  });

  it('is one wave when everything starts together, and none when nothing started', () => {
    expect(waveStarts([5, 6, 7], 1000)).toEqual([0]);
    expect(waveStarts([], 1000)).toEqual([]);
  });

  it('reads each job’s permit time: its first running after waiting(semaphore)', () => {
    const timeline: TimelinePoint[] = [
      { unit: 0, state: 'running', t: 100 },
      { unit: 0, state: 'waiting(semaphore)', t: 101 },
      { unit: 1, state: 'running', t: 100 },
      { unit: 1, state: 'waiting(semaphore)', t: 101 },
      { unit: 0, state: 'running', t: 102 },
      { unit: 0, state: 'done', t: 2102 },
      { unit: 1, state: 'running', t: 2103 },
      { unit: 1, state: 'done', t: 4103 },
    ];
    expect(permitTimes(timeline)).toEqual([102, 2103]);
  });
});

describe('the commons', () => {
  const plan = { locks: ['A'], permits: 2 };

  it('async: a lock taken is not free until released; aborting a wait rejects it', async () => {
    const c = memoryCommons(plan);
    const lock = c.lock('A');
    expect(await lock.tryAcquire()).toBe(true);
    expect(await lock.tryAcquire()).toBe(false); // not reentrant
    const abort = new AbortController();
    const waiting = lock.acquire(abort.signal);
    abort.abort();
    await expect(waiting).rejects.toThrow();
    await lock.release();
    expect(() => c.lock('Z')).toThrow('no lock named Z');
  });

  it('async and threads: the semaphore counts the most holders at once', async () => {
    for (const c of [memoryCommons(plan), atomicsCommons(newCommonsBuffer(plan), plan)]) {
      const never = new AbortController().signal;
      await c.semaphore.acquire(never);
      await c.semaphore.acquire(never);
      c.semaphore.release();
      await c.semaphore.acquire(never);
      c.semaphore.release();
      c.semaphore.release();
      expect(c.semaphorePeak()).toBe(2);
    }
  });

  it('threads: the counter and the locks live in the shared buffer, seen alike by every view of it', async () => {
    const buffer = newCommonsBuffer(plan);
    const one = atomicsCommons(buffer, plan);
    const other = atomicsCommons(buffer, plan);
    await one.counter.write(20);
    expect(await other.finalCount()).toBe(20);
    expect(await one.lock('A').tryAcquire()).toBe(true);
    expect(await other.lock('A').tryAcquire()).toBe(false);
    await other.lock('A').release();
    expect(await one.lock('A').tryAcquire()).toBe(true);
  });
});
