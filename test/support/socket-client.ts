/** A test's side of the dashboard socket: open one (with an origin), send requests, keep every push (a batch of run events as the pushes it stands for; `messages` counts what came). */
import WebSocket from 'ws';
import { unbatched, type WsPush, type WsReply } from '../../contract/wire.js';

export function client(ws: WebSocket) {
  let nextId = 1;
  const pushes: WsPush[] = [];
  const messages = { pushes: 0 };
  const waiting = new Map<number, (r: WsReply) => void>();
  ws.on('message', (raw) => {
    const msg = JSON.parse(raw.toString());
    if ('push' in msg) {
      messages.pushes++;
      pushes.push(...unbatched(msg));
    }
    else waiting.get(msg.id)?.(msg);
  });
  const send = (payload: unknown) =>
    new Promise<WsReply>((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      ws.send(typeof payload === 'string' ? payload : JSON.stringify({ id, ...(payload as object) }));
      if (typeof payload === 'string') waiting.set(-1, resolve);
    });
  return { send, pushes, messages };
}

/** Open a socket; resolves with its status: 'open' or the HTTP status it was refused with. */
export const tryOpen = (url: string, from?: string) =>
  new Promise<{ status: string | number; ws: WebSocket; api: ReturnType<typeof client> }>((resolve) => {
    const ws = new WebSocket(url, { origin: from });
    const api = client(ws); // listening from the start: the server may push before 'open' is seen here
    ws.on('open', () => resolve({ status: 'open', ws, api }));
    ws.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0, ws, api }));
    ws.on('error', () => resolve({ status: 'error', ws, api }));
  });
