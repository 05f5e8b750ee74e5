/**
 * Live or replay. A page with ?replay plays a recording: in a browser `corescope replay` serves it
 * (there is no engine behind it); in the desktop window it is the file File → Open recording… read,
 * and the live dashboard is one *Back to live* away. A live dashboard plays a `.corescope` file dropped
 * on it, read and decompressed in the page. A replay goes through the replay bridge, which refuses every
 * control method: opening or dropping one starts and stops nothing, and runs going live go on.
 */
import { useEffect, useMemo, useState } from 'react';
import { decodeRecording, type DecodedRecording } from '../../lib/recording/decode.js';
import { App } from './App.js';
import { isDesktopPage, pickBridge } from './bridge/pick-bridge.js';
import { fromDroppedFile, fromReplayServer, fromShell, type ReplayFile } from './bridge/replay-source.js';
import { ReplayApp } from './ReplayApp.js';
import './replay.css';

type Loaded = { rec: DecodedRecording; name: string };

const decode = (f: ReplayFile): Loaded => ({ rec: decodeRecording(f.bytes), name: f.name });
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function Root({ win }: { win: Window }) {
  // decided once: Back to live takes ?replay out of the address, and must not rebuild the bridge
  const [replayPage] = useState(() => new URLSearchParams(win.location.search).has('replay'));
  const [desktop] = useState(() => isDesktopPage(win));
  const live = useMemo(() => (replayPage && !desktop ? null : pickBridge(win)), [replayPage, desktop, win]);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  // a ?replay page shows neither live nor an empty replay until its recording is read
  const [reading, setReading] = useState(replayPage);

  useEffect(() => {
    if (!replayPage) return;
    (live ? fromShell(live.api) : fromReplayServer(win.location.search))
      .then((f) => setLoaded(decode(f)))
      .catch((e: unknown) => setError(messageOf(e)))
      .finally(() => setReading(false));
  }, [replayPage, live, win]);

  useEffect(() => {
    const over = (e: DragEvent) => e.preventDefault(); // lets the window take a drop
    const drop = (e: DragEvent) => {
      const file = e.dataTransfer?.files[0];
      if (!file) return;
      e.preventDefault();
      fromDroppedFile(file)
        .then((f) => {
          setLoaded(decode(f));
          setError(null);
        })
        .catch((err: unknown) => setError(`${file.name}: ${messageOf(err)}`));
    };
    win.addEventListener('dragover', over);
    win.addEventListener('drop', drop);
    return () => {
      win.removeEventListener('dragover', over);
      win.removeEventListener('drop', drop);
    };
  }, [win]);

  const backToLive = () => {
    setLoaded(null);
    setError(null);
    // a reload from here shows live, not the recording again
    if (replayPage) win.history.replaceState(null, '', win.location.pathname);
  };

  const banner = error && (
    <div className="banner banner-error replay-error" role="alert">
      {error}
    </div>
  );
  if (loaded)
    return (
      <>
        {banner}
        <ReplayApp key={loaded.name + loaded.rec.frames.length} rec={loaded.rec} name={loaded.name} onClose={live ? backToLive : undefined} />
      </>
    );
  return (
    <>
      {banner}
      {reading ? <p className="replay-loading">reading the recording…</p> : live && <App bridge={live} />}
    </>
  );
}
