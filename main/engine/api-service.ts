/**
 * The contract's method table served from any transport (Electron IPC, WebSocket): every param is
 * parsed with the schema the table names before its handler sees it, and every answer is an envelope,
 * so a bad input reaches the caller as a one-line reason (with its field) and changes nothing.
 * Adding a method: a row in contract/methods.ts, and its handler here (the compiler asks for it).
 */
import { ENGINE_METHODS, METHODS, type EngineMethod, type MethodName, type ParamsOf, type ResultOf, type StreamName, type Streams } from '../../contract/methods.js';
import { InvalidInput, parseOrRefuse } from '../../contract/refusal.js';
import type { Envelope } from '../../contract/wire.js';
import type { Engine } from './engine.js';
import { SCENARIO_CATALOG } from './scenarios/scenario-catalog.js';
import { WORKLOAD_CATALOG } from './runs/workload-catalog.js';

/** Runs a handler and wraps what it gives: its result, its refusal, or an internal error. */
export async function answer(handler: () => unknown): Promise<Envelope> {
  try {
    return { ok: true, result: (await handler()) ?? null };
  } catch (e) {
    if (e instanceof InvalidInput) return { ok: false, error: e.message, ...(e.field !== undefined && { field: e.field }) };
    return { ok: false, error: `internal error: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** What a transport needs of the API: calls, and the streams. The dashboard serves any of these. */
export interface ApiEndpoint {
  call(method: MethodName, params: unknown): Promise<Envelope>;
  subscribe<S extends StreamName>(stream: S, cb: (value: Streams[S]) => void): () => void;
}

type Handlers = { [M in EngineMethod]: (params: ParamsOf<M>) => ResultOf<M> | Promise<ResultOf<M>> };

const isEngineMethod = (m: MethodName): m is EngineMethod => (ENGINE_METHODS as readonly MethodName[]).includes(m);

export class ApiService implements ApiEndpoint {
  private readonly handlers: Handlers;

  constructor(private readonly engine: Engine) {
    this.handlers = {
      version: () => engine.version(),
      system: () => engine.system(),
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
      runCompare: (spec) => engine.runCompare(spec),
      runMemoryCost: (spec) => engine.runMemoryCost(spec),
    };
  }

  call(method: MethodName, params: unknown): Promise<Envelope> {
    if (!isEngineMethod(method)) return answer(() => Promise.reject(new InvalidInput(`${method} is not served here`)));
    return answer(() => this.dispatch(method, parseOrRefuse(METHODS[method].params, params)));
  }

  private dispatch<M extends EngineMethod>(method: M, params: ParamsOf<M>): unknown {
    return (this.handlers[method] as (p: ParamsOf<M>) => unknown)(params);
  }

  /** A new subscriber first hears what brings it up to date (the runs going, the latest studies). */
  subscribe<S extends StreamName>(stream: S, cb: (value: Streams[S]) => void): () => void {
    return this.engine.subscribe(stream, cb);
  }
}
