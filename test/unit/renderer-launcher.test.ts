import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../contract/limits.js';
import { InvalidInput, refusalOf } from '../../contract/refusal.js';
import { RunSpecSchema } from '../../contract/schemas.js';
import { WORKLOAD_CATALOG } from '../../main/engine/runs/workload-catalog.js';
import {
  INITIAL_FORM,
  checkForm,
  launcherFieldOf,
  limitHint,
  memoryWarning,
  modeWordsOf,
  runtimeHint,
  runtimeLabel,
  runtimesFor,
  specOf,
  visibleFields,
  withRuntimes,
  type LauncherForm,
} from '../../renderer/src/state/launcher-form.js';

const params = (name: string) => WORKLOAD_CATALOG.find((w) => w.name === name)?.params ?? [];
const form = (over: Partial<LauncherForm> = {}): LauncherForm => ({ ...INITIAL_FORM, ...over });

describe('launcher form', () => {
  it('turns a valid form into the spec it describes, only with the fields its workload takes', () => {
    expect(checkForm(form(), params('cpu'))).toEqual({ ok: true, spec: { mode: 'process', runtime: 'node', workload: 'cpu', units: 2, durationS: 5 } });
    expect(specOf(form({ workload: 'mem', mb: '32', lengthBy: 'work' }), params('mem'))).toEqual({
      mode: 'process',
      runtime: 'node',
      workload: 'mem',
      units: 2,
      durationS: 5,
      mb: 32,
    });
    expect(specOf(form({ lengthBy: 'work', work: '400' }), params('cpu'))).toEqual({ mode: 'process', runtime: 'node', workload: 'cpu', units: 2, work: 400 });
  });

  it('sends the chosen runtime, and offers Python only where this machine has one', () => {
    const python = { path: '/usr/bin/python3.11', version: '3.11.7', freeThreaded: null };
    expect(runtimesFor(null)).toEqual(['node']);
    expect(runtimesFor(python)).toEqual(['node', 'python']);
    expect(runtimeLabel('python', python)).toBe('Python 3.11.7');
    expect(runtimeLabel('node', python)).toBe('Node');
    expect(runtimeHint('node', python)).toBe('Python 3.11.7 is here too');
    expect(runtimeHint('python', python)).toBe('/usr/bin/python3.11');
    expect(runtimeHint('node', null)).toBeNull();
    expect(checkForm(form({ runtime: 'python', mode: 'thread' }), params('cpu'))).toEqual({
      ok: true,
      spec: { mode: 'thread', runtime: 'python', workload: 'cpu', units: 2, durationS: 5 },
    });
    // a Python choice never goes out where there is no Python
    expect(withRuntimes(form({ runtime: 'python' }), null).runtime).toBe('node');
    expect(withRuntimes(form({ runtime: 'python' }), python).runtime).toBe('python');
    expect(checkForm(form({ runtime: 'python', units: '0' }), params('cpu'))).toEqual({ ok: false, errors: { units: 'units must be between 1 and 256 in process mode' } });
    expect(launcherFieldOf('runtime')).toBe('runtime');
    expect(launcherFieldOf('durationS')).toBe('durationS');
    expect(launcherFieldOf(undefined)).toBe('form');
    expect(launcherFieldOf('rect.x')).toBe('form');
    expect(modeWordsOf('python').thread).toBe('threads in one interpreter (one GIL)');
    expect(modeWordsOf('node').thread).toBe('worker threads in one process');
  });

  it('puts the contract’s reason next to the field it is about', () => {
    expect(checkForm(form({ units: '0' }), params('cpu'))).toEqual({ ok: false, errors: { units: 'units must be between 1 and 256 in process mode' } });
    expect(checkForm(form({ units: '' }), params('cpu'))).toEqual({ ok: false, errors: { units: 'units is required' } });
    expect(checkForm(form({ units: '2.5' }), params('cpu'))).toEqual({ ok: false, errors: { units: 'units must be a whole number' } });
    expect(checkForm(form({ durationS: '0.01' }), params('cpu'))).toEqual({ ok: false, errors: { durationS: 'duration must be between 0.1 and 3600' } });
    expect(checkForm(form({ durationS: 'abc' }), params('cpu'))).toEqual({ ok: false, errors: { durationS: 'duration must be a number' } });
    // the schema would take a missing duration as the default 5 s: on the form, an emptied field is refused
    expect(checkForm(form({ durationS: '' }), params('cpu'))).toEqual({ ok: false, errors: { durationS: 'duration is required' } });
    expect(checkForm(form({ durationS: '  ' }), params('io-sleep'))).toEqual({ ok: false, errors: { durationS: 'duration is required' } });
    expect(checkForm(form({ durationS: '0' }), params('cpu'))).toEqual({ ok: false, errors: { durationS: 'duration must be between 0.1 and 3600' } });
    expect(checkForm(form({ durationS: 'ten' }), params('cpu'))).toEqual({ ok: false, errors: { durationS: 'duration must be a number' } });
    expect(checkForm(form({ durationS: '99999' }), params('cpu'))).toEqual({ ok: false, errors: { durationS: 'duration must be between 0.1 and 3600' } });
    expect(checkForm(form({ workload: 'mem', mb: '' }), params('mem'))).toEqual({ ok: false, errors: { mb: 'memory per unit is required' } });
    expect(checkForm(form({ lengthBy: 'work', work: '' }), params('cpu'))).toEqual({ ok: false, errors: { work: 'work is required' } });
    // a hidden field's text is not checked: io-sleep has no mb
    expect(checkForm(form({ workload: 'io-sleep', mb: '' }), params('io-sleep')).ok).toBe(true);
    expect(checkForm(form({ workload: 'mem', mb: '9999' }), params('mem'))).toEqual({ ok: false, errors: { mb: 'mb must be between 0 and 4096' } });
  });

  it('allows async runs more units than processes', () => {
    expect(checkForm(form({ mode: 'async', units: '10000', workload: 'io-sleep' }), params('io-sleep')).ok).toBe(true);
    expect(checkForm(form({ mode: 'thread', units: '10000' }), params('cpu'))).toEqual({ ok: false, errors: { units: 'units must be between 1 and 256 in thread mode' } });
  });

  it('offers work only for cpu, and mb only for mem', () => {
    expect(visibleFields(form({ lengthBy: 'work' }), params('io-sleep'))).toEqual({ durationS: true, work: false, mb: false });
    expect(visibleFields(form({ lengthBy: 'work' }), params('cpu'))).toEqual({ durationS: false, work: true, mb: false });
    expect(visibleFields(form(), params('mem'))).toEqual({ durationS: true, work: false, mb: true });
  });

  it('places the API’s refusals by the field the contract names', () => {
    const fieldOfRefused = (input: unknown) => {
      const r = RunSpecSchema.safeParse(input);
      return launcherFieldOf(r.success ? undefined : refusalOf(r.error).field);
    };
    expect(fieldOfRefused({ mode: 'process', workload: 'cpu', units: 0 })).toBe('units');
    expect(fieldOfRefused({ mode: 'process', workload: 'cpu', units: 1, durationS: 0 })).toBe('durationS');
    expect(fieldOfRefused({ mode: 'process', workload: 'cpu', units: 1, mb: 5 })).toBe('mb');
    expect(fieldOfRefused({ mode: 'process', workload: 'cpu', units: 1, extra: 5 })).toBe('form');
    expect(launcherFieldOf(new InvalidInput('at most 8 runs at once; stop one first').field)).toBe('form');
  });

  it('shows the limits for the chosen mode', () => {
    expect(limitHint('units', 'process', LIMITS)).toBe('1–256 in process mode');
    expect(limitHint('units', 'async', LIMITS)).toBe('1–100,000 in async mode');
    expect(limitHint('durationS', 'thread', LIMITS)).toBe('0.1–3600 s per unit');
  });

  it('warns when the mem workload would ask for more than is free', () => {
    const mb = 1024 * 1024;
    expect(memoryWarning(form({ workload: 'mem', units: '4', mb: '100' }), params('mem'), 300 * mb)).toBe('4 × 100 MB is more than the 300 MB available now');
    expect(memoryWarning(form({ workload: 'mem', units: '2', mb: '100' }), params('mem'), 300 * mb)).toBeNull();
    expect(memoryWarning(form({ units: '400' }), params('cpu'), 1)).toBeNull();
  });
});
