import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../contract/run-events.js';
import type { Snapshot } from '../../contract/snapshot.js';
import { DrawGate } from '../../renderer/src/state/draw-gate.js';
import { heatRamp, parseColor, rampIndex, busyLevel } from '../../renderer/src/state/heat.js';
import { LiveStore, TOTALS } from '../../renderer/src/state/live-store.js';
import { HISTORY_MS, formatAgo, maxAgo, scrollBack, viewRange } from '../../renderer/src/state/view-span.js';

const snap = (t: number, cores: number[]): Snapshot => ({
  t,
  intervalMs: 100,
  cores,
  memory: { totalBytes: 1000, usedBytes: 400, availableBytes: 600 },
  runs: [],
  units: [],
  self: { cpuPct: 1, hostsCpuPct: 0, bytes: 2 },
});

describe('DrawGate', () => {
  it('draws when there is something new and the gap has passed, never more often', () => {
    const g = new DrawGate(100);
    expect(g.shouldDraw(0, 1)).toBe(true);
    expect(g.shouldDraw(50, 2)).toBe(false); // too soon
    expect(g.shouldDraw(120, 1)).toBe(false); // nothing new since the last draw
    expect(g.shouldDraw(120, 2)).toBe(true);
    expect(g.shouldDraw(500, 2)).toBe(false);
  });

  it('draws 20 Hz samples at most 10 times a second', () => {
    const g = new DrawGate(100);
    let draws = 0;
    let version = 0;
    for (let t = 0; t < 1000; t += 1000 / 60) {
      if (Math.floor(t / 50) > version) version = Math.floor(t / 50);
      if (g.shouldDraw(t, version)) draws++;
    }
    expect(draws).toBeLessThanOrEqual(10);
    expect(draws).toBeGreaterThanOrEqual(8);
  });
});

describe('view window', () => {
  it('follows the newest sample while live', () => {
    expect(viewRange({ spanMs: 60_000, anchorT: null }, 0, 100_000, 0)).toEqual({ t0: 40_000, t1: 100_000, live: true, agoMs: 0, maxAgoMs: 40_000 });
  });

  it('holds still once scrolled back, within what the ring holds', () => {
    const w = scrollBack({ spanMs: 60_000, anchorT: null }, 10_000, 100_000);
    expect(w.anchorT).toBe(90_000);
    expect(viewRange(w, 0, 105_000, 0)).toMatchObject({ t1: 90_000, live: false, agoMs: 15_000 });
    // further back than the oldest sample allows: clamped
    expect(viewRange({ spanMs: 60_000, anchorT: -50_000 }, 0, 100_000, 0)).toMatchObject({ t0: 0, t1: 60_000 });
    expect(scrollBack(w, 0, 100_000).anchorT).toBeNull();
  });

  it('never scrolls further back than HISTORY_MS', () => {
    expect(maxAgo(60_000, 0, HISTORY_MS * 3)).toBe(HISTORY_MS - 60_000);
    expect(maxAgo(60_000, null, null)).toBe(0);
  });

  it('says how far back in minutes and seconds', () => {
    expect(formatAgo(0)).toBe('live');
    expect(formatAgo(150_000)).toBe('−2:30');
  });
});

describe('heat colours', () => {
  it('parses the colours getComputedStyle gives', () => {
    expect(parseColor('#ff8000')).toEqual([255, 128, 0]);
    expect(parseColor(' #f80 ')).toEqual([255, 136, 0]);
    expect(parseColor('rgb(1, 2, 3)')).toEqual([1, 2, 3]);
    expect(parseColor('var(--x)')).toBeNull();
  });

  it('interpolates a 101-step ramp between its stops', () => {
    const ramp = heatRamp([
      [0, 0, 0],
      [200, 100, 0],
    ]);
    expect(ramp.length).toBe(303);
    expect(Array.from(ramp.slice(0, 3))).toEqual([0, 0, 0]);
    expect(Array.from(ramp.slice(150, 153))).toEqual([100, 50, 0]);
    expect(Array.from(ramp.slice(300, 303))).toEqual([200, 100, 0]);
  });

  it('indexes the ramp by busy %, with no sample reading as idle', () => {
    expect(rampIndex(NaN)).toBe(0);
    expect(rampIndex(140)).toBe(100);
    expect(rampIndex(49.6)).toBe(50);
    expect([0, 4, 20, 50, 95].map(busyLevel)).toEqual(['idle', 'idle', 'low', 'mid', 'high']);
  });
});

describe('LiveStore', () => {
  const manual = () => {
    const queue: Array<() => void> = [];
    const store = new LiveStore((fn) => void queue.push(fn), 100);
    return { store, run: () => queue.splice(0).forEach((f) => f()), queue };
  };

  it('fills the core and totals rings from snapshots and bumps its version', () => {
    const { store } = manual();
    store.ingestSnapshot(snap(1000, [20, 60]), 900);
    store.ingestSnapshot(snap(1100, [40, 80]), 1000);
    expect(store.version).toBe(2);
    expect(store.cores?.channels).toBe(2);
    expect(store.cores?.valueAt(1, 1)).toBe(80);
    expect(store.totals.valueAt(0, TOTALS.cpu)).toBe(40);
    expect(store.totals.valueAt(0, TOTALS.available)).toBe(600);
    expect(store.engineNow(1000)).toBe(1100);
  });

  it('puts the engine\'s recent history in front of what already arrived, nothing twice', () => {
    const { store } = manual();
    store.ingestSnapshot(snap(3000, [30, 70]), 3000);
    const h = (t: number, a: number) => ({ t, cores: [a, a], usedBytes: 100, availableBytes: 900 });
    store.ingestHistory({ samples: [h(1000, 10), h(2000, 20), h(3000, 99)] });
    expect(store.cores?.size).toBe(3);
    expect([0, 1, 2].map((i) => store.cores?.timeAt(i))).toEqual([1000, 2000, 3000]);
    expect(store.cores?.valueAt(1, 0)).toBe(20);
    expect(store.cores?.valueAt(2, 1)).toBe(70); // the snapshot's own value, not history's
    expect(store.totals.valueAt(0, TOTALS.used)).toBe(100);
    expect(store.totals.valueAt(2, TOTALS.used)).toBe(400);
    const v = store.version;
    store.ingestHistory({ samples: [h(3000, 1)] }); // nothing older: nothing changes
    expect(store.version).toBe(v);
  });

  it('reduces run events in batches and tells shape listeners only when a run starts or ends, not per unit state', () => {
    const { store, run, queue } = manual();
    let calls = 0;
    store.subscribeShape(() => calls++);
    const spec = { mode: 'async', runtime: 'node', workload: 'io-sleep', units: 3 } as const;
    store.ingestRunEvent({ type: 'run-started', runId: 'r1', spec, t: 5 });
    for (let i = 0; i < 3; i++) store.ingestRunEvent({ type: 'unit-state', runId: 'r1', unitId: i, pid: 1, tid: null, state: 'running', t: 6 });
    expect(queue).toHaveLength(1);
    expect(store.getRuns().lanes).toHaveLength(0);
    run();
    expect(calls).toBe(1); // the lane appeared
    expect(store.getRuns().lanes[0].counts).toEqual({ running: 3 });
    const shape = store.getShape();
    expect(shape.lanes.map((l) => l.runId)).toEqual(['r1']);

    // a batch of unit states only: the counts move, the shape (and so its listeners) do not
    for (let i = 0; i < 3; i++) store.ingestRunEvent({ type: 'unit-state', runId: 'r1', unitId: i, pid: 1, tid: null, state: 'done', t: 7 });
    run();
    expect(store.getRuns().lanes[0].counts).toEqual({ done: 3 });
    expect(store.getShape()).toBe(shape);
    expect(calls).toBe(1);

    // the run ends: listeners hear it, and the shape carries the end and the summary
    const summary: RunSummary = {
      runId: 'r1',
      ...spec,
      wallMs: 3,
      cpuMs: 0,
      cores: { count: 2, busyPct: [0, 0] },
      memory: { peakTotalBytes: 0, baselineBytes: 0, perUnitBytes: 0, measure: 'pss' },
      spawn: { p50Ms: 0, maxMs: 0 },
      unitResults: [],
    };
    store.ingestRunEvent({ type: 'run-ended', runId: 'r1', t: 8, summary });
    run();
    expect(calls).toBe(2);
    expect(store.getShape().lanes[0].endedAt).toBe(8);
    expect(store.getShape().lanes[0].summary).toBe(summary);
  });

  it('shows a launched run at once, applying a queued run-started first', () => {
    const { store } = manual();
    store.ingestRunEvent({ type: 'run-started', runId: 'r1', spec: { mode: 'process', runtime: 'node', workload: 'cpu', units: 1 }, t: 42 });
    store.launched('r1', { mode: 'process', runtime: 'node', workload: 'cpu', units: 1 }, 99);
    expect(store.getRuns().lanes).toHaveLength(1);
    expect(store.getRuns().lanes[0].startedAt).toBe(42);
  });

  it('starts a new core ring if the number of cores changes', () => {
    const { store } = manual();
    store.ingestSnapshot(snap(1, [1, 2]));
    store.ingestSnapshot(snap(2, [1, 2, 3, 4]));
    expect(store.cores?.channels).toBe(4);
    expect(store.cores?.size).toBe(1);
  });
});
