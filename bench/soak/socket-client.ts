/**
 * A client of `corescope serve` as the dashboard page is one: the WebSocket at /api with the token and
 * the page's origin, requests answered by id, the streams pushed. Used by the soak and the kill matrix.
 */
import WebSocket from 'ws';
import type { MethodName } from '../../contract/methods.js';
import { unbatched, type WsPush, type WsReply, type WsServerPush } from '../../contract/wire.js';

export interface SocketClient {
  call<T = unknown>(method: MethodName, params?: unknown): Promise<T>;
  onPush(cb: (p: WsPush) => void): void;
  /** how many bytes the server has sent (pushes included) */
  received(): number;
  readonly ws: WebSocket;
  close(): Promise<void>;
}

const CALL_TIMEOUT_MS = 30_000;

/** Connects to the URL `corescope serve` printed (…/?token=…). */
export function connect(pageUrl: string): Promise<SocketClient> {
  const page = new URL(pageUrl);
  const ws = new WebSocket(`ws://${page.host}/api?token=${page.searchParams.get('token') ?? ''}`, { origin: page.origin });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const listeners: Array<(p: WsPush) => void> = [];
  let nextId = 1;
  let bytes = 0;
  ws.on('message', (data: Buffer) => {
    bytes += data.length;
    const msg = JSON.parse(data.toString()) as WsReply | WsServerPush;
    if ('push' in msg) for (const p of unbatched(msg)) for (const l of listeners) l(p);
    else {
      const p = pending.get(msg.id);
      pending.delete(msg.id);
      if (msg.ok) p?.resolve(msg.result);
      else p?.reject(new Error(msg.error));
    }
  });
  ws.on('close', () => {
    for (const p of pending.values()) p.reject(new Error('the socket closed'));
    pending.clear();
  });
  const client: SocketClient = {
    ws,
    call: <T>(method: MethodName, params?: unknown) =>
      new Promise<T>((resolve, reject) => {
        const id = nextId++;
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`${method} had no answer in ${CALL_TIMEOUT_MS} ms`));
        }, CALL_TIMEOUT_MS);
        const settle = (f: () => void) => {
          clearTimeout(timer);
          f();
        };
        pending.set(id, { resolve: (v) => settle(() => resolve(v as T)), reject: (e) => settle(() => reject(e)) });
        ws.send(JSON.stringify({ id, method, ...(params !== undefined && { params }) }));
      }),
    onPush: (cb) => void listeners.push(cb),
    received: () => bytes,
    close: () =>
      new Promise<void>((resolve) => {
        if (ws.readyState === WebSocket.CLOSED) return resolve();
        ws.once('close', () => resolve());
        ws.close();
        setTimeout(() => {
          ws.terminate();
          resolve();
        }, 2000).unref();
      }),
  };
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(client));
    ws.once('error', reject);
  });
}
