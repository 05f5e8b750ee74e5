/**
 * The wait-for graph laid out for drawing: unit nodes and lock nodes on a ring, in the order of the
 * cycle when there is one (function_a → B → function_b → A → back), an arrow from a unit to the lock it
 * waits for and from a lock to the unit that holds it, and the cycle's arrows marked. Pure geometry:
 * the view draws the paths it is given.
 */
import type { WaitForGraph } from '../../../contract/run-events.js';

interface GraphNode {
  id: string;
  kind: 'unit' | 'lock';
  label: string;
  x: number;
  y: number;
  /** half width and height of its box */
  hw: number;
  hh: number;
  inCycle: boolean;
}

interface GraphEdge {
  from: string;
  to: string;
  /** unit → lock: "waits for"; lock → unit: "held by" */
  kind: 'waits' | 'held';
  inCycle: boolean;
  /** SVG path (a gentle curve, so that two opposite arrows between the same nodes stay apart) */
  d: string;
  labelX: number;
  labelY: number;
}

export interface GraphLayout {
  width: number;
  height: number;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export const GRAPH_W = 420;
export const GRAPH_H = 260;
const UNIT_BOX = { hw: 62, hh: 17 };
const LOCK_BOX = { hw: 26, hh: 17 };

const unitId = (name: string) => `unit:${name}`;
const lockId = (name: string) => `lock:${name}`;

/** Where the arrow leaves a box: the point on its edge along the way to (dx, dy). */
function trim(hw: number, hh: number, dx: number, dy: number): number {
  const ax = Math.abs(dx);
  const ay = Math.abs(dy);
  if (ax === 0 && ay === 0) return 0;
  return Math.min(ax ? hw / ax : Infinity, ay ? hh / ay : Infinity);
}

const r1 = (v: number) => Math.round(v * 10) / 10;

export function layoutWaitFor(graph: WaitForGraph, width = GRAPH_W, height = GRAPH_H): GraphLayout {
  const byName = new Map(graph.units.map((u) => [u.unit, u]));
  const cycle = new Set(graph.cycle ?? []);
  const holder = new Map<string, string>();
  for (const u of graph.units) for (const l of u.holds) holder.set(l, u.unit);

  // the ring's order: the cycle first (each unit, then the lock it waits for), then everyone else
  const order: string[] = [];
  const add = (id: string) => order.includes(id) || order.push(id);
  for (const name of graph.cycle ?? []) {
    add(unitId(name));
    const w = byName.get(name)?.waitsFor;
    if (w) add(lockId(w));
  }
  for (const u of graph.units) {
    add(unitId(u.unit));
    if (u.waitsFor) add(lockId(u.waitsFor));
    for (const l of u.holds) add(lockId(l));
  }

  // locks whose waiter is in the cycle and whose holder is too: the cycle's locks
  const cycleLocks = new Set<string>();
  for (const name of cycle) {
    const w = byName.get(name)?.waitsFor;
    if (w && cycle.has(holder.get(w) ?? '')) cycleLocks.add(w);
  }

  const cx = width / 2;
  const cy = height / 2;
  const rx = width / 2 - UNIT_BOX.hw - 8;
  const ry = height / 2 - UNIT_BOX.hh - 24;
  const n = order.length;
  const nodes: GraphNode[] = order.map((id, i) => {
    const kind = id.startsWith('unit:') ? 'unit' : 'lock';
    const label = id.slice(id.indexOf(':') + 1);
    // two nodes side by side; more on a ring starting top-left, clockwise
    const angle = n === 2 ? Math.PI + i * Math.PI : -0.75 * Math.PI + (i * 2 * Math.PI) / Math.max(1, n);
    const box = kind === 'unit' ? UNIT_BOX : LOCK_BOX;
    return {
      id,
      kind,
      label: kind === 'lock' ? `lock ${label}` : label,
      x: r1(n === 1 ? cx : cx + rx * Math.cos(angle)),
      y: r1(n === 1 ? cy : n === 2 ? cy : cy + ry * Math.sin(angle)),
      ...box,
      inCycle: kind === 'unit' ? cycle.has(label) : cycleLocks.has(label),
    };
  });
  const at = new Map(nodes.map((nd) => [nd.id, nd]));

  const edges: GraphEdge[] = [];
  const edge = (from: string, to: string, kind: GraphEdge['kind'], inCycle: boolean) => {
    const a = at.get(from);
    const b = at.get(to);
    if (!a || !b) return;
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const len = Math.hypot(dx, dy) || 1;
    // bend to the right of the direction of travel: the arrow back between the same two nodes bends the other way
    const bend = n === 2 ? 36 : 14;
    const nx = -dy / len;
    const ny = dx / len;
    const mx = (a.x + b.x) / 2 + nx * bend;
    const my = (a.y + b.y) / 2 + ny * bend;
    const ta = trim(a.hw + 3, a.hh + 3, mx - a.x, my - a.y);
    const tb = trim(b.hw + 6, b.hh + 6, mx - b.x, my - b.y);
    const sx = a.x + (mx - a.x) * ta;
    const sy = a.y + (my - a.y) * ta;
    const ex = b.x + (mx - b.x) * tb;
    const ey = b.y + (my - b.y) * tb;
    edges.push({
      from,
      to,
      kind,
      inCycle,
      d: `M${r1(sx)},${r1(sy)} Q${r1(mx)},${r1(my)} ${r1(ex)},${r1(ey)}`,
      // the curve's midpoint, nudged outward so the words sit beside the line
      labelX: r1((sx + 2 * mx + ex) / 4 + nx * 10),
      labelY: r1((sy + 2 * my + ey) / 4 + ny * 10),
    });
  };
  for (const u of graph.units) {
    if (u.waitsFor) edge(unitId(u.unit), lockId(u.waitsFor), 'waits', cycle.has(u.unit));
    for (const l of u.holds) edge(lockId(l), unitId(u.unit), 'held', cycle.has(u.unit) && cycleLocks.has(l));
  }
  return { width, height, nodes, edges };
}
