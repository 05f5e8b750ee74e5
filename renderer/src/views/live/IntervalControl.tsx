/** The sampling interval (50 ms … 5 s), set on the engine: it changes how often samples come, not how often views draw. */
import { useCanControl, VIEW_ONLY_WORDS } from '../../hooks/use-access.js';
import { useState } from 'react';
import type { CoreScopeApi } from '../../../../contract/methods.js';
import { formatMs } from '../../../../lib/format.js';

const INTERVAL_CHOICES = [50, 100, 200, 250, 500, 1000, 2000, 5000] as const;

export function IntervalControl({ api, initialMs }: { api: CoreScopeApi; initialMs: number | null }) {
  const [chosen, setChosen] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const canControl = useCanControl();
  const value = chosen ?? initialMs;
  const choices = value !== null && !(INTERVAL_CHOICES as readonly number[]).includes(value) ? [...INTERVAL_CHOICES, value].sort((a, b) => a - b) : INTERVAL_CHOICES;

  const change = async (ms: number) => {
    const before = value;
    setChosen(ms);
    setError(null);
    try {
      await api.setInterval(ms);
    } catch (e) {
      setChosen(before);
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <label className="inline-field">
      <span>Sample every</span>
      <select value={value ?? ''} onChange={(e) => change(Number(e.target.value))} disabled={value === null || !canControl} title={canControl ? undefined : VIEW_ONLY_WORDS}>
        {value === null && <option value="">…</option>}
        {choices.map((ms) => (
          <option key={ms} value={ms}>
            {formatMs(ms)}
          </option>
        ))}
      </select>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </label>
  );
}
