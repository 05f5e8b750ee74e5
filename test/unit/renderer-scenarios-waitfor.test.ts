import { describe, expect, it } from 'vitest';
import type { WaitForGraph } from '../../contract/run-events.js';
import { GRAPH_H, GRAPH_W, layoutWaitFor } from '../../renderer/src/state/wait-for-layout.js';

const PAIR: WaitForGraph = {
  units: [
    { unit: 'function_a', holds: ['A'], waitsFor: 'B' },
    { unit: 'function_b', holds: ['B'], waitsFor: 'A' },
  ],
  cycle: ['function_a', 'function_b'],
};

describe('wait-for graph layout', () => {
  it('lays the pair out as a ring in the order of the cycle, every arrow of it marked', () => {
    const g = layoutWaitFor(PAIR);
    expect(g.nodes.map((n) => n.id)).toEqual(['unit:function_a', 'lock:B', 'unit:function_b', 'lock:A']);
    expect(g.nodes.every((n) => n.inCycle)).toBe(true);
    expect(g.edges.map((e) => `${e.from} ${e.kind} ${e.to}`).sort()).toEqual([
      'lock:A held unit:function_a',
      'lock:B held unit:function_b',
      'unit:function_a waits lock:B',
      'unit:function_b waits lock:A',
    ]);
    expect(g.edges.every((e) => e.inCycle)).toBe(true);
    // function_a top-left, lock B top-right, function_b bottom-right, lock A bottom-left
    const at = Object.fromEntries(g.nodes.map((n) => [n.id, n]));
    expect(at['unit:function_a'].x).toBeLessThan(at['lock:B'].x);
    expect(at['unit:function_a'].y).toBeLessThan(at['lock:A'].y);
    expect(at['unit:function_b'].x).toBeGreaterThan(at['lock:A'].x);
    for (const n of g.nodes) {
      expect(n.x - n.hw).toBeGreaterThanOrEqual(0);
      expect(n.x + n.hw).toBeLessThanOrEqual(GRAPH_W);
      expect(n.y - n.hh).toBeGreaterThanOrEqual(0);
      expect(n.y + n.hh).toBeLessThanOrEqual(GRAPH_H);
    }
  });

  it('marks nothing before there is a cycle', () => {
    const g = layoutWaitFor({ units: [{ unit: 'function_a', holds: ['A'], waitsFor: null }, { unit: 'function_b', holds: ['B'], waitsFor: 'A' }], cycle: null });
    expect(g.edges.map((e) => `${e.from} ${e.kind} ${e.to}`).sort()).toEqual([
      'lock:A held unit:function_a',
      'lock:B held unit:function_b',
      'unit:function_b waits lock:A',
    ]);
    expect(g.edges.some((e) => e.inCycle)).toBe(false);
    expect(g.nodes.some((n) => n.inCycle)).toBe(false);
  });

  it('draws the self variant as two arrows between one unit and one lock, bent apart', () => {
    const g = layoutWaitFor({ units: [{ unit: 'function_a', holds: ['A'], waitsFor: 'A' }], cycle: ['function_a'] });
    expect(g.nodes.map((n) => n.id)).toEqual(['unit:function_a', 'lock:A']);
    expect(g.nodes[0].y).toBe(g.nodes[1].y);
    expect(g.edges).toHaveLength(2);
    expect(g.edges.every((e) => e.inCycle)).toBe(true);
    const [a, b] = g.edges;
    expect(Math.sign(a.labelY - g.nodes[0].y)).toBe(-Math.sign(b.labelY - g.nodes[0].y));
  });

  it('draws nothing for an empty graph', () => {
    expect(layoutWaitFor({ units: [], cycle: null })).toMatchObject({ nodes: [], edges: [] });
  });
});
