/**
 * One dashboard connection: parses each request with the contract's wire schema, answers it through
 * the ApiEndpoint (which parses its params with the method table), and pushes every stream. Run events
 * that come in one turn of the loop leave together, as batches (RUN_EVENTS_PUSH), and before anything
 * else is sent, so the page sees every message in the order it was made. What a slow page is sent
 * stays bounded: snapshots are skipped, run events are coalesced (coalesced-events.ts) until it
 * catches up, and a client whose send buffer still passes SEND_BUFFER_LIMIT (it never reads) is dropped.
 */
import type { WebSocket } from 'ws';
import { IPC_METHODS, STREAM_PUSH, STREAMS, WS_METHODS, type Access, type MethodName, type StreamName, type Streams } from '../../contract/methods.js';
import { refusalOf } from '../../contract/refusal.js';
import type { RunEvent } from '../../contract/run-events.js';
import { RUN_EVENTS_PER_MESSAGE, RUN_EVENTS_PUSH, WsRequestSchema, type WsReply, type WsServerPush } from '../../contract/wire.js';
import type { ApiEndpoint } from '../engine/api-service.js';
import { TurnBatch } from '../engine/turn-batch.js';
import { CoalescedEvents } from './coalesced-events.js';
import { SET_PYTHON_REFUSED, desktopOnlyRefused } from './host-policy.js';

/** methods of the table the socket never serves (desktop only) */
const DESKTOP_ONLY = new Set<string>(IPC_METHODS.filter((m: MethodName) => !(WS_METHODS as readonly MethodName[]).includes(m)));

/** above this, snapshots are skipped and run events held */
const SLOW_CLIENT_BYTES = 1024 * 1024;
/** above this, the client is dropped */
export const SEND_BUFFER_LIMIT = 16 * 1024 * 1024;
const CATCH_UP_MS = 100;

export interface SessionOptions {
  /** false on a dashboard served beyond loopback: setPython is refused (host-policy.ts) */
  maySetPython: boolean;
  /** 'read' for a view-only link: every stream, and only the methods the table marks 'read' */
  access: Access;
}

export function serveSession(ws: WebSocket, api: ApiEndpoint, options: SessionOptions): void {
  const held = new CoalescedEvents();
  let catchUp: NodeJS.Timeout | null = null;
  const sendNow = (msg: WsServerPush | WsReply) => {
    if (ws.readyState !== ws.OPEN) return;
    ws.send(JSON.stringify(msg));
    if (ws.bufferedAmount > SEND_BUFFER_LIMIT) ws.terminate();
  };
  const sendRunEvents = (events: RunEvent[]) => {
    for (let i = 0; i < events.length; i += RUN_EVENTS_PER_MESSAGE) {
      if (ws.bufferedAmount > SLOW_CLIENT_BYTES) {
        // the page fell behind within this batch: the rest is held for it like any other run event
        for (let j = i; j < events.length; j++) held.add(events[j]);
        catchUp ??= setTimeout(flushWhenCaughtUp, CATCH_UP_MS);
        return;
      }
      const part = events.slice(i, i + RUN_EVENTS_PER_MESSAGE);
      sendNow(part.length === 1 ? { push: STREAM_PUSH.runEvent, data: part[0] } : { push: RUN_EVENTS_PUSH, data: part });
    }
  };
  /** run events of this turn, not sent yet */
  const batch = new TurnBatch<RunEvent>(sendRunEvents);
  // anything else leaves after the run events made before it
  const send = (msg: WsServerPush | WsReply) => {
    batch.flush();
    sendNow(msg);
  };
  const flushWhenCaughtUp = () => {
    catchUp = null;
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > SLOW_CLIENT_BYTES) catchUp = setTimeout(flushWhenCaughtUp, CATCH_UP_MS);
    else sendRunEvents(held.take());
  };
  const pushRunEvent = (data: RunEvent) => {
    if (held.size === 0 && ws.bufferedAmount <= SLOW_CLIENT_BYTES) return batch.add(data);
    // a slow page: what this turn had not sent yet is held too, before this one (held keeps the order)
    for (const e of batch.take()) held.add(e);
    held.add(data);
    catchUp ??= setTimeout(flushWhenCaughtUp, CATCH_UP_MS);
  };
  const push = <S extends StreamName>(stream: S, data: Streams[S]) => {
    if (stream === 'runEvent') return pushRunEvent(data as RunEvent);
    if (stream === 'snapshot' && ws.bufferedAmount > SLOW_CLIENT_BYTES) return; // the next one will do
    send({ push: STREAM_PUSH[stream], data } as WsServerPush);
  };
  const offs = STREAMS.map((stream) => api.subscribe(stream, (data) => push(stream, data)));
  // a protocol error (e.g. a message over the size limit) closes this socket; it must not crash the server
  ws.on('error', () => ws.terminate());
  ws.on('close', () => {
    offs.forEach((off) => off());
    if (catchUp) clearTimeout(catchUp);
    batch.take();
  });

  ws.on('message', async (raw, isBinary) => {
    let json: unknown;
    try {
      if (isBinary) throw new Error('binary');
      json = JSON.parse(raw.toString());
    } catch {
      send({ id: -1, ok: false, error: 'requests are JSON text' });
      return;
    }
    const parsed = WsRequestSchema.safeParse(json);
    if (!parsed.success) {
      const id = typeof (json as { id?: unknown })?.id === 'number' ? (json as { id: number }).id : -1;
      const asked = (json as { method?: unknown })?.method;
      if (typeof asked === 'string' && DESKTOP_ONLY.has(asked)) return send({ id, ok: false, error: desktopOnlyRefused(asked), field: 'method' });
      const refusal = refusalOf(parsed.error);
      send({ id, ok: false, error: refusal.message, ...(refusal.field !== undefined && { field: refusal.field }) });
      return;
    }
    const { id, method, params } = parsed.data;
    if (method === 'setPython' && !options.maySetPython) send({ id, ok: false, error: SET_PYTHON_REFUSED });
    else send({ id, ...(await api.call(method, params, options.access)) });
  });
}
