/**
 * The API of preload/api.ts served from any transport (Electron IPC, WebSocket): every argument is
 * parsed with the contract's schemas before the engine sees it, and every answer is an envelope, so
 * a bad input reaches the caller as a one-line reason and changes nothing.
 */
import { randomBytes } from 'node:crypto';
import { RunIdSchema, describeInvalid, type Envelope, type RunEvent, type Snapshot, type StudyEvent, type WsMethod } from '../../preload/api.js';
import type { z } from 'zod';
import type { Engine } from './engine.js';
import { InvalidInput } from './errors.js';
import { SCENARIO_CATALOG } from './scenario-catalog.js';
import { Studies } from './studies.js';
import { WORKLOAD_CATALOG } from './workload-catalog.js';

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new InvalidInput(describeInvalid(r.error));
  return r.data;
}

/** What a transport needs of the API: calls, and the two streams. The dashboard serves any of these. */
export interface ApiEndpoint {
  call(method: WsMethod, params: unknown): Promise<Envelope>;
  onSnapshot(cb: (s: Snapshot) => void): () => void;
  onRunEvent(cb: (e: RunEvent) => void): () => void;
  onStudyEvent(cb: (e: StudyEvent) => void): () => void;
}

export class ApiService implements ApiEndpoint {
  /** compare and memory-cost studies: one at a time */
  private readonly studies: Studies;

  constructor(private readonly engine: Engine) {
    this.studies = new Studies(engine);
  }

  async call(method: WsMethod, params: unknown): Promise<Envelope> {
    try {
      return { ok: true, result: await this.dispatch(method, params) };
    } catch (e) {
      if (e instanceof InvalidInput) return { ok: false, error: e.message };
      // the details (paths, stacks) stay in the local log; the client gets an id to match them by
      const id = randomBytes(4).toString('hex');
      console.error(`corescope: internal error (id ${id}) in ${method}:`, e);
      return { ok: false, error: `internal error (id ${id})` };
    }
  }

  private async dispatch(method: WsMethod, params: unknown): Promise<unknown> {
    await this.engine.ready(); // the startup Python check: what system() reports and python runs use
    switch (method) {
      case 'system':
        return this.engine.system();
      case 'workloads':
        return WORKLOAD_CATALOG;
      case 'scenarios':
        return SCENARIO_CATALOG;
      case 'startRun':
        return { runId: this.engine.startRun(params).id };
      case 'stopRun':
        await this.engine.stopRun(parse(RunIdSchema, params));
        return null;
      case 'runScenario': // parsed with ScenarioSpecSchema, then checked against the scenario's catalog entry
        return { runId: this.engine.runScenario(params).id };
      case 'setInterval':
        this.engine.setInterval(params);
        return null;
      case 'setPython': // PythonPathSchema, then the interpreter must run as a fit Python; answers SystemInfo.python
        return this.engine.setPython(params);
      case 'runCompare': // CompareSpecSchema, then the N-unit legs as `run` checks them; one study at a time
        return this.studies.runCompare(params);
      case 'runMemoryCost': // MemoryCostSpecSchema, then the measure this platform can read; one study at a time
        return this.studies.runMemoryCost(params);
    }
  }

  onSnapshot(cb: (s: Snapshot) => void): () => void {
    this.engine.on('snapshot', cb);
    return () => this.engine.off('snapshot', cb);
  }

  /** A new subscriber first hears the runs already going (a page opened mid-run sees their lanes). */
  onRunEvent(cb: (e: RunEvent) => void): () => void {
    for (const e of this.engine.runs.replay()) cb(e);
    this.engine.on('run-event', cb);
    return () => this.engine.off('run-event', cb);
  }

  /** A new subscriber first hears the latest study of each kind: its start and its latest leg or result. */
  onStudyEvent(cb: (e: StudyEvent) => void): () => void {
    for (const e of this.studies.replay()) cb(e);
    this.studies.on('study-event', cb);
    return () => this.studies.off('study-event', cb);
  }
}
