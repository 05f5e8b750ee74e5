/**
 * A scenario's timeline as plain data: one lane per unit, each a list of segments (state, from, to in
 * ms after the run's start; a final state is a mark at the moment it happened), lanes in a readable
 * order, the semaphore's waves, and the ticks of the time axis in seconds. Pure: the view only draws.
 */
import { FINAL_STATES, UNIT_STATES, gotPermit, type UnitState } from '../../../contract/domain.js';
import type { DeadlockOutcome, FirstCompletedOutcome } from '../../../contract/host-protocol.js';
import type { ScenarioRun, StateChange } from './scenario-runs.js';

/** S: the states a lane goes through (a scenario's unit states; a watched thread's kernel states) */
export interface Segment<S extends string = UnitState> {
  state: S;
  startMs: number;
  /** equal to startMs for a final state (done, cancelled, failed, killed): a mark, not a span */
  endMs: number;
}

export interface Lane<S extends string = UnitState> {
  unitId: number;
  name: string;
  segments: Segment<S>[];
  /** the unit's state now (its last change) */
  state: S;
  /** semaphore: when it got its permit (ms after start), else null */
  permitMs: number | null;
  /** what the unit said it did, in order: the race's reads and writes with the counter's values */
  notes: string[];
}

/** Lanes drawn one by one; past this many the rest are counted by state below them. */
export const MAX_LANES = 12;

const FINAL = new Set<UnitState>(FINAL_STATES);

/** One unit's segments up to `untilMs` (now while it runs; a unit that ended stops at its end). */
export function laneSegments<S extends string = UnitState>(
  changes: ReadonlyArray<{ state: S; tMs: number }>,
  untilMs: number,
  finals: ReadonlySet<S> = FINAL as ReadonlySet<string> as ReadonlySet<S>,
): Segment<S>[] {
  const out: Segment<S>[] = [];
  for (let i = 0; i < changes.length; i++) {
    const c = changes[i];
    if (finals.has(c.state)) {
      out.push({ state: c.state, startMs: c.tMs, endMs: c.tMs });
      break;
    }
    const end = i + 1 < changes.length ? changes[i + 1].tMs : Math.max(c.tMs, untilMs);
    if (end > c.tMs || i + 1 === changes.length) out.push({ state: c.state, startMs: c.tMs, endMs: end });
  }
  return out;
}

/** When a unit got past the semaphore: its first state after a 'waiting(semaphore)' that says so (as the engine counts it). */
export function permitMs(changes: readonly StateChange[]): number | null {
  let waited = false;
  for (const c of changes) {
    if (c.state === 'waiting(semaphore)') waited = true;
    else if (waited && gotPermit(c.state)) return c.tMs;
  }
  return null;
}

/** How long the timeline spans: start → end once over, else start → now. */
export function spanOf(run: ScenarioRun, engineNow: number): number {
  let last = 0;
  for (const u of run.units) if (u.length) last = Math.max(last, u[u.length - 1].tMs);
  if (run.result) return Math.max(run.result.wallMs, last, 1);
  return Math.max(engineNow - run.t0, last, 1);
}

/**
 * Every lane, in the order that reads best: for the semaphore, by when each job got its permit (the
 * waves then stack like stairs); otherwise in the units' own order.
 */
export function lanesOf(run: ScenarioRun, untilMs: number): Lane[] {
  const semaphore = run.spec.name === 'semaphore';
  const lanes = run.units.map(
    (changes, unitId): Lane => ({
      unitId,
      name: run.unitNames[unitId] ?? `unit ${unitId}`,
      segments: laneSegments(changes, untilMs),
      state: changes.length ? changes[changes.length - 1].state : 'starting',
      permitMs: semaphore ? permitMs(changes) : null,
      notes: changes.flatMap((c) => (c.note ? [c.note] : [])),
    }),
  );
  if (semaphore) lanes.sort((a, b) => (a.permitMs ?? Infinity) - (b.permitMs ?? Infinity) || a.unitId - b.unitId);
  return lanes;
}

/** Units beyond the drawn lanes, counted by their state now ("9,976 done"), in the order of `states`. */
export function restCounts<S extends string = UnitState>(
  lanes: readonly Lane<S>[],
  shown = MAX_LANES,
  states: readonly S[] = UNIT_STATES as readonly string[] as readonly S[],
): Array<{ state: S; count: number }> {
  const counts = new Map<S, number>();
  for (const l of lanes.slice(shown)) counts.set(l.state, (counts.get(l.state) ?? 0) + 1);
  return states.filter((s) => counts.has(s)).map((s) => ({ state: s, count: counts.get(s) as number }));
}

export interface Wave {
  /** ms after the run's start when its first job got a permit */
  startMs: number;
  /** jobs that got their permit in this wave */
  jobs: number;
}

/**
 * The semaphore's waves, live: permit times grouped as the engine groups them (a permit more than half
 * a job's length after the current wave's first opens a new wave).
 */
export function wavesOf(run: ScenarioRun): Wave[] {
  if (run.spec.name !== 'semaphore') return [];
  const gap = (run.spec.options.jobSeconds * 1000) / 2;
  const times = run.units.map(permitMs).filter((t): t is number => t !== null);
  times.sort((a, b) => a - b);
  const waves: Wave[] = [];
  for (const t of times) {
    const w = waves[waves.length - 1];
    if (!w || t - w.startMs > gap) waves.push({ startMs: t, jobs: 1 });
    else w.jobs++;
  }
  return waves;
}

/** The most units in one state at the same moment (e.g. jobs holding a permit: 'running' after a wait). */
export function maxConcurrent(spans: ReadonlyArray<{ startMs: number; endMs: number }>): number {
  const edges: Array<[number, number]> = [];
  for (const s of spans) if (s.endMs > s.startMs) edges.push([s.startMs, 1], [s.endMs, -1]);
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]); // an end before a start at the same moment
  let now = 0;
  let max = 0;
  for (const [, d] of edges) max = Math.max(max, (now += d));
  return max;
}

const STEPS_S = [0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600];

/** Ticks of the time axis (ms), a round number of seconds apart, about `want` of them. */
export function timeTicks(spanMs: number, want = 8): number[] {
  const spanS = spanMs / 1000;
  const step = STEPS_S.find((s) => spanS / s <= want) ?? STEPS_S[STEPS_S.length - 1];
  const ticks: number[] = [];
  for (let k = 0; k * step <= spanS + 1e-9; k++) ticks.push(Math.round(k * step * 1000));
  return ticks;
}

/** "2 s", "0.5 s", "12.3 s": seconds for the axis and the labels. */
export function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return `${parseFloat(s.toFixed(s < 10 ? 2 : 1))} s`;
}

/** The states the legend shows, with what each means. */
export const LEGEND: ReadonlyArray<{ state: UnitState; words: string }> = [
  { state: 'queued', words: 'queued (its leg comes later)' },
  { state: 'starting', words: 'starting' },
  { state: 'running', words: 'running' },
  { state: 'waiting(lock)', words: 'waiting (lock)' },
  { state: 'waiting(semaphore)', words: 'waiting (semaphore)' },
  { state: 'waiting(io)', words: 'waiting (io, sleep)' },
  { state: 'done', words: 'done' },
  { state: 'cancelled', words: 'cancelled' },
  { state: 'failed', words: 'failed' },
  { state: 'killed', words: 'killed' },
];

/** A CSS-safe name for a state: 'waiting(lock)' → 'waiting-lock', 'disk wait' → 'disk-wait'. */
export const stateClass = (s: string): string => s.replace(/[() ]/g, (ch) => (ch === ')' ? '' : '-'));

/**
 * The deadlock's moment on the timeline: when the watchdog was sure (from the outcome), or while the
 * run is still being stopped, when this page first saw the cycle.
 */
export function deadlockMark(run: ScenarioRun): { atMs: number; words: string } | null {
  if (run.spec.name !== 'deadlock') return null;
  const o = run.result?.outcome as DeadlockOutcome | null | undefined;
  if (o?.deadlocked && o.detectedMs !== null) return { atMs: o.detectedMs, words: `deadlock detected · ${formatSeconds(o.detectedMs)}` };
  if (run.cycleSeenMs !== null) return { atMs: run.cycleSeenMs, words: `cycle · ${formatSeconds(run.cycleSeenMs)}` };
  return null;
}

/** A cancelled task's lost time on its lane: from its cancel to when its wait would have ended. */
export interface LostTime {
  unit: string;
  fromMs: number;
  toMs: number;
}

/**
 * first-completed: what the cancel took from each cancelled task (hello's 3 s), placed after the
 * moment its lane says it was cancelled. Empty for every other scenario, and while the run goes.
 */
export function lostTimeOf(run: ScenarioRun): LostTime[] {
  if (run.spec.name !== 'first-completed') return [];
  const o = run.result?.outcome as FirstCompletedOutcome | null | undefined;
  if (!o?.lostMs) return [];
  return Object.entries(o.lostMs).flatMap(([unit, lost]) => {
    const changes = run.units[run.unitNames.indexOf(unit)] ?? [];
    const cancel = changes.find((c) => c.state === 'cancelled');
    const fromMs = cancel?.tMs ?? o.wallMs;
    return lost > 0 ? [{ unit, fromMs, toMs: fromMs + lost }] : [];
  });
}
