/**
 * The launcher's fields: mode, workload, units and how long (duration, or work for cpu; mb for mem),
 * each with its limit beside it and the reason next to it when it is wrong. Drawn from the form and
 * its errors; every change goes through set(), which also forgets the reasons it makes stale.
 */
import { type WorkloadInfo } from '../../../../contract/catalog.js';
import { MODES, type Mode } from '../../../../contract/domain.js';
import { type FormErrors, type LauncherField, type LauncherForm } from '../../state/launcher-form.js';
import { Field, describedBy } from '../Field.js';

export type SetField = <K extends keyof LauncherForm>(key: K, value: LauncherForm[K], clears?: LauncherField[]) => void;

interface Props {
  form: LauncherForm;
  errors: FormErrors;
  set: SetField;
  workloads: WorkloadInfo[];
  info: WorkloadInfo | undefined;
  params: WorkloadInfo['params'];
  show: { durationS: boolean; work: boolean; mb: boolean };
  hint: (field: 'units' | 'durationS' | 'work' | 'mb') => string | undefined;
  modeWords: Record<Mode, string>;
}

export function LauncherFields({ form, errors, set, workloads, info, params, show, hint, modeWords }: Props) {
  return (
    <>
  <fieldset className="modes">
    <legend>Mode</legend>
    <div className="segmented">
      {MODES.map((m) => (
        <label key={m} className={form.mode === m ? 'seg seg-on' : 'seg'}>
          {/* named by the mode alone ("thread"), described by its words: "one process" must not match "process" */}
          <input
            type="radio"
            name="mode"
            value={m}
            aria-label={m}
            aria-describedby={`mode-${m}-words`}
            checked={form.mode === m}
            onChange={() => set('mode', m, ['units'])}
          />
          <span className="seg-name" aria-hidden="true">
            {m}
          </span>
          <span className="seg-words" id={`mode-${m}-words`}>
            {modeWords[m]}
          </span>
        </label>
      ))}
    </div>
    {errors.mode && (
      <span className="field-error" role="alert">
        {errors.mode}
      </span>
    )}
  </fieldset>

  <Field id="workload" label="Workload" error={errors.workload}>
    <select
      id="workload"
      value={form.workload}
      onChange={(e) => set('workload', e.target.value as LauncherForm['workload'], ['durationS', 'work', 'mb'])}
      {...describedBy('workload', false, errors.workload)}
    >
      {workloads.map((w) => (
        <option key={w.name} value={w.name}>
          {w.name}
        </option>
      ))}
    </select>
  </Field>
  {info && <p className="workload-summary">{info.summary}</p>}

  <div className="field-row">
    <Field id="units" label="Units" hint={hint('units')} error={errors.units}>
      <input
        id="units"
        type="text"
        inputMode="numeric"
        value={form.units}
        onChange={(e) => set('units', e.target.value)}
        {...describedBy('units', true, errors.units)}
      />
    </Field>

    {params.includes('work') && (
      <fieldset className="length-by">
        <legend>Length by</legend>
        {(['duration', 'work'] as const).map((k) => (
          <label key={k} className="radio">
            <input type="radio" name="lengthBy" value={k} checked={form.lengthBy === k} onChange={() => set('lengthBy', k, ['durationS', 'work'])} />
            {k}
          </label>
        ))}
      </fieldset>
    )}
  </div>

  <div className="field-row">
    {show.durationS && (
      <Field id="durationS" label="Duration (s)" hint={hint('durationS')} error={errors.durationS}>
        <input
          id="durationS"
          type="text"
          inputMode="decimal"
          value={form.durationS}
          onChange={(e) => set('durationS', e.target.value)}
          {...describedBy('durationS', true, errors.durationS)}
        />
      </Field>
    )}
    {show.work && (
      <Field id="work" label="Work (blocks)" hint={hint('work')} error={errors.work}>
        <input id="work" type="text" inputMode="numeric" value={form.work} onChange={(e) => set('work', e.target.value)} {...describedBy('work', true, errors.work)} />
      </Field>
    )}
    {show.mb && (
      <Field id="mb" label="Memory per unit (MB)" hint={hint('mb')} error={errors.mb}>
        <input id="mb" type="text" inputMode="decimal" value={form.mb} onChange={(e) => set('mb', e.target.value)} {...describedBy('mb', true, errors.mb)} />
      </Field>
    )}
  </div>
    </>
  );
}
