/** Presenter mode's keys, its walk through the scenarios, and what it runs on stage. */
import { describe, expect, it } from 'vitest';
import { SCENARIO_CATALOG } from '../../main/engine/scenarios/scenario-catalog.js';
import { actionOfKey, isPresenting, leavePresenter, stageSpec, stepIndex } from '../../renderer/src/state/presenter.js';
import { ScenarioSpecSchema } from '../../contract/schemas.js';

describe('presenter', () => {
  it('is asked for by ?present, and leaving keeps the token', () => {
    expect(isPresenting('?token=abc&present')).toBe(true);
    expect(isPresenting('?token=abc')).toBe(false);
    expect(leavePresenter('http://127.0.0.1:5000/?token=abc&present#scenarios')).toBe('http://127.0.0.1:5000/?token=abc#scenarios');
  });

  it('maps a clicker and the keyboard to next, previous, run and leave', () => {
    expect(['ArrowRight', 'PageDown', 'ArrowLeft', 'PageUp', 'Enter', 'Escape', 'x'].map(actionOfKey)).toEqual(['next', 'next', 'previous', 'previous', 'run', 'leave', null]);
  });

  it('stops at the first and the last scenario', () => {
    expect(stepIndex(0, 'previous', 9)).toBe(0);
    expect(stepIndex(8, 'next', 9)).toBe(8);
    expect(stepIndex(3, 'next', 9)).toBe(4);
  });

  it('runs each scenario with its defaults, a spec the engine accepts; Python-only ones need Python', () => {
    for (const info of SCENARIO_CATALOG) {
      const spec = stageSpec(info, true);
      expect(ScenarioSpecSchema.safeParse(spec).success).toBe(true);
    }
    const gil = SCENARIO_CATALOG.find((i) => i.defaultRuntime === 'python');
    expect(gil && stageSpec(gil, false)).toBeNull();
  });
});
