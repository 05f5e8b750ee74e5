/**
 * The renderer picks its bridge by itself: inside Electron the preload script has put the IPC
 * transport on window.corescope; in a plain browser (the `corescope serve` dashboard) it talks
 * WebSocket to the server that served the page, with the token from the page's URL (moved to
 * sessionStorage on load, so it leaves the address bar and history). Either way the
 * API is the contract's client over that transport.
 */
import { buildApi } from '../../../contract/client.js';
import { IPC_METHODS, subscriberName, type CoreScopeApi } from '../../../contract/methods.js';
import { APP_SCHEME, type PreloadApi } from '../../../contract/wire.js';
import { ALWAYS_OPEN, type Connection } from './connection.js';
import { missingPreload } from './missing-preload.js';
import { WsBridge, type SocketLike } from './ws-bridge.js';
import { takeToken } from './page-token.js';
import { socketUrl } from './ws-url.js';

export interface Bridge {
  api: CoreScopeApi;
  connection: Connection;
  transport: 'electron' | 'websocket' | 'replay';
}

/** The global the preload script exposes (read, not declared: preload/index.ts owns it). */
type WithPreload = { corescope?: PreloadApi };

function overPreload(preload: PreloadApi): CoreScopeApi {
  return buildApi(
    IPC_METHODS,
    (method, params) => preload[method as keyof PreloadApi](params as never) as ReturnType<PreloadApi['system']>,
    // run events come over IPC in arrays (PreloadApi); the API hands them on one at a time
    (stream, cb) => (stream === 'runEvent' ? preload.onRunEvent((events) => events.forEach((e) => cb(e as never))) : preload[subscriberName(stream)](cb as never)),
  );
}

/** The desktop window's page (its preload there, or the app's own scheme without it), not a browser's. */
export const isDesktopPage = (win: Window): boolean => Boolean((win as unknown as WithPreload).corescope) || win.location.protocol === `${APP_SCHEME}:`;

export function pickBridge(win: Window): Bridge {
  const preload = (win as unknown as WithPreload).corescope;
  if (preload) return { api: overPreload(preload), connection: ALWAYS_OPEN, transport: 'electron' };
  if (win.location.protocol === `${APP_SCHEME}:`) return { ...missingPreload(), transport: 'electron' };
  const token = takeToken(win);
  const url = socketUrl(win.location, token);
  // the page itself answering while the socket is refused means the server's token changed
  const probe = () => fetch(win.location.pathname, { cache: 'no-store' }).then((r) => r.ok);
  const ws = new WsBridge(() => new WebSocket(url) as unknown as SocketLike, token !== null, { probe });
  return { api: ws.api, connection: ws, transport: 'websocket' };
}
