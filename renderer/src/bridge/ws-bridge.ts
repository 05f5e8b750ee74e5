/**
 * The API over the dashboard's WebSocket: the contract's client (buildApi) over a socket transport.
 * Each call sends a request with a fresh id and waits for the envelope with that id; the streams
 * arrive as pushes and go to their listeners. No reconnecting: when the socket closes, pending calls
 * fail, later calls fail at once, and the connection state says why.
 */
import { buildApi } from '../../../contract/client.js';
import { STREAMS, WS_METHODS, type CoreScopeApi, type MethodName, type StreamName } from '../../../contract/methods.js';
import type { Envelope } from '../../../contract/wire.js';
import type { Connection, ConnectionState } from './connection.js';
import { describeClose } from './connection.js';
import { encodeRequest, parseServerMessage } from './ws-messages.js';

/** The part of a browser WebSocket this bridge uses (a fake one stands in for it in tests). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

const OPEN = 1;

export class WsBridge implements Connection {
  readonly api: CoreScopeApi;
  private nextId = 1;
  private readonly pending = new Map<number, (reply: Envelope) => void>();
  private readonly waitingForOpen: Array<() => void> = [];
  private readonly listeners = new Map<StreamName, Set<(value: unknown) => void>>(STREAMS.map((s) => [s, new Set()]));
  private readonly stateListeners = new Set<() => void>();
  private state: ConnectionState = { status: 'connecting' };
  private readonly socket: SocketLike;

  constructor(connect: () => SocketLike, hasToken: boolean) {
    this.api = buildApi(
      WS_METHODS,
      (method, params) => this.call(method, params),
      (stream, cb) => {
        const set = this.listeners.get(stream)!;
        set.add(cb as (value: unknown) => void);
        return () => void set.delete(cb as (value: unknown) => void);
      },
    );
    this.socket = connect();
    this.socket.onopen = () => {
      this.setState({ status: 'open' });
      for (const send of this.waitingForOpen.splice(0)) send();
    };
    this.socket.onmessage = (ev) => this.receive(ev.data);
    this.socket.onerror = () => undefined; // the close that follows carries the code; report it once, there
    this.socket.onclose = (ev) => {
      const reason = describeClose(ev.code, ev.reason, hasToken, this.state.status === 'open');
      this.setState({ status: 'closed', reason });
      for (const answer of this.pending.values()) answer({ ok: false, error: `disconnected: ${reason}` });
      this.pending.clear();
      this.waitingForOpen.splice(0);
    };
  }

  // --- Connection ---
  get = (): ConnectionState => this.state;
  subscribe = (cb: () => void): (() => void) => {
    this.stateListeners.add(cb);
    return () => this.stateListeners.delete(cb);
  };

  close(): void {
    this.socket.close();
  }

  private call(method: MethodName, params?: unknown): Promise<Envelope> {
    if (this.state.status === 'closed') return Promise.resolve({ ok: false, error: `disconnected: ${this.state.reason}` });
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      const send = () => this.socket.send(encodeRequest(id, method, params));
      if (this.socket.readyState === OPEN) send();
      else this.waitingForOpen.push(send);
    });
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') return;
    const msg = parseServerMessage(data);
    if (!msg) return;
    if (msg.kind === 'push') {
      for (const cb of this.listeners.get(msg.stream) ?? []) cb(msg.data);
      return;
    }
    const answer = this.pending.get(msg.id);
    if (!answer) return;
    this.pending.delete(msg.id);
    answer(msg.reply);
  }

  private setState(s: ConnectionState): void {
    this.state = s;
    for (const cb of this.stateListeners) cb();
  }
}
