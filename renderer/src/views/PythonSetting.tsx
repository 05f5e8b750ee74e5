/**
 * The app's Python setting, folded away under the launcher's Runtime: the path of another interpreter
 * (or back to python3 on PATH). The engine checks it — an absolute path to a file named like Python
 * that runs as Python 3.8+ — and answers with SystemInfo.python, which the page then uses everywhere.
 */
import { useCanControl } from '../hooks/use-access.js';
import { useState, type FormEvent } from 'react';
import type { PythonInfo } from '../../../contract/catalog.js';
import type { CoreScopeApi } from '../../../contract/methods.js';

interface Props {
  api: CoreScopeApi;
  python: PythonInfo | null;
  onPython: (python: PythonInfo | null) => void;
}

export function PythonSetting({ api, python, onPython }: Props) {
  const canControl = useCanControl();
  const [path, setPath] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const use = async (value: string | null) => {
    setBusy(true);
    setError(null);
    try {
      onPython(await api.setPython(value));
      setPath('');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    void use(path.trim());
  };

  return (
    <details className="python-setting">
      <summary>{python ? 'Use another Python…' : 'Python: none found on PATH — give its path…'}</summary>
      <form className="python-setting-form" onSubmit={submit} noValidate>
        <label htmlFor="python-path">Python path</label>
        <div className="python-setting-row">
          <input
            id="python-path"
            type="text"
            spellCheck={false}
            placeholder="/usr/bin/python3"
            value={path}
            onChange={(e) => setPath(e.target.value)}
            aria-describedby={error ? 'python-path-error' : undefined}
            aria-invalid={error ? true : undefined}
          />
          <button type="submit" className="btn" disabled={busy || path.trim() === '' || !canControl}>
            Use
          </button>
          <button type="button" className="btn" disabled={busy || !canControl} onClick={() => void use(null)}>
            python3 on PATH
          </button>
        </div>
        {error && (
          <span className="field-error" id="python-path-error" role="alert">
            {error}
          </span>
        )}
      </form>
    </details>
  );
}
