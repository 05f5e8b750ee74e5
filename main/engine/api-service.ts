/**
 * The contract's method table served from any transport (Electron IPC, WebSocket): every param is
 * parsed with the schema the table names before its handler sees it, and every answer is an envelope,
 * so a bad input reaches the caller as a one-line reason (with its field) and changes nothing.
 * Adding a method: a row in contract/methods.ts, and its handler here (the compiler asks for it).
 */
import { randomBytes } from 'node:crypto';
import { ENGINE_METHODS, METHODS, type Access, type EngineMethod, type MethodName, type ParamsOf, type ResultOf, type StreamName, type Streams } from '../../contract/methods.js';
import { InvalidInput, parseOrRefuse } from '../../contract/refusal.js';
import type { Envelope } from '../../contract/wire.js';
import type { Engine } from './engine.js';
import { SCENARIO_CATALOG } from './scenarios/scenario-catalog.js';
import { WORKLOAD_CATALOG } from './runs/workload-catalog.js';

/** Runs a handler and wraps what it gives: its result, its refusal, or an internal error. */
export async function answer(handler: () => unknown, what = 'a request'): Promise<Envelope> {
  try {
    return { ok: true, result: (await handler()) ?? null };
  } catch (e) {
    if (e instanceof InvalidInput) return { ok: false, error: e.message, ...(e.field !== undefined && { field: e.field }) };
    // the details (paths, stacks) stay in the local log; the client gets an id to match them by
    const id = randomBytes(4).toString('hex');
    console.error(`corescope: internal error (id ${id}) in ${what}:`, e);
    return { ok: false, error: `internal error (id ${id})` };
  }
}

/** What a transport needs of the API: calls, and the streams. The dashboard serves any of these. */
export interface ApiEndpoint {
  /** access: what the caller may do; a 'read' caller is refused every method whose row says 'control' */
  call(method: MethodName, params: unknown, access?: Access): Promise<Envelope>;
  subscribe<S extends StreamName>(stream: S, cb: (value: Streams[S]) => void): () => void;
}

type Handlers = { [M in EngineMethod]: (params: ParamsOf<M>, access: Access) => ResultOf<M> | Promise<ResultOf<M>> };

const isEngineMethod = (m: MethodName): m is EngineMethod => (ENGINE_METHODS as readonly MethodName[]).includes(m);

export class ApiService implements ApiEndpoint {
  private readonly handlers: Handlers;

  constructor(private readonly engine: Engine) {
    this.handlers = {
      version: () => engine.version(),
      system: () => engine.system(),
      health: () => engine.health(),
      session: (_, access) => ({ access }),
      workloads: () => WORKLOAD_CATALOG,
      scenarios: () => SCENARIO_CATALOG,
      recentHistory: () => engine.recentHistory(),
      startRun: (spec) => ({ runId: engine.startRun(spec).id }),
      stopRun: async (runId) => {
        await engine.stopRun(runId);
        return null;
      },
      runScenario: (spec) => ({ runId: engine.runScenario(spec).id }),
      setInterval: (ms) => {
        engine.setInterval(ms);
        return null;
      },
      setPython: (path) => engine.setPython(path),
      units: (params) => engine.unitsPage(params),
      runCompare: (spec) => engine.runCompare(spec),
      runMemoryCost: (spec) => engine.runMemoryCost(spec),
      watchPid: (spec) => ({ runId: engine.watchPid(spec).id }),
      watchCommand: (spec) => ({ runId: engine.watchCommand(spec).id }),
      listProcesses: (q) => engine.listProcesses(q),
      startRecording: (p) => engine.startRecording(p?.name),
      stopRecording: () => engine.stopRecording(),
      recording: () => engine.recording(),
    };
  }

  call(method: MethodName, params: unknown, access: Access = 'control'): Promise<Envelope> {
    if (!isEngineMethod(method)) return answer(() => Promise.reject(new InvalidInput(`${method} is not served here`)));
    // the table's row decides, so a control method added later is refused to viewers without a word here
    if (access === 'read' && METHODS[method].access === 'control') return answer(() => Promise.reject(new InvalidInput(`${method} is refused: this link is view-only`)));
    return answer(async () => {
      await this.engine.ready(); // the startup Python check: what system() reports and python runs use
      return this.dispatch(method, parseOrRefuse(METHODS[method].params, params), access);
    }, method);
  }

  private dispatch<M extends EngineMethod>(method: M, params: ParamsOf<M>, access: Access): unknown {
    return (this.handlers[method] as (p: ParamsOf<M>, a: Access) => unknown)(params, access);
  }

  /** A new subscriber first hears what brings it up to date (the runs going, the latest studies). */
  subscribe<S extends StreamName>(stream: S, cb: (value: Streams[S]) => void): () => void {
    return this.engine.subscribe(stream, cb);
  }
}
