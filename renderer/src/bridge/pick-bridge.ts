/**
 * The renderer picks its bridge by itself: inside Electron the preload script has put the API on
 * window.corescope; in a plain browser (the `corescope serve` dashboard) it talks WebSocket to the
 * server that served the page, with the token from the page's URL (moved to sessionStorage on load).
 */
import type { CoreScopeApi } from '../../../preload/api.js';
import { ALWAYS_OPEN, type Connection } from './connection.js';
import { WsBridge, type SocketLike } from './ws-bridge.js';
import { takeToken } from './page-token.js';
import { socketUrl } from './ws-url.js';

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
  const token = takeToken(win);
  const url = socketUrl(win.location, token);
  const ws = new WsBridge(() => new WebSocket(url) as unknown as SocketLike, token !== null);
  return { api: ws, connection: ws, transport: 'websocket' };
}
