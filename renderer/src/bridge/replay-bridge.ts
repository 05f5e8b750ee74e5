/**
 * The API driven by a recording instead of an engine: the same CoreScopeApi the views use live, built
 * from the method table, so every view works unchanged. Read methods answer from the recording's
 * header; every 'control' method is refused (nothing can be started in a replay). A new subscriber
 * hears the frames said so far (as a late subscriber of the engine hears the runs going), then each
 * frame the player hands out.
 */
import type { SessionInfo } from '../../../contract/catalog.js';
import { buildApi } from '../../../contract/client.js';
import { METHODS, WS_METHODS, type MethodName, type StreamName } from '../../../contract/methods.js';
import type { RecordedFrame, RecordingHeader } from '../../../contract/recording.js';
import type { Envelope } from '../../../contract/wire.js';
import type { Connection, ConnectionState } from './connection.js';
import type { Bridge } from './pick-bridge.js';

/** A new view hears at most this many snapshots (the charts' longest span at 10 Hz); run and study events all. */
const CATCH_UP_SNAPSHOTS = 3_000;
export const REFUSED_IN_REPLAY = 'this is a recording: nothing can be started or changed while replaying';

const OPEN: ConnectionState = { status: 'open' };
const REPLAY_CONNECTION: Connection = { get: () => OPEN, subscribe: () => () => undefined };

export class ReplayFeed {
  readonly bridge: Bridge;
  private readonly listeners = new Map<StreamName, Set<(v: unknown) => void>>();

  constructor(
    private readonly header: RecordingHeader,
    private readonly frames: readonly RecordedFrame[],
    /** how many frames have been said now */
    private readonly said: () => number,
  ) {
    const api = buildApi(WS_METHODS, (m, p) => this.call(m, p), (stream, cb) => this.listen(stream, cb as (v: unknown) => void));
    this.bridge = { api, connection: REPLAY_CONNECTION, transport: 'replay' };
  }

  /** Hands frames the player made due to every listener of their stream. */
  deliver(frames: readonly RecordedFrame[]): void {
    for (const f of frames) for (const cb of this.listeners.get(f.stream) ?? []) cb(f.data);
  }

  private async call(method: MethodName, _params: unknown): Promise<Envelope> {
    if (METHODS[method].access === 'control') return { ok: false, error: REFUSED_IN_REPLAY };
    const h = this.header;
    // a recording only reads: session() says so, and the page shows no launcher (as to a viewer)
    const answers: Partial<Record<MethodName, unknown>> = {
      version: h.corescope,
      system: h.system,
      workloads: h.workloads,
      scenarios: h.scenarios,
      recording: null,
      session: { access: 'read' } satisfies SessionInfo,
    };
    return method in answers ? { ok: true, result: answers[method] } : { ok: false, error: `${method} is not in a recording` };
  }

  private listen(stream: StreamName, cb: (v: unknown) => void): () => void {
    const set = this.listeners.get(stream) ?? new Set();
    this.listeners.set(stream, set);
    let live = true;
    // the catch-up waits a microtask: a view that subscribes and unsubscribes at once (React's
    // StrictMode) must not hear it twice; frames handed out later come after it, from a timer
    queueMicrotask(() => {
      if (!live) return;
      const upTo = this.frames.slice(0, this.said()).filter((f) => f.stream === stream);
      for (const f of stream === 'snapshot' ? upTo.slice(-CATCH_UP_SNAPSHOTS) : upTo) cb(f.data);
      set.add(cb);
    });
    return () => {
      live = false;
      set.delete(cb);
    };
  }
}
