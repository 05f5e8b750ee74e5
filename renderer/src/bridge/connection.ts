/** The state of the page's link to the engine, for the banner that says when it is gone. */

export type ConnectionState =
  | { status: 'connecting' }
  | { status: 'open' }
  /** final: nothing to reconnect to (the desktop window without its preload) */
  | { status: 'closed'; reason: string; final?: boolean };

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
