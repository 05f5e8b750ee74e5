/**
 * What the page does each time its link to the engine opens: the first time and after every reconnect
 * it asks for the engine's recent history (so the charts show the last minute, not a blank that fills
 * from now); after a reconnect it reads the machine again and, at the first snapshot, ends the lanes
 * of runs the engine no longer has (a restarted server forgot them) as "connection lost".
 */
import { useEffect, useRef } from 'react';
import type { CoreScopeApi } from '../../../contract/methods.js';
import type { ConnectionState } from '../bridge/connection.js';
import type { LiveStore } from '../state/live-store.js';

export function useLink(api: CoreScopeApi, store: LiveStore, link: ConnectionState, onReopen: () => void): void {
  const epoch = link.status === 'open' ? (link.epoch ?? 1) : 0;
  const reopen = useRef(onReopen);
  reopen.current = onReopen;

  useEffect(() => {
    if (epoch === 0) return;
    let live = true;
    api
      .recentHistory()
      .then((h) => live && store.ingestHistory(h))
      .catch(() => undefined); // an older engine without it: the charts fill from now, as before
    if (epoch === 1) return () => void (live = false);
    reopen.current();
    const off = store.subscribeSnapshots(() => {
      off();
      store.markLost(new Set((store.latest?.runs ?? []).map((r) => r.runId)));
    });
    return () => {
      live = false;
      off();
    };
  }, [api, store, epoch]);
}
