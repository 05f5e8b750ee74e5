/**
 * The article's scenarios, end to end through the CLI: every outcome in thread and async mode (and
 * race/lock in process mode too), with wide timing margins; a deadlock is found and stopped within
 * 3 s; nothing is left running afterwards. Plus the same through the API, as the app calls it.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ScenarioInfo } from '../../contract/catalog.js';
import type { CounterOutcome, DeadlockOutcome, EventLoopBlockOutcome, FirstCompletedOutcome, GatherOutcome, SemaphoreOutcome } from '../../contract/host-protocol.js';
import type { RunEvent, ScenarioResult } from '../../contract/run-events.js';
import { ApiService } from '../../main/engine/api-service.js';
import { Engine } from '../../main/engine/engine.js';
import { hostPids, runCli, waitFor, MEASURES_CPU, READER_SETS } from './helpers.js';
import { holds, mostHoldingAtOnce } from './semaphore-holds.js';

async function scenario<T>(args: string[], env: NodeJS.ProcessEnv = {}): Promise<ScenarioResult & { outcome: T }> {
  const r = await runCli(['scenario', ...args, '--json'], 40_000, env);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as ScenarioResult & { outcome: T };
}

/** A unit's states in order; an entry that only adds a note (the race's "wrote 10") repeats its state and is one state. */
const statesOf = (r: ScenarioResult, unit: string) =>
  r.timeline.filter((e) => e.unit === unit).map((e) => e.state).filter((state, i, all) => i === 0 || all[i - 1] !== state);
const notesOf = (r: ScenarioResult, unit: string) => r.timeline.filter((e) => e.unit === unit && e.detail?.note).map((e) => e.detail?.note);
const lastStateOf = (r: ScenarioResult, unit: string) => statesOf(r, unit).pop();

afterEach(async () => {
  // every run leaves nothing behind: its hosts, threads and unit processes are gone
  expect(await waitFor(() => hostPids().length === 0, 2000)).toBe(true);
});
afterAll(() => expect(hostPids()).toEqual([]));

describe.each(READER_SETS)('race and lock ($readers readers)', ({ env }) => {
  it.each(['thread', 'async', 'process'])('race in %s mode loses an update: 20 or 10, never 30', async (mode) => {
    const r = await scenario<CounterOutcome>(['race', '--mode', mode], env);
    expect(r.outcome.expected).toBe(30);
    expect([10, 20]).toContain(r.outcome.actual);
    expect(r.scenario).toBe('race');
    expect(r.mode).toBe(mode);
    expect(statesOf(r, 'increase(10)')).toEqual(['starting', 'running', 'waiting(io)', 'running', 'done']);
    // the lane shows what each unit read and wrote: both read the counter before either wrote it
    expect(notesOf(r, 'increase(10)')).toEqual(['read 0', 'wrote 10']);
    expect(notesOf(r, 'increase(20)')).toEqual(['read 0', 'wrote 20']);
  });

  it.each(['thread', 'async', 'process'])('lock in %s mode gives 30, the second unit waiting(lock) while the first holds it', async (mode) => {
    const r = await scenario<CounterOutcome>(['lock', '--mode', mode], env);
    expect(r.outcome).toEqual({ expected: 30, actual: 30 });
    const waits = r.timeline.filter((e) => e.state === 'waiting(lock)');
    expect(waits).toHaveLength(1);
    expect(waits[0].detail).toEqual({ holds: [], waitsFor: 'counter' });
    const holder = r.timeline.find((e) => e.unit !== waits[0].unit && e.detail?.holds.includes('counter'));
    expect(holder, 'the other unit holds the lock').toBeTruthy();
    expect(r.timeline.filter((e) => e.state === 'done')).toHaveLength(2);
  });
});

describe('deadlock', MEASURES_CPU, () => {
  it.each(['thread', 'async', 'process'])('in %s mode: found within 3 s, the cycle named, the units stopped', async (mode) => {
    const started = Date.now();
    const r = await scenario<DeadlockOutcome>(['deadlock', '--mode', mode]);
    expect(r.outcome.deadlocked).toBe(true);
    expect(r.outcome.detectedMs).toBeLessThanOrEqual(3000);
    expect(r.outcome.detectedMs).toBeGreaterThanOrEqual(1000); // function_a waits 1 s before it asks for B
    expect(r.outcome.cycle).toEqual(['function_a holds A, waits B', 'function_b holds B, waits A']);
    // blocked threads can only be killed; tasks and processes hear their abort and cancel
    for (const unit of ['function_a', 'function_b']) expect(lastStateOf(r, unit)).toBe(mode === 'thread' ? 'killed' : 'cancelled');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('variant self: one unit waits for the lock it already holds', async () => {
    const r = await scenario<DeadlockOutcome>(['deadlock', '--mode', 'thread', '--variant', 'self']);
    expect(r.outcome).toMatchObject({ deadlocked: true, cycle: ['function_a holds A, waits A'] });
    expect(r.outcome.detectedMs).toBeLessThanOrEqual(3000);
  });
});

describe('semaphore', MEASURES_CPU, () => {
  it.each(['thread', 'async'])('in %s mode: 7 jobs behind 3 permits run in waves of 3, 3 and 1', async (mode) => {
    // 0.5 s jobs keep the test short; the acceptance check runs the article's 2 s
    const r = await scenario<SemaphoreOutcome>(['semaphore', '--mode', mode, '--job-seconds', '0.5']);
    // measured, not echoed: how many ran at once (the host's count, and again from the timeline) and how many finished
    expect(r.outcome.maxConcurrent).toBe(3);
    expect(mostHoldingAtOnce(r.timeline)).toBe(3);
    expect(r.timeline.filter((e) => e.state === 'done')).toHaveLength(7);
    const [first, second, third] = r.outcome.waveStartsMs;
    expect(r.outcome.waveStartsMs).toHaveLength(3);
    expect(first).toBe(0);
    expect(Math.abs(second - 500)).toBeLessThan(200);
    expect(Math.abs(third - 1000)).toBeLessThan(300);
    expect(r.timeline.filter((e) => e.state === 'waiting(semaphore)')).toHaveLength(7);
    // a job's work is a sleep: with its permit it waits (io), it does not run — sleeping is waiting everywhere
    const held = holds(r.timeline);
    expect(held).toHaveLength(7);
    for (const h of held) {
      expect(h.inState['waiting(io)'], h.unit).toBeGreaterThan(400);
      expect(h.inState.running ?? 0, h.unit).toBeLessThan(50);
    }
  });

  it('--limit 30 lets 30 jobs in at once (the database with 30 connections)', async () => {
    const r = await scenario<SemaphoreOutcome>(['semaphore', '--mode', 'async', '--limit', '30', '--jobs', '40', '--job-seconds', '0.3']);
    expect(r.outcome.maxConcurrent).toBe(30);
    expect(mostHoldingAtOnce(r.timeline)).toBe(30);
    expect(r.timeline.filter((e) => e.state === 'done')).toHaveLength(40);
    expect(r.outcome.waveStartsMs).toHaveLength(2);
  });
});

describe('gather', MEASURES_CPU, () => {
  it('10,000 async tasks of 5 s take under 6 s (the article: 5.28 s)', async () => {
    const r = await scenario<GatherOutcome>(['gather', '--mode', 'async']);
    expect(r.outcome.wallMs).toBeGreaterThanOrEqual(5000);
    expect(r.wallMs).toBeLessThan(6000);
    expect(r.timeline.filter((e) => e.state === 'done')).toHaveLength(10_000);
  });

  it('as worker threads, each thread waits its own sleep', async () => {
    const r = await scenario<GatherOutcome>(['gather', '--mode', 'thread', '--tasks', '8', '--sleep', '1']);
    expect(r.timeline.filter((e) => e.state === 'done')).toHaveLength(8);
    expect(r.outcome.wallMs).toBeGreaterThanOrEqual(1000);
    expect(r.outcome.wallMs).toBeLessThan(4000);
  });

  it('--workload http: every task is a real request to a slow local server', async () => {
    const r = await scenario<GatherOutcome>(['gather', '--tasks', '1000', '--sleep', '1', '--workload', 'http']);
    expect(r.outcome.wallMs).toBeGreaterThanOrEqual(1000);
    expect(r.outcome.wallMs).toBeLessThan(5000);
    expect(r.timeline.filter((e) => e.state === 'done')).toHaveLength(1000);
  });
});

describe('first-completed', MEASURES_CPU, () => {
  it.each(['async', 'thread'])('in %s mode: bye wins after 2 s, hello is cancelled', async (mode) => {
    const r = await scenario<FirstCompletedOutcome>(['first-completed', '--mode', mode]);
    expect(r.outcome.winner).toBe('bye');
    expect(r.outcome.cancelled).toEqual(['hello']);
    expect(r.outcome.wallMs).toBeGreaterThanOrEqual(1900);
    expect(r.outcome.wallMs).toBeLessThan(3000);
    // hello waited 5 s, cancelled when bye won: what it still had left is the time the cancel took
    expect(r.outcome.lostMs?.hello).toBeGreaterThan(5000 - r.outcome.wallMs - 300);
    expect(r.outcome.lostMs?.hello).toBeLessThanOrEqual(5000 - r.outcome.wallMs + 5);
    expect(lastStateOf(r, 'hello')).toBe('cancelled');
    expect(lastStateOf(r, 'bye')).toBe('done');
    expect(r.wallMs).toBeLessThan(4000);
  });
});

describe('event-loop-block', MEASURES_CPU, () => {
  it.each(['async', 'thread'])('in %s mode: a CPU task on the loop delays it by ~1 s; in a worker it does not', async (mode) => {
    const r = await scenario<EventLoopBlockOutcome>(['event-loop-block', '--mode', mode, '--tasks', '10']);
    expect(r.outcome.ioTasks).toBe(10);
    expect(r.outcome.loopMaxLagMs).toBeGreaterThan(700);
    expect(r.outcome.workerMaxLagMs).toBeLessThan(300);
    expect(r.outcome.maxLagMs).toBe(mode === 'async' ? r.outcome.loopMaxLagMs : r.outcome.workerMaxLagMs);
    expect(r.timeline.filter((e) => e.state === 'done')).toHaveLength(22);
  });
});

describe('bad input', () => {
  it.each([
    [['scenario', 'warp'], 'scenario must be one of'],
    [['scenario', 'gil', '--runtime', 'node'], 'gil runs in Python only'],
    [['scenario', 'race', '--runtime', 'python', '--python', '/nonexistent/python3'], '--python /nonexistent/python3: no executable file there'],
    [['scenario', 'semaphore', '--mode', 'process'], 'semaphore runs in thread or async mode, not process'],
    [['scenario', 'race', '--limit', '3'], 'limit does not apply to the race scenario'],
    [['scenario', 'gather', '--tasks', '100001'], 'tasks must be between 1 and 100000'],
    [['scenario', 'semaphore', '--limit', 'many'], 'limit must be a whole number'],
    [['scenario'], "missing required argument 'name'"],
  ])('corescope %j exits 2 with one line and starts nothing', async (args, why) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(why);
  });
});

describe('through the API, as the app calls it', () => {
  it('lists the scenarios, runs one, and streams its unit states with what each holds and waits for', async () => {
    const engine = new Engine({ intervalMs: 200 });
    await engine.start();
    const api = new ApiService(engine);
    const events: RunEvent[] = [];
    const off = api.subscribe('runEvent', (e) => events.push(e));

    const list = await api.call('scenarios', undefined);
    expect(list.ok && (list.result as ScenarioInfo[]).map((s) => s.name)).toContain('deadlock');
    expect(await api.call('runScenario', { name: 'race', limit: 3 })).toEqual({ ok: false, error: 'limit does not apply to the race scenario', field: 'limit' });

    const started = await api.call('runScenario', { name: 'deadlock', mode: 'async' });
    expect(started.ok).toBe(true);
    const runId = (started as { result: { runId: string } }).result.runId;
    const ended = await waitFor(() => events.find((e) => e.type === 'run-ended' && e.runId === runId), 10_000);
    off();
    await engine.close();

    const begin = events.find((e) => e.type === 'run-started' && e.runId === runId);
    expect(begin?.type === 'run-started' && begin.scenario?.unitNames).toEqual(['function_a', 'function_b']);
    const graphs = events.flatMap((e) => (e.type === 'unit-state' && e.waitFor ? [e.waitFor] : []));
    expect(graphs.some((g) => g.cycle?.length === 2)).toBe(true);
    expect(ended?.type === 'run-ended' && ended.scenario?.outcome).toMatchObject({ deadlocked: true });
  });

  it('a page that subscribes mid-scenario hears every change so far: a finished job ran before it was done', async () => {
    const engine = new Engine({ intervalMs: 200 });
    await engine.start();
    try {
      const api = new ApiService(engine);
      const started = await api.call('runScenario', { name: 'semaphore', mode: 'async', jobs: 4, limit: 2, jobSeconds: 0.5 });
      const runId = (started as { result: { runId: string } }).result.runId;
      // until the first wave is done, the second still holding its permits
      const live: RunEvent[] = [];
      const offLive = api.subscribe('runEvent', (e) => live.push(e));
      expect(await waitFor(() => live.filter((e) => e.type === 'unit-state' && e.runId === runId && e.state === 'done').length >= 2, 10_000)).toBe(true);
      offLive();
      const late: RunEvent[] = [];
      const offLate = api.subscribe('runEvent', (e) => late.push(e));
      offLate();
      const done = late.filter((e) => e.type === 'unit-state' && e.state === 'done');
      expect(done.length).toBeGreaterThanOrEqual(2);
      for (const d of done) {
        if (d.type !== 'unit-state') continue;
        const own = late.flatMap((e) => (e.type === 'unit-state' && e.unitId === d.unitId ? [e] : []));
        // its running (with the permit) came before its done, in the order they happened
        expect(own.map((e) => e.state)).toContain('running');
        expect(own.map((e) => e.t)).toEqual([...own.map((e) => e.t)].sort((a, b) => a - b));
      }
    } finally {
      await engine.close();
    }
  });
});
