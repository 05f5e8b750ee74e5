/** A host's reports between flushes, packed: alike and close reports share a group, order is kept. */
import { describe, expect, it } from 'vitest';
import { forEachGroupUnit, type StateGroup } from '../../contract/host-protocol.js';
import { StateBatch } from '../../workloads/hosts/state-batch.js';

/** Unpacks groups the way the engine does: [unitId, state, t] in order. */
const unpack = (groups: StateGroup[]) => {
  const out: [number, string, number][] = [];
  for (const g of groups) forEachGroupUnit(g, (id) => out.push([id, g.state, g.t]));
  return out;
};

describe('state batch', () => {
  it('packs 100,000 tasks that start waiting together into one group of two numbers', () => {
    const batch = new StateBatch();
    for (let id = 0; id < 100_000; id++) batch.add(id, 'waiting(io)', 1000 + id / 1e6, 42, 42);
    const groups = batch.take();
    expect(groups).toEqual([{ state: 'waiting(io)', t: 1000, pid: 42, tid: 42, ids: [0, 99_999] }]);
    expect(JSON.stringify(groups).length).toBeLessThan(100);
    expect(batch.size).toBe(0);
  });

  it('keeps each unit at the time of its first report within GROUP_WITHIN_MS, and starts a group past it', () => {
    const batch = new StateBatch();
    batch.add(0, 'done', 10, 1, 1, 0);
    batch.add(1, 'done', 10.5, 1, 1, 0);
    batch.add(2, 'done', 12, 1, 1, 0);
    expect(unpack(batch.take())).toEqual([
      [0, 'done', 10],
      [1, 'done', 10],
      [2, 'done', 12],
    ]);
  });

  it('makes ranges of ids that follow each other, and pairs for those that do not', () => {
    const batch = new StateBatch();
    for (const id of [5, 6, 7, 9, 3, 4]) batch.add(id, 'waiting(io)', 0, 1, 1);
    const [g] = batch.take();
    expect(g.ids).toEqual([5, 7, 9, 9, 3, 4]);
  });

  it('never puts a later state before an earlier one: only the last group grows', () => {
    const batch = new StateBatch();
    batch.add(0, 'running', 0, 1, 1, 5);
    batch.add(1, 'waiting(lock)', 0, 1, 1, 5);
    batch.add(1, 'running', 0, 1, 1, 5); // unit 1 runs again: a new group, not unit 0's
    batch.add(2, 'running', 0, 1, 1, 5);
    expect(unpack(batch.take()).map(([id, s]) => `${id}:${s}`)).toEqual(['0:running', '1:waiting(lock)', '1:running', '2:running']);
  });

  it('keeps apart reports that differ in CPU, pid or tid, and those with an error, detail or peak', () => {
    const batch = new StateBatch();
    batch.add(0, 'running', 0, 1, 1, 5);
    batch.add(1, 'running', 0, 1, 1, 6);
    batch.add(2, 'running', 0, 2, 2, 6);
    batch.push({ unitId: 3, state: 'failed', t: 0, pid: 2, tid: 2, cpuMs: 6, error: 'boom' });
    batch.push({ unitId: 4, state: 'failed', t: 0, pid: 2, tid: 2, cpuMs: 6 });
    batch.push({ unitId: 5, state: 'waiting(lock)', t: 0, pid: 2, tid: 2, detail: { holds: ['A'], waitsFor: 'B' } });
    const groups = batch.take();
    expect(groups.map((g) => g.ids)).toEqual([[0, 0], [1, 1], [2, 2], [3, 3], [4, 4], [5, 5]]);
    expect(groups[3]).toMatchObject({ error: 'boom', cpuMs: 6 });
    expect(groups[5].detail).toEqual({ holds: ['A'], waitsFor: 'B' });
    expect(groups[0]).not.toHaveProperty('unitId');
  });
});
