/**
 * How the API travels: every answer is an Envelope (a result, or the one-line reason it was refused
 * and the field it is about); over the dashboard's WebSocket a page sends WsRequests to WS_PATH?token=…
 * and gets one WsReply per request, and the streams arrive as WsPush messages.
 */
import { z } from 'zod';
import { STREAM_PUSH, WS_METHODS, type IpcMethod, type Streams, type Subscribers } from './methods.js';

type Refusal = { ok: false; error: string; field?: string };
export type Envelope = { ok: true; result: unknown } | Refusal;

export const WS_PATH = '/api';
/** The desktop window's own scheme (corescope://app/…): the shell serves it, the renderer knows it by it. */
export const APP_SCHEME = 'corescope';
/** Largest WebSocket message the server accepts from a page; every valid request is far smaller. */
export const WS_MAX_REQUEST_BYTES = 16 * 1024;

export const WsRequestSchema = z
  .object({
    id: z.number().int().nonnegative(),
    method: z.enum(WS_METHODS, { error: `method must be one of ${WS_METHODS.join(', ')}` }),
    params: z.unknown().optional(),
  })
  .strict();
export type WsRequest = z.infer<typeof WsRequestSchema>;
export type WsReply = { id: number } & Envelope;
export type WsPush = { [S in keyof Streams]: { push: (typeof STREAM_PUSH)[S]; data: Streams[S] } }[keyof Streams];

/**
 * Several run events in one message, in order. The server sends the run events that come in one turn
 * of its loop together: a host reports its tasks in groups, so 100,000 tasks starting are 100,000
 * events in one turn, which as messages of their own cost a page 100,000 parses and dispatches (and
 * the server as many frames). A batch of one goes as a plain run-event push.
 */
export const RUN_EVENTS_PUSH = 'run-events';
/** how many run events one batch message carries at most (~150 B each) */
export const RUN_EVENTS_PER_MESSAGE = 2000;
/** What the server pushes: a stream's value, or a batch of run events. */
export type WsServerPush = WsPush | { push: typeof RUN_EVENTS_PUSH; data: Array<Streams['runEvent']> };

/** The stream values a push carries, one push each: a batch as the run-event pushes it stands for. */
export function unbatched(msg: WsServerPush): WsPush[] {
  if (msg.push !== RUN_EVENTS_PUSH) return [msg];
  return msg.data.map((data) => ({ push: STREAM_PUSH.runEvent, data }));
}

/**
 * What the desktop preload exposes as window.corescope: the IPC methods answering with envelopes, and
 * the streams. Run events arrive as arrays, in order (the shell sends those of one turn together, at
 * most RUN_EVENTS_PER_MESSAGE a message: main/electron/ipc.ts); the other streams one value a message.
 * The renderer builds its CoreScopeApi over it (pick-bridge.ts), one run event at a time.
 */
export type PreloadApi = { [M in IpcMethod]: (params?: unknown) => Promise<Envelope> } & Omit<Subscribers, 'onRunEvent'> & {
  onRunEvent: (cb: (events: Array<Streams['runEvent']>) => void) => () => void;
};
