/**
 * One dashboard connection: parses each request with the contract's schema, answers it through the
 * ApiService, and pushes snapshots and run events. A slow page skips snapshots rather than letting
 * them pile up in memory; run events are never skipped.
 */
import type { WebSocket } from 'ws';
import { WsRequestSchema, describeInvalid, type WsPush, type WsReply } from '../../preload/api.js';
import type { ApiEndpoint } from '../engine/api-service.js';

const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

export function serveSession(ws: WebSocket, api: ApiEndpoint): void {
  const push = (msg: WsPush, droppable: boolean) => {
    if (ws.readyState !== ws.OPEN) return;
    if (droppable && ws.bufferedAmount > MAX_BUFFERED_BYTES) return;
    ws.send(JSON.stringify(msg));
  };
  const offSnapshot = api.onSnapshot((data) => push({ push: 'snapshot', data }, true));
  const offRunEvent = api.onRunEvent((data) => push({ push: 'run-event', data }, false));
  const offStudyEvent = api.onStudyEvent((data) => push({ push: 'study-event', data }, false));
  // a protocol error (e.g. a message over the size limit) closes this socket; it must not crash the server
  ws.on('error', () => ws.terminate());
  ws.on('close', () => {
    offSnapshot();
    offRunEvent();
    offStudyEvent();
  });

  ws.on('message', async (raw, isBinary) => {
    const reply = (r: WsReply) => ws.readyState === ws.OPEN && ws.send(JSON.stringify(r));
    let json: unknown;
    try {
      if (isBinary) throw new Error('binary');
      json = JSON.parse(raw.toString());
    } catch {
      reply({ id: -1, ok: false, error: 'requests are JSON text' });
      return;
    }
    const parsed = WsRequestSchema.safeParse(json);
    if (!parsed.success) {
      const id = typeof (json as { id?: unknown })?.id === 'number' ? (json as { id: number }).id : -1;
      reply({ id, ok: false, error: describeInvalid(parsed.error) });
      return;
    }
    const { id, method, params } = parsed.data;
    reply({ id, ...(await api.call(method, params)) });
  });
}
