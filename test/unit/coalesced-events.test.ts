/** What a slow dashboard client is owed: each run's start and end, and each unit's latest state, in order. */
import { describe, expect, it } from 'vitest';
import type { RunEvent, RunSummary } from '../../contract/run-events.js';
import type { RunSpec } from '../../contract/schemas.js';
import { CoalescedEvents } from '../../main/server/coalesced-events.js';

const spec: RunSpec = { mode: 'async', runtime: 'node', workload: 'io-sleep', units: 1000 };
const unit = (runId: string, unitId: number, state: 'running' | 'done', t: number): RunEvent => ({ type: 'unit-state', runId, unitId, pid: 1, tid: null, state, t });

describe('run events held for a slow client', () => {
  it('keeps one entry per unit however many changes it had, and the latest wins', () => {
    const held = new CoalescedEvents();
    held.add({ type: 'run-started', runId: 'r1', spec, t: 0 });
    for (let round = 0; round < 50; round++) for (let u = 0; u < 1000; u++) held.add(unit('r1', u, 'running', round));
    for (let u = 0; u < 1000; u++) held.add(unit('r1', u, 'done', 99));
    held.add({ type: 'run-ended', runId: 'r1', summary: {} as RunSummary, t: 100 });
    expect(held.size).toBe(1002); // 51,002 events in, bounded by the units
    const out = held.take();
    expect(out[0]).toMatchObject({ type: 'run-started' });
    expect(out.at(-1)).toMatchObject({ type: 'run-ended' });
    expect(out.filter((e) => e.type === 'unit-state').every((e) => e.type === 'unit-state' && e.state === 'done' && e.t === 99)).toBe(true);
    expect(held.size).toBe(0);
  });

  it('sends changes in the order of their latest change', () => {
    const held = new CoalescedEvents();
    held.add(unit('r1', 0, 'running', 1));
    held.add(unit('r1', 1, 'running', 2));
    held.add(unit('r1', 0, 'done', 3));
    expect(held.take().map((e) => e.type === 'unit-state' && e.unitId)).toEqual([1, 0]);
  });
});
