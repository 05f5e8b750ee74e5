import { describe, expect, it } from 'vitest';
import type { ScenarioInfo } from '../../contract/catalog.js';
import type { ScenarioOutcome } from '../../contract/host-protocol.js';
import type { ResolvedScenarioSpec, ScenarioResult } from '../../contract/run-events.js';
import { articleSays, outcomeText } from '../../renderer/src/state/scenario-outcome.js';
import { checkScenarioForm, scenarioFieldOf, initialForm, runtimesOf, specOfForm, withMode, withRuntime } from '../../renderer/src/state/scenario-form.js';
import { hashOfTab, tabAfterKey, tabOfHash } from '../../renderer/src/state/tabs.js';

const OPTIONS = { limit: 3, jobs: 7, jobSeconds: 2, tasks: 10_000, sleepS: 5, workload: 'io-sleep' as const };
const spec = (name: ResolvedScenarioSpec['name'], over: Partial<typeof OPTIONS> & { variant?: 'pair' | 'self' } = {}): ResolvedScenarioSpec => ({
  name,
  mode: 'thread',
  options: { ...OPTIONS, ...over },
});
const result = (name: ScenarioResult['scenario'], outcome: ScenarioOutcome | null): ScenarioResult => ({
  scenario: name,
  mode: 'thread',
  runId: 'r1',
  options: {},
  wallMs: 1000,
  outcome,
  timeline: [],
});

describe('outcome banner', () => {
  it('race: the article 30 vs 20, here expected vs actual', () => {
    const t = outcomeText(spec('race'), result('race', { expected: 30, actual: 20 }));
    expect(t.expected).toContain('30 expected, 20 printed — a lost update');
    expect(t.actual).toContain('Here: expected 30, actual 20');
    expect(t.verdict).toBe('agrees');
    expect(outcomeText(spec('race'), result('race', { expected: 30, actual: 30 })).verdict).toBe('differs');
  });

  it('lock: agrees when nothing is lost', () => {
    expect(outcomeText(spec('lock'), result('lock', { expected: 30, actual: 30 })).verdict).toBe('agrees');
  });

  it('semaphore: with the run own numbers, and the waves found', () => {
    expect(articleSays(spec('semaphore'))).toBe('The article: at most 3 at once, so 7 jobs of 2 s run in 3 waves, 2 s apart.');
    const t = outcomeText(spec('semaphore'), result('semaphore', { limit: 3, jobs: 7, maxConcurrent: 3, waveStartsMs: [0, 2001, 4003] }));
    expect(t.actual).toBe('Here: at most 3 at once, 3 waves starting at 0 s, 2 s, 4 s (after the first permit).');
    expect(t.verdict).toBe('agrees');
    expect(outcomeText(spec('semaphore'), result('semaphore', { limit: 3, jobs: 7, maxConcurrent: 4, waveStartsMs: [0, 2000] })).verdict).toBe('differs');
  });

  it('deadlock: the cycle and when it was detected', () => {
    const t = outcomeText(
      spec('deadlock'),
      result('deadlock', { deadlocked: true, cycle: ['function_a holds A, waits B', 'function_b holds B, waits A'], detectedMs: 1440.3 }),
    );
    expect(t.actual).toBe('Here: deadlock detected after 1.44 s: function_a holds A, waits B; function_b holds B, waits A. The watchdog stopped the units.');
    expect(t.verdict).toBe('agrees');
    expect(articleSays(spec('deadlock', { variant: 'self' }))).toContain('same Lock twice');
  });

  it('says running until the result, stopped when there is no outcome', () => {
    expect(outcomeText(spec('gather'), null)).toMatchObject({ actual: null, verdict: 'running' });
    expect(outcomeText(spec('gather'), result('gather', null)).verdict).toBe('stopped');
    expect(outcomeText(spec('gather'), result('gather', { tasks: 10_000, sleepMs: 5000, workload: 'io-sleep', wallMs: 5280 })).verdict).toBe('agrees');
  });

  it('first-completed and event-loop-block', () => {
    expect(outcomeText(spec('first-completed'), result('first-completed', { winner: 'bye', cancelled: ['hello'], wallMs: 2010 })).actual).toBe(
      'Here: bye won after 2.01 s; hello cancelled.',
    );
    // with the time the cancel took from hello (older recordings have no lostMs)
    expect(outcomeText(spec('first-completed'), result('first-completed', { winner: 'bye', cancelled: ['hello'], wallMs: 2010, lostMs: { hello: 2990 } })).actual).toBe(
      'Here: bye won after 2.01 s; hello cancelled 2.99 s before it would have finished.',
    );
    const lag = { ioTasks: 50, cpuMs: 1000, placement: 'event loop' as const, maxLagMs: 990, loopMaxLagMs: 990, workerMaxLagMs: 12 };
    expect(outcomeText(spec('event-loop-block'), result('event-loop-block', lag)).verdict).toBe('agrees');
  });
});

const SEMAPHORE: ScenarioInfo = {
  name: 'semaphore',
  title: 'Semaphore',
  summary: '',
  watch: '',
  article: '',
  modes: ['thread', 'async'],
  defaultMode: 'thread',
  flags: ['limit', 'jobs', 'jobSeconds'],
  pythonModes: ['thread', 'async'],
  defaultRuntime: 'node',
};

describe('scenario card form', () => {
  it('starts at the default mode with the defaults as values, and refuses an emptied field', () => {
    const f = initialForm(SEMAPHORE);
    expect(f.mode).toBe('thread');
    expect(f.values).toEqual({ limit: '3', jobs: '7', jobSeconds: '2' });
    expect(checkScenarioForm(SEMAPHORE, f)).toEqual({ ok: true, spec: { name: 'semaphore', mode: 'thread', limit: 3, jobs: 7, jobSeconds: 2 } });
    expect(specOfForm(SEMAPHORE, { ...f, values: { limit: '2', jobs: ' ', jobSeconds: '0.5' } })).toEqual({ name: 'semaphore', mode: 'thread', limit: 2, jobSeconds: 0.5 });
    expect(checkScenarioForm(SEMAPHORE, { ...f, values: { ...f.values, jobs: ' ' } })).toEqual({ ok: false, errors: { jobs: 'jobs is required' } });
    expect(checkScenarioForm(SEMAPHORE, { ...f, values: { ...f.values, jobSeconds: '' } })).toEqual({ ok: false, errors: { jobSeconds: 'job length is required' } });
  });

  it('moves a field still at its default to the new mode\'s default, and keeps a typed one', () => {
    const gather: ScenarioInfo = { ...SEMAPHORE, name: 'gather', modes: ['thread', 'async'], defaultMode: 'async', flags: ['tasks', 'sleepS', 'workload'] };
    const f = initialForm(gather);
    expect(f.values).toEqual({ tasks: '10000', sleepS: '5' });
    expect(withMode(gather, f, 'thread').values).toEqual({ tasks: '100', sleepS: '5' });
    expect(withMode(gather, { ...f, values: { tasks: '40', sleepS: '1' } }, 'thread').values).toEqual({ tasks: '40', sleepS: '1' });
  });

  it('puts the schema reasons next to their fields', () => {
    const c = checkScenarioForm(SEMAPHORE, { ...initialForm(SEMAPHORE), values: { limit: '0', jobSeconds: '99', jobs: 'x' } });
    expect(c.ok).toBe(false);
    if (c.ok) return;
    expect(c.errors.limit).toBe('limit must be between 1 and 256');
    expect(c.errors.jobSeconds).toBe('job seconds must be between 0.1 and 60');
    expect(c.errors.jobs).toBe('jobs must be a whole number');
    expect(checkScenarioForm(SEMAPHORE, { ...initialForm(SEMAPHORE), mode: 'process' })).toMatchObject({ ok: false, errors: { mode: 'semaphore runs in thread, async mode only' } });
  });

  it('routes an API reason to its field', () => {
    expect(scenarioFieldOf('jobSeconds', SEMAPHORE.flags)).toBe('jobSeconds');
    expect(scenarioFieldOf('limit', ['variant'])).toBe('form');
    expect(scenarioFieldOf('mode', ['variant'])).toBe('mode');
    expect(scenarioFieldOf(undefined, SEMAPHORE.flags)).toBe('form');
  });

  it('offers python only where there is a python3 and a Python version', () => {
    expect(runtimesOf(SEMAPHORE, true)).toEqual(['node', 'python']);
    expect(runtimesOf(SEMAPHORE, false)).toEqual(['node']);
    const gil: ScenarioInfo = { ...SEMAPHORE, name: 'gil', modes: ['thread'], pythonModes: ['thread'], defaultRuntime: 'python', flags: [] };
    expect(runtimesOf(gil, false)).toEqual([]);
    expect(specOfForm(gil, initialForm(gil))).toEqual({ name: 'gil', mode: 'thread', runtime: 'python' });
    const py = withRuntime(SEMAPHORE, { ...initialForm(SEMAPHORE), mode: 'async' }, 'python');
    expect(py).toMatchObject({ runtime: 'python', mode: 'async' });
  });
});

describe('tabs in the URL hash', () => {
  it('moves between tabs with the arrow keys, wrapping, and Home/End', () => {
    expect(tabAfterKey('live', 'ArrowRight')).toBe('scenarios');
    expect(tabAfterKey('compare', 'ArrowRight')).toBe('live');
    expect(tabAfterKey('live', 'ArrowLeft')).toBe('compare');
    expect(tabAfterKey('scenarios', 'Home')).toBe('live');
    expect(tabAfterKey('scenarios', 'End')).toBe('compare');
    expect(tabAfterKey('scenarios', 'Enter')).toBeNull();
  });

  it('reads the hash, defaulting to live', () => {
    expect(tabOfHash('#scenarios')).toBe('scenarios');
    expect(tabOfHash('#compare')).toBe('compare');
    expect(tabOfHash('')).toBe('live');
    expect(tabOfHash('#nope')).toBe('live');
    expect(hashOfTab('scenarios')).toBe('#scenarios');
  });
});
