/**
 * Turns one sample's readings into what a Snapshot carries — per-run aggregates and a bounded list of
 * units (the busiest, then those whose state changed since the previous snapshot) — and answers the
 * units table's requests for a page of all the live units. One pass over the units per sample; a
 * UnitSample object is made only for a unit that is listed.
 */
import type { UnitState } from '../../contract/domain.js';
import type { UnitsPageParams } from '../../contract/schemas.js';
import { SNAPSHOT_UNITS, type RunAggregate, type UnitSample, type UnitsPage } from '../../contract/snapshot.js';
import type { UnitReadings } from './readers/unit-reader.js';

function unitSample(r: UnitReadings, i: number): UnitSample {
  const u = r.units[i];
  return {
    runId: u.runId,
    unitId: u.unitId,
    pid: u.pid,
    tid: u.tid,
    cpuPct: r.cpuPct[i],
    bytes: Math.round(r.bytes[i]),
    core: coreOf(u.state, r.core[i]) >= 0 ? r.core[i] : null,
    state: u.state,
  };
}

const runNum = (id: string) => Number(id.slice(1)) || 0;
const STATE_ORDER: Record<UnitState, number> = {
  queued: 0,
  starting: 1,
  running: 2,
  'waiting(lock)': 3,
  'waiting(semaphore)': 4,
  'waiting(io)': 5,
  done: 6,
  cancelled: 7,
  failed: 8,
  killed: 9,
};

/**
 * A unit that has not said anything yet has no core of its own: its pid is still its host's (a
 * scenario's queued leg, a unit still starting), so it puts no chip on the host's core.
 */
const hasBegun = (state: UnitState): boolean => state !== 'queued' && state !== 'starting';
const coreOf = (state: UnitState, core: number): number => (hasBegun(state) ? core : -1);

const STATES = Object.keys(STATE_ORDER) as UnitState[];

type CoreLoad = RunAggregate['cores'][number];

/**
 * Sums each run's units, one stretch at a time (a run's units come together): the sums are kept in
 * locals and the state's index is looked up only when the state differs from the unit before's, so
 * 100,000 tasks are a pass over numbers.
 */
export function aggregateRuns(r: UnitReadings): RunAggregate[] {
  const runs = new Map<string, RunAggregate & { byCore: Map<number, CoreLoad> }>();
  const counts = new Uint32Array(STATES.length);
  const n = r.units.length;
  for (let i = 0; i < n; ) {
    const first = r.units[i];
    let a = runs.get(first.runId);
    if (!a) runs.set(first.runId, (a = { runId: first.runId, mode: first.mode, live: 0, states: {}, cpuPct: 0, bytes: 0, cores: [], byCore: new Map() }));
    let live = 0;
    let cpu = 0;
    let bytes = 0;
    let state: UnitState | null = null;
    let stateIndex = 0;
    let begun = false;
    let c: CoreLoad | undefined;
    for (; i < n && r.units[i].runId === first.runId; i++) {
      const u = r.units[i];
      if (u.state !== state) {
        state = u.state;
        stateIndex = STATE_ORDER[state];
        begun = hasBegun(state);
      }
      counts[stateIndex]++;
      live++;
      const pct = r.cpuPct[i];
      cpu += pct;
      bytes += r.bytes[i];
      const core = r.core[i];
      if (!begun || core < 0) continue;
      if (c?.core !== core) {
        c = a.byCore.get(core);
        if (!c) a.byCore.set(core, (c = { core, units: 0, cpuPct: 0 }));
      }
      c.units++;
      c.cpuPct += pct;
    }
    a.live += live;
    a.cpuPct += cpu;
    a.bytes += bytes;
    for (let k = 0; k < counts.length; k++)
      if (counts[k] > 0) {
        a.states[STATES[k]] = (a.states[STATES[k]] ?? 0) + counts[k];
        counts[k] = 0;
      }
  }
  return [...runs.values()].map(({ byCore, ...a }) => ({ ...a, bytes: Math.round(a.bytes), cores: [...byCore.values()].sort((x, y) => x.core - y.core) }));
}

/** Runs summed from samples already made (a watched program's threads: one process-mode run each). */
export function aggregateSamples(samples: readonly UnitSample[]): RunAggregate[] {
  const runs = new Map<string, RunAggregate>();
  for (const u of samples) {
    let a = runs.get(u.runId);
    if (!a) runs.set(u.runId, (a = { runId: u.runId, mode: 'process', live: 0, states: {}, cpuPct: 0, bytes: 0, cores: [] }));
    a.live++;
    a.states[u.state] = (a.states[u.state] ?? 0) + 1;
    a.cpuPct += u.cpuPct;
    a.bytes += u.bytes;
    if (u.core === null) continue;
    const c = a.cores.find((x) => x.core === u.core) ?? (a.cores.push({ core: u.core, units: 0, cpuPct: 0 }), a.cores[a.cores.length - 1]);
    c.units++;
    c.cpuPct += u.cpuPct;
  }
  return [...runs.values()].map((a) => ({ ...a, cores: a.cores.sort((x, y) => x.core - y.core) }));
}

/**
 * The units a snapshot lists: the `busiest` by CPU (ties: run, then unit, so the list is stable), then
 * up to `changed` more whose state began after `since`. A bounded selection, not a sort of them all.
 */
export function listedUnits(r: UnitReadings, since: number, limits = SNAPSHOT_UNITS): UnitSample[] {
  const n = r.units.length;
  if (n <= limits.busiest) return Array.from({ length: n }, (_, i) => unitSample(r, i));
  const top: number[] = []; // indices, kept sorted by cpu descending; at most `busiest`
  for (let i = 0; i < n; i++) {
    const cpu = r.cpuPct[i];
    if (top.length === limits.busiest && cpu <= r.cpuPct[top[top.length - 1]]) continue;
    let at = top.length;
    while (at > 0 && r.cpuPct[top[at - 1]] < cpu) at--;
    top.splice(at, 0, i);
    if (top.length > limits.busiest) top.pop();
  }
  const listed = new Set(top);
  const out = top.map((i) => unitSample(r, i));
  // none began a state since the last snapshot (100,000 idle tasks): no walk
  if (r.latestStateAt <= since) return out;
  for (let i = 0, extra = 0; i < n && extra < limits.changed; i++)
    if (r.units[i].stateAt > since && !listed.has(i)) {
      out.push(unitSample(r, i));
      extra++;
    }
  return out;
}

/** A page of every live unit, sorted as asked (ties: run, then unit, so pages don't overlap). */
export function unitsPage(r: UnitReadings | null, p: UnitsPageParams): UnitsPage {
  if (!r) return { total: 0, offset: p.offset, rows: [] };
  const key = (i: number): number => {
    const u = r.units[i];
    switch (p.sort) {
      case 'run':
        return runNum(u.runId);
      case 'unit':
        return u.unitId;
      case 'pid':
        return u.pid;
      case 'tid':
        return u.tid ?? -1;
      case 'mode':
        return u.mode === 'process' ? 0 : u.mode === 'thread' ? 1 : 2;
      case 'state':
        return STATE_ORDER[u.state];
      case 'core':
        return r.core[i];
      case 'cpuPct':
        return r.cpuPct[i];
      case 'bytes':
        return r.bytes[i];
    }
  };
  const sign = p.dir === 'asc' ? 1 : -1;
  const order = Array.from({ length: r.units.length }, (_, i) => i);
  order.sort((a, b) => sign * (key(a) - key(b)) || runNum(r.units[a].runId) - runNum(r.units[b].runId) || r.units[a].unitId - r.units[b].unitId);
  return { total: order.length, offset: p.offset, rows: order.slice(p.offset, p.offset + p.limit).map((i) => unitSample(r, i)) };
}
