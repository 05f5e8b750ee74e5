/**
 * One of the article's scenarios: what it shows, what to watch, what the article says, the mode (only
 * the modes it runs in), its flags, and Run. The form is checked with the contract's ScenarioSpecSchema
 * before anything starts; a reason the API gives back lands next to its field too.
 */
import { useCanControl, VIEW_ONLY_WORDS } from '../../hooks/use-access.js';
import { memo, useEffect, useRef, useState, type FormEvent } from 'react';
import type { ScenarioInfo } from '../../../../contract/catalog.js';
import type { ScenarioFlag } from '../../../../contract/domain.js';
import type { CoreScopeApi } from '../../../../contract/methods.js';
import {
  CHOICES,
  FLAG_WORDS,
  checkScenarioForm,
  scenarioFieldOf,
  initialForm,
  modesOf,
  runtimesOf,
  withMode,
  withRuntime,
  type ScenarioErrors,
  type ScenarioForm,
} from '../../state/scenario-form.js';
import { MODE_WORDS } from '../../state/launcher-form.js';
import { fieldOf } from '../../../../contract/client.js';
import { Field, describedBy } from '../Field.js';

interface Props {
  info: ScenarioInfo;
  api: CoreScopeApi;
  selected: boolean;
  /** this machine has a python3: scenarios with a Python version offer it */
  hasPython: boolean;
  /** this scenario's run is going: Run waits until it ends */
  running: boolean;
  /** false while the link to the engine is down */
  connected: boolean;
  onSelect: (name: ScenarioInfo['name']) => void;
  onStarted: (name: ScenarioInfo['name'], runId: string) => void;
}

export const ScenarioCard = memo(function ScenarioCard({ info, api, selected, hasPython, running, connected, onSelect, onStarted }: Props) {
  const [form, setForm] = useState<ScenarioForm>(() => initialForm(info));
  const [errors, setErrors] = useState<ScenarioErrors>({});
  const [busy, setBusy] = useState(false);
  const canControl = useCanControl();
  const id = (what: string) => `sc-${info.name}-${what}`;
  const runtimes = runtimesOf(info, hasPython);
  const box = useRef<HTMLElement>(null);
  // the chosen card stays in sight in the list beside the run it shows
  useEffect(() => {
    if (selected) box.current?.scrollIntoView?.({ block: 'nearest' });
  }, [selected]);

  const setValue = (flag: ScenarioFlag, value: string) => {
    setForm((f) => ({ ...f, values: { ...f.values, [flag]: value } }));
    setErrors((e) => ({ ...e, [flag]: undefined, form: undefined }));
  };

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    onSelect(info.name);
    const checked = checkScenarioForm(info, form);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const { runId } = await api.runScenario(checked.spec);
      onStarted(info.name, runId);
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      setErrors({ [scenarioFieldOf(fieldOf(e), info.flags)]: reason });
    } finally {
      setBusy(false);
    }
  };

  return (
    <article ref={box} className={selected ? 'scenario-card scenario-selected' : 'scenario-card'} aria-labelledby={id('title')} data-scenario={info.name}>
      <header className="scenario-card-head">
        <button type="button" className="scenario-title" aria-pressed={selected} onClick={() => onSelect(info.name)} id={id('title')}>
          {info.title}
        </button>
        {runtimes.length === 1 && runtimes[0] === 'python' && <span className="scenario-tag">Python</span>}
        {running && <span className="scenario-running">running</span>}
      </header>
      <p className="scenario-summary">{info.summary}</p>
      <dl className="scenario-words">
        <div>
          <dt>Watch</dt>
          <dd>{info.watch}</dd>
        </div>
        <div>
          <dt>The article</dt>
          <dd>{info.article}</dd>
        </div>
      </dl>
      <form onSubmit={submit} noValidate className="scenario-form">
        <div className="scenario-fields">
          {runtimes.length > 1 && (
            <Field id={id('runtime')} label="Runtime" error={errors.runtime}>
              <select
                id={id('runtime')}
                value={form.runtime}
                onChange={(e) => {
                  setForm((f) => withRuntime(info, f, e.target.value as ScenarioForm['runtime']));
                  setErrors((er) => ({ ...er, runtime: undefined, mode: undefined, form: undefined }));
                }}
                {...describedBy(id('runtime'), false, errors.runtime)}
              >
                {runtimes.map((r) => (
                  <option key={r} value={r}>
                    {r}
                  </option>
                ))}
              </select>
            </Field>
          )}
          <Field id={id('mode')} label="Mode" error={errors.mode}>
            {modesOf(info, form.runtime).length === 1 ? (
              // one way to run it (the gil: Python threads, then processes): said, not offered as a choice
              <output id={id('mode')} className="field-static" title={MODE_WORDS[form.mode]}>
                {form.mode}
              </output>
            ) : (
              <select
                id={id('mode')}
                value={form.mode}
                onChange={(e) => {
                  setForm((f) => withMode(info, f, e.target.value as ScenarioForm['mode']));
                  setErrors((er) => ({ ...er, mode: undefined, form: undefined }));
                }}
                {...describedBy(id('mode'), false, errors.mode)}
              >
                {modesOf(info, form.runtime).map((m) => (
                  <option key={m} value={m} title={MODE_WORDS[m]}>
                    {m}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {info.flags.map((flag) => {
            const words = FLAG_WORDS[flag];
            const choices = CHOICES[flag];
            const fid = id(flag);
            return (
              <Field key={flag} id={fid} label={words.label} hint={choices ? undefined : words.hint} error={errors[flag]}>
                {choices ? (
                  <select id={fid} value={form.values[flag] ?? ''} onChange={(e) => setValue(flag, e.target.value)} {...describedBy(fid, false, errors[flag])}>
                    <option value="">{choices[0]}</option>
                    {choices.slice(1).map((c) => (
                      <option key={c} value={c}>
                        {c}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input
                    id={fid}
                    type="text"
                    inputMode="decimal"
                    value={form.values[flag] ?? ''}
                    onChange={(e) => setValue(flag, e.target.value)}
                    {...describedBy(fid, true, errors[flag])}
                  />
                )}
              </Field>
            );
          })}
        </div>
        <div className="scenario-actions">
          <button
            type="submit"
            className="btn btn-primary"
            aria-label={`Run ${info.name}`}
            disabled={busy || running || !connected || runtimes.length === 0 || !canControl}
            title={canControl ? undefined : VIEW_ONLY_WORDS}
          >
            Run
          </button>
          {runtimes.length === 0 && <span className="field-hint">needs python3, which this machine lacks</span>}
          {errors.form && (
            <span className="field-error" role="alert">
              {errors.form}
            </span>
          )}
        </div>
      </form>
    </article>
  );
});
