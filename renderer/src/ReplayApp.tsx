/**
 * The dashboard driven by a recording: the same App over a replay bridge, under the replay bar. A
 * seek mounts the views afresh (keyed by the player's epoch) so they rebuild from the frames up to the
 * new position; while playing, a timer hands them the frames that come due.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { DecodedRecording } from '../../lib/recording/decode.js';
import { timeSpan } from '../../lib/recording/decode.js';
import { App } from './App.js';
import { ReplayFeed } from './bridge/replay-bridge.js';
import { ReplayPlayer } from './state/replay-player.js';
import { ReplayBar } from './views/replay/ReplayBar.js';

/** how often playback moves on: smooth enough for a 10 Hz recording at ×8 */
const TICK_MS = 100;

export function ReplayApp({ rec, name, onClose }: { rec: DecodedRecording; name: string; onClose?: () => void }) {
  const [player] = useState(() => {
    const { startT, endT } = timeSpan(rec);
    return new ReplayPlayer(rec.frames, startT, endT);
  });
  const [feed] = useState(() => new ReplayFeed(rec.header, rec.frames, () => player.said));
  const { playing, epoch } = useSyncExternalStore(player.subscribe, player.get);

  useEffect(() => {
    if (!playing) return;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      feed.deliver(player.advance(now - last));
      last = now;
    }, TICK_MS);
    return () => clearInterval(timer);
  }, [playing, player, feed]);

  return (
    <>
      <ReplayBar player={player} header={rec.header} name={name} damage={rec.damage} onClose={onClose} />
      <App key={epoch} bridge={feed.bridge} />
    </>
  );
}
