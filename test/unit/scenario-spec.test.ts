import { describe, expect, it } from 'vitest';
import { refusalOf } from './refusal.js';
import { SCENARIO_CATALOG } from '../../main/engine/scenarios/scenario-catalog.js';
import { parseScenarioSpec, scenarioRunSpec, scenarioUnitNames } from '../../main/engine/scenarios/scenario-spec.js';
import { renderLanes } from '../../main/cli/timeline-lanes.js';
import { SCENARIOS } from '../../contract/domain.js';

const reason = refusalOf(parseScenarioSpec);

describe('scenario spec at the boundary', () => {
  it('lists every scenario of the contract, each with its words, modes and flags', () => {
    expect(SCENARIO_CATALOG.map((s) => s.name)).toEqual([...SCENARIOS]);
    for (const s of SCENARIO_CATALOG) {
      expect(s.modes).toContain(s.defaultMode);
      if (s.defaultRuntime === 'node') expect(s.modes).toEqual(expect.arrayContaining(['thread', 'async']));
      for (const words of [s.title, s.summary, s.watch, s.article]) expect(words.length).toBeGreaterThan(3);
    }
  });

  it("fills the article's defaults and each scenario's default mode", () => {
    expect(parseScenarioSpec({ name: 'semaphore' })).toMatchObject({ mode: 'thread', options: { limit: 3, jobs: 7, jobSeconds: 2 } });
    expect(parseScenarioSpec({ name: 'gather' })).toMatchObject({ mode: 'async', options: { tasks: 10_000, sleepS: 5, workload: 'io-sleep' } });
    expect(parseScenarioSpec({ name: 'gather', mode: 'thread' }).options.tasks).toBe(100);
    expect(parseScenarioSpec({ name: 'semaphore', limit: 30, jobs: 100 }).options).toMatchObject({ limit: 30, jobs: 100 });
    expect(parseScenarioSpec({ name: 'deadlock', variant: 'self' }).options.variant).toBe('self');
  });

  it('names the units as the article does', () => {
    expect(scenarioUnitNames(parseScenarioSpec({ name: 'race' }))).toEqual(['increase(10)', 'increase(20)']);
    expect(scenarioUnitNames(parseScenarioSpec({ name: 'deadlock' }))).toEqual(['function_a', 'function_b']);
    expect(scenarioUnitNames(parseScenarioSpec({ name: 'first-completed' }))).toEqual(['hello', 'bye']);
    expect(scenarioRunSpec(parseScenarioSpec({ name: 'semaphore', jobs: 9 }))).toEqual({ mode: 'thread', runtime: 'node', workload: 'io-sleep', units: 9 });
  });

  it.each([
    [{ name: 'warp' }, 'scenario must be one of race, lock, deadlock'],
    [{ name: 'gil', runtime: 'node' }, 'gil runs in Python only'],
    [{ name: 'semaphore', mode: 'process' }, 'semaphore runs in thread or async mode, not process'],
    [{ name: 'race', limit: 3 }, 'limit does not apply to the race scenario'],
    [{ name: 'gather', variant: 'self' }, 'variant does not apply to the gather scenario'],
    [{ name: 'semaphore', limit: 0 }, 'limit must be between 1 and 256'],
    [{ name: 'semaphore', jobs: 2.5 }, 'jobs must be a whole number'],
    [{ name: 'semaphore', jobSeconds: 61 }, 'job seconds must be between 0.1 and 60'],
    [{ name: 'gather', sleepS: 0.01 }, 'sleep must be between 0.1 and 60'],
    [{ name: 'gather', tasks: 100_001 }, 'tasks must be between 1 and 100000'],
    [{ name: 'gather', mode: 'thread', tasks: 257 }, 'tasks must be between 1 and 256 for gather in thread mode'],
    [{ name: 'gather', workload: 'ftp' }, 'workload must be io-sleep or http'],
    [{ name: 'deadlock', variant: 'triple' }, 'variant must be pair or self'],
    [{ name: 'race', mode: 'warp' }, 'mode must be one of process, thread, async'],
    [{ name: 'race', colour: 'red' }, 'colour'],
  ])('refuses %j', (input, why) => {
    expect(reason(input)).toContain(why);
  });
});

describe('timeline lanes', () => {
  it('draws each unit left to right, with a mark where it ended', () => {
    const text = renderLanes(
      [
        { unit: 'a', state: 'starting', tMs: 0 },
        { unit: 'a', state: 'running', tMs: 0 },
        { unit: 'a', state: 'done', tMs: 50 },
        { unit: 'b', state: 'starting', tMs: 0 },
        { unit: 'b', state: 'waiting(lock)', tMs: 0 },
        { unit: 'b', state: 'running', tMs: 50 },
        { unit: 'b', state: 'cancelled', tMs: 100 },
      ],
      100,
      24,
    );
    const [a, b] = text.split('\n');
    expect(a).toBe(`a    │${'█'.repeat(10)}✓${' '.repeat(9)}`);
    expect(b).toBe(`b    │${'▒'.repeat(10)}${'█'.repeat(9)}×`);
  });
});
