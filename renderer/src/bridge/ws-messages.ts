/**
 * What the server may send over the socket, told apart without trusting it: a reply to one of our
 * requests (by id), or a push (a snapshot or a run event). Anything else is dropped, not thrown.
 */
import type { RunEvent, Snapshot, StudyEvent, WsMethod, WsRequest } from '../../../preload/api.js';

export type ServerMessage =
  | { kind: 'reply'; id: number; ok: true; result: unknown }
  | { kind: 'reply'; id: number; ok: false; error: string }
  | { kind: 'snapshot'; data: Snapshot }
  | { kind: 'run-event'; data: RunEvent }
  | { kind: 'study-event'; data: StudyEvent };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

export function parseServerMessage(text: string): ServerMessage | null {
  let msg: unknown;
  try {
    msg = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isObject(msg)) return null;
  if (msg.push === 'snapshot' && isObject(msg.data) && Array.isArray(msg.data.cores))
    return { kind: 'snapshot', data: msg.data as unknown as Snapshot };
  if (msg.push === 'run-event' && isObject(msg.data) && typeof msg.data.type === 'string')
    return { kind: 'run-event', data: msg.data as unknown as RunEvent };
  if (msg.push === 'study-event' && isObject(msg.data) && typeof msg.data.type === 'string')
    return { kind: 'study-event', data: msg.data as unknown as StudyEvent };
  if (typeof msg.id === 'number') {
    if (msg.ok === true) return { kind: 'reply', id: msg.id, ok: true, result: msg.result };
    if (msg.ok === false) return { kind: 'reply', id: msg.id, ok: false, error: typeof msg.error === 'string' ? msg.error : 'request failed' };
  }
  return null;
}

export function encodeRequest(id: number, method: WsMethod, params?: unknown): string {
  const req: WsRequest = params === undefined ? { id, method } : { id, method, params };
  return JSON.stringify(req);
}
