import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CONFIRM_MS, DeadlockWatchdog } from '../../main/engine/scenarios/deadlock-watchdog.js';
import { describeCycle, findCycle, type HoldWait } from '../../main/engine/scenarios/wait-for.js';

const unit = (name: string, holds: string[], waitsFor: string | null = null): HoldWait => ({ unit: name, holds, waitsFor });
const names = (c: HoldWait[] | null) => c?.map((u) => u.unit) ?? null;

describe('the wait-for cycle', () => {
  it("finds the article's deadlock: each holds what the other waits for", () => {
    const cycle = findCycle([unit('function_a', ['A'], 'B'), unit('function_b', ['B'], 'A')]);
    expect(describeCycle(cycle ?? [])).toEqual(['function_a holds A, waits B', 'function_b holds B, waits A']);
  });

  it('finds a unit waiting for a lock it holds itself (a cycle of one)', () => {
    expect(describeCycle(findCycle([unit('function_a', ['A'], 'A')]) ?? [])).toEqual(['function_a holds A, waits A']);
  });

  it('finds no cycle where the waits end at a unit that is not waiting', () => {
    expect(findCycle([unit('t1', ['A'], 'B'), unit('t2', ['B'], 'C'), unit('t3', ['C'])])).toBeNull();
    expect(findCycle([unit('t1', [], 'counter'), unit('t2', ['counter'])])).toBeNull();
    expect(findCycle([unit('t1', [], 'free')])).toBeNull();
    expect(findCycle([])).toBeNull();
  });

  it('finds a longer cycle, and only its members', () => {
    const cycle = findCycle([unit('t0', [], 'A'), unit('t1', ['A'], 'B'), unit('t2', ['B'], 'C'), unit('t3', ['C'], 'A')]);
    expect(names(cycle)).toEqual(['t1', 't2', 't3']);
  });
});

describe('the deadlock watchdog', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  const watch = () => {
    const found: string[][] = [];
    const dog = new DeadlockWatchdog(['function_a', 'function_b'], (v) => found.push(v.cycle));
    return { dog, found };
  };

  it('gives its verdict once the same cycle has held for CONFIRM_MS, and only once', () => {
    const { dog, found } = watch();
    dog.update(0, 'running', { holds: ['A'], waitsFor: null });
    dog.update(1, 'waiting(lock)', { holds: ['B'], waitsFor: 'A' });
    const graph = dog.update(0, 'waiting(lock)', { holds: ['A'], waitsFor: 'B' });
    expect(graph.cycle).toEqual(['function_a', 'function_b']);
    expect(graph.units).toEqual([
      { unit: 'function_a', holds: ['A'], waitsFor: 'B' },
      { unit: 'function_b', holds: ['B'], waitsFor: 'A' },
    ]);
    vi.advanceTimersByTime(CONFIRM_MS - 1);
    expect(found).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(found).toEqual([['function_a holds A, waits B', 'function_b holds B, waits A']]);
    dog.update(1, 'killed', undefined);
    dog.update(1, 'waiting(lock)', { holds: ['B'], waitsFor: 'A' });
    vi.advanceTimersByTime(CONFIRM_MS * 4);
    expect(found).toHaveLength(1);
    dog.dispose();
  });

  it('lets a cycle that goes away within CONFIRM_MS pass (reports still in flight)', () => {
    const { dog, found } = watch();
    dog.update(0, 'waiting(lock)', { holds: ['A'], waitsFor: 'B' });
    dog.update(1, 'waiting(lock)', { holds: ['B'], waitsFor: 'A' });
    vi.advanceTimersByTime(CONFIRM_MS / 2);
    expect(dog.update(1, 'done', { holds: [], waitsFor: null }).cycle).toBeNull();
    vi.advanceTimersByTime(CONFIRM_MS * 4);
    expect(found).toEqual([]);
    expect(dog.verdict).toBeNull();
  });

  it('forgets what an ended unit held', () => {
    const { dog } = watch();
    dog.update(0, 'running', { holds: ['A'], waitsFor: null });
    expect(dog.update(0, 'cancelled', { holds: ['A'], waitsFor: null }).units).toEqual([]);
    dog.dispose();
  });
});
