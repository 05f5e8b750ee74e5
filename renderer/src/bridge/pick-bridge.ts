/**
 * The renderer picks its bridge by itself: inside Electron the preload script has put the API on
 * window.corescope; in a plain browser (the `corescope serve` dashboard) it talks WebSocket to the
 * server that served the page, with the token from the page's URL.
 */
import type { CoreScopeApi } from '../../../preload/api.js';
import { APP_SCHEME } from '../../../main/electron/origin.js';
import { ALWAYS_OPEN, type Connection } from './connection.js';
import { missingPreload } from './missing-preload.js';
import { WsBridge, type SocketLike } from './ws-bridge.js';
import { socketUrl, tokenOf } from './ws-url.js';

export interface Bridge {
  api: CoreScopeApi;
  connection: Connection;
  transport: 'electron' | 'websocket';
}

/** The global the preload script exposes (read, not declared: preload/index.ts owns its declaration). */
type WithPreload = { corescope?: CoreScopeApi };

export function pickBridge(win: Window): Bridge {
  const preload = (win as unknown as WithPreload).corescope;
  if (preload) return { api: preload, connection: ALWAYS_OPEN, transport: 'electron' };
  if (win.location.protocol === `${APP_SCHEME}:`) return { ...missingPreload(), transport: 'electron' };
  const url = socketUrl(win.location);
  const ws = new WsBridge(() => new WebSocket(url) as unknown as SocketLike, tokenOf(win.location.search) !== null);
  return { api: ws, connection: ws, transport: 'websocket' };
}
