/** The state of the page's link to the engine, for the banner that says when it is gone. */

export type ConnectionState =
  | { status: 'connecting' }
  /** epoch: how many times the link has opened (1 the first time): a view can tell a reconnect by it */
  | { status: 'open'; epoch?: number }
  /**
   * final: nothing to reconnect to (the desktop window without its preload). retryInMs: the next try
   * is that far off. refused: the server answers HTTP but refuses the socket: its token changed.
   */
  | { status: 'closed'; reason: string; final?: boolean; retryInMs?: number; refused?: boolean };

/** Waits between reconnect attempts: quick at first, then every 4 s, so a restarted server is found within seconds. */
const RECONNECT_DELAYS_MS = [250, 500, 1000, 2000, 4000] as const;
export const reconnectDelay = (attempt: number): number => RECONNECT_DELAYS_MS[Math.min(attempt, RECONNECT_DELAYS_MS.length - 1)]!;

/** What to tell a person whose page's token the server refuses (it restarted without --token-file). */
export const REFUSED_TOKEN =
  'the server is running but refused this page’s token: it was restarted with a new one. Open the new URL that `corescope serve` printed (start it with --port P --token-file F to keep both across restarts)';

export interface Connection {
  get(): ConnectionState;
  subscribe(cb: () => void): () => void;
}

/** The Electron preload bridge can't drop: it is always open. */
export const ALWAYS_OPEN: Connection = {
  get: () => OPEN,
  subscribe: () => () => undefined,
};
const OPEN: ConnectionState = { status: 'open' };

/**
 * Words for a WebSocket close: what happened and what to do about it. A socket that never opened was
 * refused (browsers hide the HTTP status of a refused upgrade: it reads as 1006) or found no server.
 */
export function describeClose(code: number, reason: string, hadToken: boolean, wasOpen = true): string {
  if (!hadToken) return 'no token in this page’s address: open the URL that `corescope serve` printed';
  if (reason) return reason;
  if (!wasOpen) return 'could not connect: the server refused this page’s token, or it is not running (open the URL that `corescope serve` printed)';
  if (code === 1008 || code === 4001 || code === 4003) return 'the server refused this page (wrong or expired token)';
  if (code === 1001) return 'the server shut down';
  return `the connection to the CoreScope server closed (code ${code})`;
}
