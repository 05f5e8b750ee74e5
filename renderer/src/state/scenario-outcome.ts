/**
 * The outcome banner's words: what the article says should happen (with this run's options), what
 * happened here, and whether the two agree. Pure: a function of the run's spec and its result.
 */
import type { CounterOutcome, DeadlockOutcome, EventLoopBlockOutcome, FirstCompletedOutcome, GatherOutcome, GilOutcome, LowHigh, SemaphoreOutcome } from '../../../contract/host-protocol.js';
import type { ResolvedScenarioSpec, ScenarioResult } from '../../../contract/run-events.js';
import { formatCores } from './gil-lanes.js';
import { formatSeconds } from './scenario-timeline.js';

export type Verdict = 'running' | 'agrees' | 'differs' | 'stopped';

export interface OutcomeText {
  /** what the article says, with this run's numbers */
  expected: string;
  /** what happened here; null while it runs */
  actual: string | null;
  verdict: Verdict;
}

const n = (v: number) => v.toLocaleString('en-US');
const s = formatSeconds;

/** What the article claims, for this run's options. */
export function articleSays(spec: ResolvedScenarioSpec): string {
  const o = spec.options;
  switch (spec.name) {
    case 'race':
      return 'The article: 30 expected, 20 printed — a lost update (both read the counter before either wrote).';
    case 'lock':
      return 'The article: with the lock, 30 — as it should be (counter=10, then counter=30).';
    case 'deadlock':
      return o.variant === 'self'
        ? 'The article: taking the same Lock twice in one thread hangs for ever.'
        : 'The article: the program hangs — each function holds the lock the other waits for.';
    case 'semaphore': {
      const waves = Math.ceil(o.jobs / o.limit);
      return `The article: at most ${o.limit} at once, so ${o.jobs} jobs of ${s(o.jobSeconds * 1000)} run in ${waves} wave${waves === 1 ? '' : 's'}, ${s(o.jobSeconds * 1000)} apart.`;
    }
    case 'gather':
      return `The article: 10,000 waits of 5 s took 5.28 s in all. Here ${n(o.tasks)} waits of ${s(o.sleepS * 1000)} should take about ${s(o.sleepS * 1000)}, not ${n(o.tasks)} × ${s(o.sleepS * 1000)}.`;
    case 'first-completed':
      return 'The article: only "bye finished" is printed — bye (2 s) wins and hello (5 s) is cancelled.';
    case 'event-loop-block':
      return 'The article: one CPU-bound task on the event loop holds up every other task; async suits I/O, not CPU.';
    case 'gil':
      return "The article: Python threads don't run in parallel (the GIL) — processes do.";
  }
}

function verdictOf(ok: boolean): Verdict {
  return ok ? 'agrees' : 'differs';
}

/** What happened here, and whether it is what the article says. */
function actualOf(result: ScenarioResult): { actual: string; verdict: Verdict } {
  const o = result.outcome;
  if (!o) return { actual: 'Here: the run was stopped before it could say.', verdict: 'stopped' };
  switch (result.scenario) {
    case 'race': {
      const c = o as CounterOutcome;
      const lost = c.actual !== c.expected;
      return { actual: `Here: expected ${n(c.expected)}, actual ${n(c.actual)}${lost ? ' — an update was lost.' : ' — no update was lost this time.'}`, verdict: verdictOf(lost) };
    }
    case 'lock': {
      const c = o as CounterOutcome;
      return { actual: `Here: expected ${n(c.expected)}, actual ${n(c.actual)}.`, verdict: verdictOf(c.actual === c.expected) };
    }
    case 'deadlock': {
      const d = o as DeadlockOutcome;
      if (!d.deadlocked) return { actual: 'Here: no deadlock — the units finished.', verdict: 'differs' };
      const when = d.detectedMs === null ? '' : ` after ${s(d.detectedMs)}`;
      return { actual: `Here: deadlock detected${when}: ${d.cycle.join('; ')}. The watchdog stopped the units.`, verdict: 'agrees' };
    }
    case 'semaphore': {
      const m = o as SemaphoreOutcome;
      const waves = m.waveStartsMs.map((t) => s(t)).join(', ');
      const ok = m.maxConcurrent <= m.limit && m.waveStartsMs.length === Math.ceil(m.jobs / m.limit);
      return {
        actual: `Here: at most ${m.maxConcurrent} at once, ${m.waveStartsMs.length} wave${m.waveStartsMs.length === 1 ? '' : 's'} starting at ${waves} (after the first permit).`,
        verdict: verdictOf(ok),
      };
    }
    case 'gather': {
      const g = o as GatherOutcome;
      return {
        actual: `Here: ${n(g.tasks)} waits of ${s(g.sleepMs)} (${g.workload}) took ${s(g.wallMs)} in all.`,
        verdict: verdictOf(g.wallMs < g.sleepMs * 2),
      };
    }
    case 'first-completed': {
      const f = o as FirstCompletedOutcome;
      const lost = (name: string) => (f.lostMs?.[name] === undefined ? '' : ` ${s(f.lostMs[name])} before it would have finished`);
      const cancelled = f.cancelled.length ? `${f.cancelled.map((c) => `${c} cancelled${lost(c)}`).join(', ')}` : 'nothing cancelled';
      return {
        actual: `Here: ${f.winner ?? 'nobody'} won after ${s(f.wallMs)}; ${cancelled}.`,
        verdict: verdictOf(f.winner === 'bye' && f.cancelled.includes('hello')),
      };
    }
    case 'event-loop-block': {
      const e = o as EventLoopBlockOutcome;
      return {
        actual: `Here: with the CPU task on the event loop, io tasks ran up to ${s(e.loopMaxLagMs)} late; with it in a worker thread, ${s(e.workerMaxLagMs)}.`,
        verdict: verdictOf(e.loopMaxLagMs > e.workerMaxLagMs),
      };
    }
    case 'gil': {
      const g = o as GilOutcome;
      const free = g.freeThreadedBusyCores === null ? '' : `, free-threaded threads ${formatCores(g.freeThreadedBusyCores)}`;
      const range = (s: LowHigh | null | undefined) => (s ? ` (${s.min.toFixed(2)}–${s.max.toFixed(2)} per half second)` : '');
      return {
        actual: `Here: threads used ${formatCores(g.threadsBusyCores)}${range(g.threadsBusyCoresSpread)}, processes ${formatCores(g.processesBusyCores)}${range(g.processesBusyCoresSpread)}${free}.`,
        verdict: verdictOf(g.processesBusyCores > g.threadsBusyCores * 1.3),
      };
    }
  }
}

export function outcomeText(spec: ResolvedScenarioSpec, result: ScenarioResult | null): OutcomeText {
  const expected = articleSays(spec);
  if (!result) return { expected, actual: null, verdict: 'running' };
  return { expected, ...actualOf(result) };
}

export const VERDICT_WORDS: Record<Verdict, string> = {
  running: 'Running — the outcome shows when it ends.',
  agrees: 'As the article says',
  differs: 'Not what the article says',
  stopped: 'Stopped',
};
