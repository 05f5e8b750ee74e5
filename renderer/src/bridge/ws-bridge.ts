/**
 * The API over the dashboard's WebSocket: the contract's client (buildApi) over a socket transport.
 * Each call sends a request with a fresh id and waits for the envelope with that id; the streams
 * arrive as pushes and go to their listeners. When the socket closes, pending calls fail, later calls
 * fail at once, and the connection state says why; then it reconnects by itself with backoff (a demo's
 * server restarted on the same port and token), and listeners carry on over the new socket. When the
 * server is up (its page answers) but the socket is still refused, the state says the token changed.
 */
import { buildApi } from '../../../contract/client.js';
import { STREAMS, WS_METHODS, type CoreScopeApi, type MethodName, type StreamName } from '../../../contract/methods.js';
import type { Envelope } from '../../../contract/wire.js';
import type { Connection, ConnectionState } from './connection.js';
import { REFUSED_TOKEN, describeClose, reconnectDelay } from './connection.js';
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

export interface ReconnectOptions {
  /** run fn after ms (a fake clock in tests) */
  schedule?: (fn: () => void, ms: number) => void;
  /** does the server that served the page answer at all? (true: a refused socket means a refused token) */
  probe?: () => Promise<boolean>;
}

export class WsBridge implements Connection {
  readonly api: CoreScopeApi;
  private nextId = 1;
  private readonly pending = new Map<number, (reply: Envelope) => void>();
  private readonly waitingForOpen: Array<() => void> = [];
  private readonly listeners = new Map<StreamName, Set<(value: unknown) => void>>(STREAMS.map((s) => [s, new Set()]));
  private readonly stateListeners = new Set<() => void>();
  private state: ConnectionState = { status: 'connecting' };
  private socket: SocketLike;
  private epoch = 0;
  private attempt = 0;
  private closedByPage = false;
  private lostReason = '';
  private readonly schedule: NonNullable<ReconnectOptions['schedule']>;
  private readonly probe: ReconnectOptions['probe'];

  constructor(
    private readonly connect: () => SocketLike,
    private readonly hasToken: boolean,
    options: ReconnectOptions = {},
  ) {
    this.schedule = options.schedule ?? ((fn, ms) => void setTimeout(fn, ms));
    this.probe = options.probe;
    this.api = buildApi(
      WS_METHODS,
      (method, params) => this.call(method, params),
      (stream, cb) => {
        const set = this.listeners.get(stream)!;
        set.add(cb as (value: unknown) => void);
        return () => void set.delete(cb as (value: unknown) => void);
      },
    );
    this.socket = this.open();
  }

  private open(): SocketLike {
    const socket = this.connect();
    socket.onopen = () => {
      this.attempt = 0;
      this.setState({ status: 'open', epoch: ++this.epoch });
      for (const send of this.waitingForOpen.splice(0)) send();
    };
    socket.onmessage = (ev) => this.receive(ev.data);
    socket.onerror = () => undefined; // the close that follows carries the code; report it once, there
    socket.onclose = (ev) => void this.closed(ev.code, ev.reason);
    return socket;
  }

  private async closed(code: number, why: string): Promise<void> {
    const wasOpen = this.state.status === 'open';
    // the first loss says what happened; later failed tries keep that reason (they all read as 1006)
    if (this.state.status !== 'closed') this.lostReason = describeClose(code, why, this.hasToken, wasOpen);
    const reason = this.lostReason;
    for (const answer of this.pending.values()) answer({ ok: false, error: `disconnected: ${reason}` });
    this.pending.clear();
    this.waitingForOpen.splice(0);
    if (!this.hasToken || this.closedByPage) return this.setState({ status: 'closed', reason });
    // a server that serves its page but refuses the socket has another token: say that, plainly
    const refused = !wasOpen && this.probe ? await this.probe().catch(() => false) : false;
    const retryInMs = reconnectDelay(this.attempt++);
    this.setState({ status: 'closed', reason: refused ? REFUSED_TOKEN : reason, retryInMs, refused });
    this.schedule(() => {
      if (!this.closedByPage) this.socket = this.open();
    }, retryInMs);
  }

  // --- Connection ---
  get = (): ConnectionState => this.state;
  subscribe = (cb: () => void): (() => void) => {
    this.stateListeners.add(cb);
    return () => this.stateListeners.delete(cb);
  };

  close(): void {
    this.closedByPage = true;
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
      const listeners = this.listeners.get(msg.stream);
      if (listeners) for (const value of msg.values) for (const cb of listeners) cb(value);
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
