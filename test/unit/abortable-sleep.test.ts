/** The sleep every waiting unit uses: on time, in order, one timer per due millisecond, all ended by one abort. */
import { describe, expect, it } from 'vitest';
import { sleepUnlessAborted } from '../../workloads/kernels/abortable-sleep.js';

const pendingTimers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

describe('sleepUnlessAborted', () => {
  it('resolves no earlier than asked', async () => {
    const signal = new AbortController().signal;
    for (const ms of [1, 15, 40]) {
      const t = performance.now();
      await sleepUnlessAborted(ms, signal);
      expect(performance.now() - t).toBeGreaterThanOrEqual(ms - 1); // the loop's clock counts whole ms
    }
  });

  it('wakes sleeps in the order they are due, and those due together in the order they began', async () => {
    const signal = new AbortController().signal;
    const woke: string[] = [];
    const all = [
      sleepUnlessAborted(60, signal).then(() => woke.push('late')),
      ...Array.from({ length: 1000 }, (_, i) => sleepUnlessAborted(20, signal).then(() => woke.push(`a${i}`))),
      sleepUnlessAborted(5, signal).then(() => woke.push('early')),
    ];
    await Promise.all(all);
    expect(woke[0]).toBe('early');
    expect(woke.at(-1)).toBe('late');
    expect(woke.slice(1, -1)).toEqual(Array.from({ length: 1000 }, (_, i) => `a${i}`));
  });

  it('shares one timer among the sleeps due in the same millisecond', async () => {
    const abort = new AbortController();
    const before = pendingTimers();
    const sleeps = Array.from({ length: 10_000 }, () => sleepUnlessAborted(10_000, abort.signal));
    const timers = pendingTimers() - before;
    expect(timers).toBeGreaterThanOrEqual(1);
    expect(timers).toBeLessThan(100); // 10,000 timers before (one per sleep)
    abort.abort();
    await Promise.all(sleeps);
  });

  it('ends every pending sleep at once on abort and leaves no timer behind', async () => {
    const abort = new AbortController();
    const before = pendingTimers();
    const sleeps = [1000, 5000, 60_000].flatMap((ms) => Array.from({ length: 100 }, () => sleepUnlessAborted(ms, abort.signal)));
    expect(pendingTimers()).toBeGreaterThan(before);
    const t = performance.now();
    abort.abort();
    await Promise.all(sleeps);
    expect(performance.now() - t).toBeLessThan(500);
    expect(pendingTimers()).toBe(before);
  });

  it('does not wait at all once the signal has aborted', async () => {
    const abort = new AbortController();
    abort.abort();
    const before = pendingTimers();
    const t = performance.now();
    await sleepUnlessAborted(60_000, abort.signal);
    expect(performance.now() - t).toBeLessThan(100);
    expect(pendingTimers()).toBe(before);
  });
});
