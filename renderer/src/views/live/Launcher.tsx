/**
 * Start a run: mode, workload, units and how long (duration, or an amount of work for cpu), with the
 * engine's limits beside each field. The form is checked with the contract's RunSpecSchema before
 * anything is sent; a reason the API gives back lands next to its field too. A started run's lane
 * shows at once. Number fields are text inputs: a number input turns "ten" into "" behind the form's back,
 * and the form must say what was wrong with what was typed.
 */
import { useState, type FormEvent } from 'react';
import { type PythonInfo, type WorkloadInfo } from '../../../../contract/catalog.js';
import { type LIMITS } from '../../../../contract/limits.js';
import { type CoreScopeApi } from '../../../../contract/methods.js';
import { RunSpecSchema } from '../../../../contract/schemas.js';
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
  visibleFields,
  withRuntimes,
  type FormErrors,
  type LauncherField,
  type LauncherForm,
} from '../../state/launcher-form.js';
import { useFrame } from '../../hooks/use-frame.js';
import type { LiveStore } from '../../state/live-store.js';
import { Field, describedBy } from '../Field.js';
import { fieldOf } from '../../../../contract/client.js';
import { PythonSetting } from '../PythonSetting.js';
import { LauncherFields, type SetField } from './LauncherFields.js';
import { LAUNCHER_GAP_MS } from '../draw-rates.js';

const PENDING_PARAMS: WorkloadInfo['params'] = ['durationS', 'work'];

interface Props {
  api: CoreScopeApi;
  store: LiveStore;
  /** false while the link to the engine is down: Run waits for it */
  connected: boolean;
  workloads: WorkloadInfo[];
  limits: typeof LIMITS | null;
  /** this machine's Python (SystemInfo.python): the Runtime selector shows only when there is one */
  python: PythonInfo | null;
  /** the Python setting changed: SystemInfo.python as the engine now has it */
  onPython: (python: PythonInfo | null) => void;
  /** folded, only the heading shows, so the cores stay on the first screen of a small window */
  open: boolean;
  onOpen: (open: boolean) => void;
}

export function Launcher({ api, store, connected, workloads, limits, python, onPython, open, onOpen }: Props) {
  // free memory for the mem workload's warning: once a second is plenty
  const availableBytes = useFrame(store, LAUNCHER_GAP_MS).latest?.memory.availableBytes ?? null;
  const [typed, setForm] = useState<LauncherForm>(INITIAL_FORM);
  const form = withRuntimes(typed, python);
  const runtimes = runtimesFor(python);
  const modeWords = modeWordsOf(form.runtime);
  const [errors, setErrors] = useState<FormErrors>({});
  const [busy, setBusy] = useState(false);
  const info = workloads.find((w) => w.name === form.workload);
  // before the catalog arrives, the default workload's fields (cpu: a duration, or work) are already there to fill in
  const params = info?.params ?? PENDING_PARAMS;
  const show = visibleFields(form, params);
  const warning = memoryWarning(form, params, availableBytes);

  /** change one field, and forget the reasons that were about it */
  const set: SetField = (key, value, clears = []) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors((e) => {
      const next = { ...e };
      for (const k of [key as LauncherField, ...clears, 'form' as const]) delete next[k];
      return next;
    });
  };

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    const checked = checkForm(form, params);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const { runId } = await api.startRun(checked.spec);
      store.launched(runId, RunSpecSchema.parse(checked.spec));
      // the result is the new lane: bring it into sight (on a small window it starts below the fold)
      requestAnimationFrame(() => document.getElementById(`lane-${runId}`)?.closest('article')?.scrollIntoView?.({ block: 'nearest' }));
      setErrors({}); // a reason from an earlier attempt ("at most 8 runs at once") no longer holds
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      const field = launcherFieldOf(fieldOf(e));
      const shown =
        field === 'form' || field === 'mode' || field === 'workload' || field === 'units' || (field === 'runtime' && runtimes.length > 1) || show[field as 'durationS' | 'work' | 'mb'];
      setErrors({ [shown ? field : 'form']: reason });
    } finally {
      setBusy(false);
    }
  };

  const hint = (f: 'units' | 'durationS' | 'work' | 'mb') => (limits ? limitHint(f, form.mode, limits) : undefined);

  return (
    <section className="panel launcher" aria-labelledby="launcher-title">
      <div className="panel-head">
        <h2 id="launcher-title">Launch a run</h2>
        <button type="button" className="btn btn-small" aria-expanded={open} aria-controls="launcher-body" onClick={() => onOpen(!open)}>
          {open ? 'Fold' : 'Open'}
        </button>
      </div>
      <div id="launcher-body" hidden={!open}>
      <form onSubmit={submit} noValidate>
        {runtimes.length > 1 && (
          <Field id="runtime" label="Runtime" hint={runtimeHint(form.runtime, python) ?? undefined} error={errors.runtime}>
            <select
              id="runtime"
              value={form.runtime}
              onChange={(e) => set('runtime', e.target.value as LauncherForm['runtime'])}
              {...describedBy('runtime', true, errors.runtime)}
            >
              {runtimes.map((r) => (
                <option key={r} value={r}>
                  {runtimeLabel(r, python)}
                </option>
              ))}
            </select>
          </Field>
        )}
        <LauncherFields form={form} errors={errors} set={set} workloads={workloads} info={info} params={params} show={show} hint={hint} modeWords={modeWords} />

        {warning && <p className="warning">{warning}</p>}
        {errors.runtime && runtimes.length === 1 && (
          <p className="field-error" role="alert">
            {errors.runtime}
          </p>
        )}

        <div className="launch-row">
          <button type="submit" className="btn btn-primary" disabled={busy || !connected || workloads.length === 0}>
            Run
          </button>
          {errors.form && (
            <span className="field-error" role="alert">
              {errors.form}
            </span>
          )}
          {limits && <span className="field-hint">up to {limits.concurrentRuns} runs at once</span>}
        </div>
      </form>
      <PythonSetting api={api} python={python} onPython={onPython} />
      </div>
    </section>
  );
}
