/**
 * Live or replay. `corescope replay` serves the page with ?replay: it fetches the recording and plays
 * it (there is no engine behind it). A live dashboard plays a `.corescope` file dropped on it, read and
 * decompressed in the page, and goes back to live when asked.
 */
import { useEffect, useMemo, useState } from 'react';
import { RECORDING_PATH } from '../../contract/recording.js';
import { decodeRecording, type DecodedRecording } from '../../lib/recording/decode.js';
import { App } from './App.js';
import { pickBridge } from './bridge/pick-bridge.js';
import { tokenOf } from './bridge/ws-url.js';
import { ReplayApp } from './ReplayApp.js';
import './replay.css';

type Loaded = { rec: DecodedRecording; name: string };

function decode(bytes: ArrayBuffer, name: string): Loaded {
  return { rec: decodeRecording(new Uint8Array(bytes)), name };
}

export function Root({ win }: { win: Window }) {
  const replayOnly = new URLSearchParams(win.location.search).has('replay');
  const live = useMemo(() => (replayOnly ? null : pickBridge(win)), [replayOnly, win]);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!replayOnly) return;
    fetch(`${RECORDING_PATH}?token=${encodeURIComponent(tokenOf(win.location.search) ?? '')}`)
      .then(async (r) => {
        if (!r.ok) throw new Error(`the recording could not be fetched: ${r.status} ${await r.text()}`);
        setLoaded(decode(await r.arrayBuffer(), new URLSearchParams(win.location.search).get('replay') || 'recording'));
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [replayOnly, win]);

  useEffect(() => {
    const over = (e: DragEvent) => e.preventDefault(); // lets the window take a drop
    const drop = (e: DragEvent) => {
      const file = e.dataTransfer?.files[0];
      if (!file) return;
      e.preventDefault();
      file
        .arrayBuffer()
        .then((b) => {
          setLoaded(decode(b, file.name));
          setError(null);
        })
        .catch((err: unknown) => setError(`${file.name}: ${err instanceof Error ? err.message : String(err)}`));
    };
    win.addEventListener('dragover', over);
    win.addEventListener('drop', drop);
    return () => {
      win.removeEventListener('dragover', over);
      win.removeEventListener('drop', drop);
    };
  }, [win]);

  const banner = error && (
    <div className="banner banner-error replay-error" role="alert">
      {error}
    </div>
  );
  if (loaded)
    return (
      <>
        {banner}
        <ReplayApp key={loaded.name + loaded.rec.frames.length} rec={loaded.rec} name={loaded.name} onClose={live ? () => setLoaded(null) : undefined} />
      </>
    );
  return (
    <>
      {banner}
      {live ? <App bridge={live} /> : !error && <p className="replay-loading">reading the recording…</p>}
    </>
  );
}
