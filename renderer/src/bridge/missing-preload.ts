/**
 * The desktop window without its bridge: the page came from the app's own scheme, so it is Electron's
 * window, and no window.corescope means the preload script failed to load. There is no WebSocket to
 * fall back to (the window's CSP allows none, and no server is running), so the page says that plainly.
 */
import type { CoreScopeApi } from '../../../preload/api.js';
import type { Connection, ConnectionState } from './connection.js';

export const PRELOAD_FAILED =
  'the desktop window’s preload script failed to load, so this window has no link to the engine; start CoreScope from a terminal to see why';

export function missingPreload(): { api: CoreScopeApi; connection: Connection } {
  const refuse = () => Promise.reject(new Error(PRELOAD_FAILED));
  const none = () => () => undefined;
  const state: ConnectionState = { status: 'closed', reason: PRELOAD_FAILED, final: true };
  return {
    api: {
      system: refuse,
      workloads: refuse,
      scenarios: refuse,
      startRun: refuse,
      stopRun: refuse,
      runScenario: refuse,
      setInterval: refuse,
      setPython: refuse,
      onSnapshot: none,
      onRunEvent: none,
      runCompare: refuse,
      runMemoryCost: refuse,
      onStudyEvent: none,
    },
    connection: { get: () => state, subscribe: none },
  };
}
