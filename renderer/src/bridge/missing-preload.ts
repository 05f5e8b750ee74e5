/**
 * The desktop window without its bridge: the page came from the app's own scheme, so it is Electron's
 * window, and no window.corescope means the preload script failed to load. There is no WebSocket to
 * fall back to (the window's CSP allows none, and no server is running), so the page says that plainly.
 */
import { buildApi } from '../../../contract/client.js';
import { WS_METHODS, type CoreScopeApi } from '../../../contract/methods.js';
import type { Connection, ConnectionState } from './connection.js';

export const PRELOAD_FAILED =
  'the desktop window’s preload script failed to load, so this window has no link to the engine; start CoreScope from a terminal to see why';

export function missingPreload(): { api: CoreScopeApi; connection: Connection } {
  const state: ConnectionState = { status: 'closed', reason: PRELOAD_FAILED, final: true };
  // every call refused with the reason, every stream silent
  const api = buildApi(WS_METHODS, async () => ({ ok: false, error: PRELOAD_FAILED }), () => () => undefined);
  return { api, connection: { get: () => state, subscribe: () => () => undefined } };
}
