/**
 * CoreScopeApi over the dashboard's WebSocket: each call sends a request with a fresh id and waits for
 * the reply with that id (ok → its result, not ok → an Error whose message is the server's one-line
 * reason); snapshots and run events arrive as pushes and go to their listeners. No reconnecting: when
 * the socket closes, pending calls fail, later calls fail at once, and the connection state says why.
 */
import type {
  CompareSpecInput,
  CoreScopeApi,
  MemoryCostSpecInput,
  Mode,
  PythonInfo,
  RunEvent,
  RunSpecInput,
  ScenarioInfo,
  Snapshot,
  StudyEvent,
  SystemInfo,
  WorkloadInfo,
  WsMethod,
} from '../../../preload/api.js';
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

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

export class WsBridge implements CoreScopeApi, Connection {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly waitingForOpen: Array<() => void> = [];
  private readonly snapshotListeners = new Set<(s: Snapshot) => void>();
  private readonly eventListeners = new Set<(e: RunEvent) => void>();
  private readonly studyListeners = new Set<(e: StudyEvent) => void>();
  private readonly stateListeners = new Set<() => void>();
  private state: ConnectionState = { status: 'connecting' };
  private readonly socket: SocketLike;

  constructor(connect: () => SocketLike, hasToken: boolean) {
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
      const err = new Error(`disconnected: ${reason}`);
      for (const p of this.pending.values()) p.reject(err);
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

  // --- CoreScopeApi ---
  system(): Promise<SystemInfo> {
    return this.call('system') as Promise<SystemInfo>;
  }
  workloads(): Promise<WorkloadInfo[]> {
    return this.call('workloads') as Promise<WorkloadInfo[]>;
  }
  scenarios(): Promise<ScenarioInfo[]> {
    return this.call('scenarios') as Promise<ScenarioInfo[]>;
  }
  startRun(spec: RunSpecInput): Promise<{ runId: string }> {
    return this.call('startRun', spec) as Promise<{ runId: string }>;
  }
  async stopRun(runId: string): Promise<void> {
    await this.call('stopRun', runId);
  }
  runScenario(spec: { name: string; mode?: Mode }): Promise<{ runId: string }> {
    return this.call('runScenario', spec) as Promise<{ runId: string }>;
  }
  async setInterval(ms: number): Promise<void> {
    await this.call('setInterval', ms);
  }
  setPython(path: string | null): Promise<PythonInfo | null> {
    return this.call('setPython', path) as Promise<PythonInfo | null>;
  }
  onSnapshot(cb: (s: Snapshot) => void): () => void {
    this.snapshotListeners.add(cb);
    return () => this.snapshotListeners.delete(cb);
  }
  onRunEvent(cb: (e: RunEvent) => void): () => void {
    this.eventListeners.add(cb);
    return () => this.eventListeners.delete(cb);
  }

  runCompare(spec: CompareSpecInput): Promise<{ studyId: string }> {
    return this.call('runCompare', spec) as Promise<{ studyId: string }>;
  }
  runMemoryCost(spec: MemoryCostSpecInput): Promise<{ studyId: string }> {
    return this.call('runMemoryCost', spec) as Promise<{ studyId: string }>;
  }
  onStudyEvent(cb: (e: StudyEvent) => void): () => void {
    this.studyListeners.add(cb);
    return () => this.studyListeners.delete(cb);
  }

  close(): void {
    this.socket.close();
  }

  private call(method: WsMethod, params?: unknown): Promise<unknown> {
    if (this.state.status === 'closed') return Promise.reject(new Error(`disconnected: ${this.state.reason}`));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      const send = () => this.socket.send(encodeRequest(id, method, params));
      if (this.socket.readyState === OPEN) send();
      else this.waitingForOpen.push(send);
    });
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') return;
    const msg = parseServerMessage(data);
    if (!msg) return;
    if (msg.kind === 'snapshot') for (const cb of this.snapshotListeners) cb(msg.data);
    else if (msg.kind === 'run-event') for (const cb of this.eventListeners) cb(msg.data);
    else if (msg.kind === 'study-event') for (const cb of this.studyListeners) cb(msg.data);
    else {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.ok) p.resolve(msg.result);
      else p.reject(new Error(msg.error));
    }
  }

  private setState(s: ConnectionState): void {
    this.state = s;
    for (const cb of this.stateListeners) cb();
  }
}
