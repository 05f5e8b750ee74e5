/**
 * Record what this session shows into a `.corescope` file. The engine writes it (it sees every
 * stream, whichever page started it), into its recordings folder; the page says where the file is and
 * how to replay it. Any page sees a recording that another page started, and can stop it.
 */
import { useEffect, useState } from 'react';
import type { CoreScopeApi } from '../../../contract/methods.js';
import type { RecordingInfo } from '../../../contract/recording.js';
import { formatBytes } from '../../../lib/format.js';

export function RecordButton({ api }: { api: CoreScopeApi }) {
  const [going, setGoing] = useState<RecordingInfo | null>(null);
  const [saved, setSaved] = useState<RecordingInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    api.recording().then((r) => live && setGoing(r), () => undefined);
    return () => {
      live = false;
    };
  }, [api]);

  const toggle = async () => {
    setBusy(true);
    setError(null);
    try {
      if (going) {
        setSaved(await api.stopRecording());
        setGoing(null);
      } else {
        setGoing(await api.startRecording());
        setSaved(null);
      }
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const name = (p: string) => p.split(/[\\/]/).pop();
  return (
    <span className="record">
      <button type="button" className={going ? 'btn btn-on record-on' : 'btn'} aria-pressed={going !== null} disabled={busy} onClick={toggle} title={going ? `recording to ${going.path}` : 'record what this dashboard shows into a .corescope file'}>
        <span className="record-dot" aria-hidden="true" />
        {going ? 'Stop recording' : 'Record'}
      </button>
      {saved && (
        <span className="record-saved" role="status" title={`replay it: corescope replay "${saved.path}"`}>
          saved {name(saved.path)} ({formatBytes(saved.bytes)}) in {saved.path.slice(0, -(name(saved.path)?.length ?? 0))}
        </span>
      )}
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
