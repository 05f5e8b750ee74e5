/** Finding Python and refusing what can't run: pure parts and one-line refusals. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunSpecSchema } from '../../contract/schemas.js';
import { InvalidInput } from '../../contract/refusal.js';
import { PYTHON_MISSING, meetsMinimum, onPath, parseProbe } from '../../main/engine/runs/python-runtime.js';
import { planHosts } from '../../main/engine/runs/run.js';
import { RunManager } from '../../main/engine/runs/run-manager.js';
import { parseScenarioSpec } from '../../main/engine/scenarios/scenario-spec.js';
import { SCENARIO_CATALOG } from '../../main/engine/scenarios/scenario-catalog.js';
import { pythonFlag } from '../../main/cli/python-flag.js';

describe('python discovery', () => {
  it('reads the probe: version, then the executable', () => {
    expect(parseProbe('3.11.7\n/usr/bin/python3.11\n')).toEqual({ version: '3.11.7', executable: '/usr/bin/python3.11' });
    expect(parseProbe('')).toBeNull();
    expect(parseProbe('Python was not found\n')).toBeNull();
  });

  it('needs 3.8 or newer', () => {
    expect(meetsMinimum('3.8.0')).toBe(true);
    expect(meetsMinimum('3.13.1')).toBe(true);
    expect(meetsMinimum('3.7.9')).toBe(false);
    expect(meetsMinimum('2.7.18')).toBe(false);
  });

  it('finds a free-threaded build on a PATH only where one is executable', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-path-'));
    expect(onPath(['python3.13t'], dir)).toBeNull();
    writeFileSync(join(dir, 'python3.13t'), '#!/bin/sh\n', { mode: 0o755 });
    expect(onPath(['python3.14t', 'python3.13t'], `/nonexistent:${dir}`)).toBe(join(dir, 'python3.13t'));
  });

  it('--python must be an executable file', () => {
    expect(() => pythonFlag('/nonexistent/python3')).toThrow(/--python \/nonexistent\/python3: no executable file there/);
    expect(() => pythonFlag(tmpdir())).toThrow(InvalidInput);
    expect(pythonFlag(undefined)).toBeUndefined();
  });
});

describe('the python runtime at the boundary', () => {
  it('a python run spec is valid', () => {
    expect(RunSpecSchema.safeParse({ mode: 'thread', runtime: 'python', workload: 'cpu', units: 2 }).success).toBe(true);
  });

  it('without Python, a python run is refused in one line that says how to get it', () => {
    const runs = new RunManager(() => {
      throw new InvalidInput(PYTHON_MISSING);
    });
    expect(() => runs.start({ mode: 'thread', runtime: 'python', workload: 'cpu', units: 2 })).toThrow(PYTHON_MISSING);
    expect(() => runs.startScenario({ name: 'gil' })).toThrow(PYTHON_MISSING);
    expect(PYTHON_MISSING).not.toContain('\n');
  });

  it('a Python host runs all its units itself, process mode too (multiprocessing)', () => {
    const spec = { mode: 'process', runtime: 'python', workload: 'cpu', units: 3, work: 10 } as const;
    expect(planHosts('r1', spec).map((h) => h.unitIds)).toEqual([[0, 1, 2]]);
    expect(planHosts('r1', { ...spec, runtime: 'node' })).toHaveLength(3);
  });
});

describe('scenarios and runtimes', () => {
  it('gil is Python by nature: python unless told, refused in node', () => {
    expect(parseScenarioSpec({ name: 'gil' })).toMatchObject({ name: 'gil', runtime: 'python', mode: 'thread' });
    expect(() => parseScenarioSpec({ name: 'gil', runtime: 'node' })).toThrow('gil runs in Python only (--runtime python)');
  });

  it("each scenario's Python modes are its own", () => {
    expect(parseScenarioSpec({ name: 'race', runtime: 'python', mode: 'process' })).toMatchObject({ runtime: 'python', mode: 'process' });
    expect(parseScenarioSpec({ name: 'gather', runtime: 'python' })).toMatchObject({ mode: 'async', runtime: 'python' });
    expect(() => parseScenarioSpec({ name: 'semaphore', runtime: 'python', mode: 'process' })).toThrow('semaphore runs in thread or async mode in Python, not process');
    expect(() => parseScenarioSpec({ name: 'event-loop-block', runtime: 'python' })).toThrow('event-loop-block has no Python version');
    expect(() => parseScenarioSpec({ name: 'gather', runtime: 'python', workload: 'http' })).toThrow(/Node only/);
    expect(parseScenarioSpec({ name: 'race' }).runtime).toBe('node');
  });

  it('the catalog tells the app which scenarios have a Python version', () => {
    const gil = SCENARIO_CATALOG.find((s) => s.name === 'gil');
    expect(gil).toMatchObject({ defaultRuntime: 'python', pythonModes: ['thread'] });
    expect(SCENARIO_CATALOG.find((s) => s.name === 'event-loop-block')?.pythonModes).toEqual([]);
  });
});
