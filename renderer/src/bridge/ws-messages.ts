/**
 * What the server may send over the socket, told apart without trusting it: a reply to one of our
 * requests (by id), or a push of one of the contract's streams. Anything else is dropped, not thrown.
 */
import { STREAM_PUSH, STREAMS, type MethodName, type StreamName } from '../../../contract/methods.js';
import { RUN_EVENTS_PUSH, type Envelope, type WsRequest } from '../../../contract/wire.js';

/** a push carries one value of a stream, or several (a batch of run events), in order */
export type ServerMessage = { kind: 'reply'; id: number; reply: Envelope } | { kind: 'push'; stream: StreamName; values: unknown[] };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const streamOfPush = new Map<string, StreamName>(STREAMS.map((s) => [STREAM_PUSH[s], s]));

export function parseServerMessage(text: string): ServerMessage | null {
  let msg: unknown;
  try {
    msg = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isObject(msg)) return null;
  if (typeof msg.push === 'string') {
    if (msg.push === RUN_EVENTS_PUSH) return Array.isArray(msg.data) && msg.data.every(isObject) ? { kind: 'push', stream: 'runEvent', values: msg.data } : null;
    const stream = streamOfPush.get(msg.push);
    // every stream carries an object; a snapshot's cores are what every view reads first
    if (!stream || !isObject(msg.data) || (stream === 'snapshot' && !Array.isArray(msg.data.cores))) return null;
    return { kind: 'push', stream, values: [msg.data] };
  }
  if (typeof msg.id === 'number') {
    if (msg.ok === true) return { kind: 'reply', id: msg.id, reply: { ok: true, result: msg.result } };
    if (msg.ok === false) {
      const error = typeof msg.error === 'string' ? msg.error : 'request failed';
      return { kind: 'reply', id: msg.id, reply: { ok: false, error, ...(typeof msg.field === 'string' && { field: msg.field }) } };
    }
  }
  return null;
}

export function encodeRequest(id: number, method: MethodName, params?: unknown): string {
  const req = (params === undefined ? { id, method } : { id, method, params }) as WsRequest;
  return JSON.stringify(req);
}
