/**
 * A client of the API built from the method table over any transport that answers with envelopes
 * (the preload's IPC calls, the dashboard's socket): each method resolves with its result or rejects
 * with a CallRefused that keeps the reason's field, so a form can mark the input it is about.
 */
import { STREAMS, subscriberName, type CoreScopeApi, type MethodName, type StreamName, type Streams } from './methods.js';
import type { Envelope } from './wire.js';

class CallRefused extends Error {
  override name = 'CallRefused';
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export type RawCall = (method: MethodName, params: unknown) => Promise<Envelope>;
export type RawSubscribe = <S extends StreamName>(stream: S, cb: (value: Streams[S]) => void) => () => void;

export function buildApi(methods: readonly MethodName[], call: RawCall, subscribe: RawSubscribe): CoreScopeApi {
  const api: Record<string, unknown> = {};
  for (const method of methods)
    api[method] = async (params?: unknown) => {
      const reply = await call(method, params);
      if (!reply.ok) throw new CallRefused(reply.error, reply.field);
      return reply.result;
    };
  for (const stream of STREAMS) api[subscriberName(stream)] = (cb: (value: never) => void) => subscribe(stream, cb as (value: unknown) => void);
  return api as CoreScopeApi;
}

/** The field a refusal is about, if the error is one that says. */
export const fieldOf = (e: unknown): string | undefined => (e instanceof CallRefused ? e.field : undefined);
