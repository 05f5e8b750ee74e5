/**
 * One dashboard connection: parses each request with the contract's wire schema, answers it through
 * the ApiEndpoint (which parses its params with the method table), and pushes every stream. A slow
 * page skips snapshots rather than letting them pile up in memory; events are never skipped.
 */
import type { WebSocket } from 'ws';
import { STREAM_PUSH, STREAMS, type Access } from '../../contract/methods.js';
import { refusalOf } from '../../contract/refusal.js';
import { WsRequestSchema, type WsPush, type WsReply } from '../../contract/wire.js';
import type { ApiEndpoint } from '../engine/api-service.js';

const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/** access: 'read' for a view-only link (every stream, and the methods the table marks 'read') */
export function serveSession(ws: WebSocket, api: ApiEndpoint, access: Access): void {
  const offs = STREAMS.map((stream) =>
    api.subscribe(stream, (data) => {
      if (ws.readyState !== ws.OPEN) return;
      if (stream === 'snapshot' && ws.bufferedAmount > MAX_BUFFERED_BYTES) return;
      ws.send(JSON.stringify({ push: STREAM_PUSH[stream], data } as WsPush));
    }),
  );
  // a protocol error (e.g. a message over the size limit) closes this socket; it must not crash the server
  ws.on('error', () => ws.terminate());
  ws.on('close', () => offs.forEach((off) => off()));

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
      const refusal = refusalOf(parsed.error);
      reply({ id, ok: false, error: refusal.message, ...(refusal.field !== undefined && { field: refusal.field }) });
      return;
    }
    const { id, method, params } = parsed.data;
    reply({ id, ...(await api.call(method, params, access)) });
  });
}
