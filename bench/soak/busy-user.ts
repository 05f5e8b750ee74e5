/**
 * The soak's busy user: over one socket it starts runs of every mode and runtime (some left to finish,
 * some stopped early), scenarios, and now and then a compare or a memory study; it follows the run
 * events to know what is going, and checks that no process of a run outlives its end by over 2 s.
 */
import type { RunEvent } from '../../contract/run-events.js';
import type { RunSpecInput, ScenarioSpecInput } from '../../contract/schemas.js';
import type { StudyEvent } from '../../contract/studies.js';
import { isRunning } from './proc-readings.js';
import type { SocketClient } from './socket-client.js';

/** a run's processes may take this long to be gone after it ended */
export const OUTLIVE_MS = 2000;
/** a run the user meant to finish that is still going after this is stopped (a scenario that waits on) */
const RUN_BUDGET_MS = 20_000;
/** concurrent runs the user keeps going at most: busy, but within the engine's limit */
const MAX_GOING = 3;

type Action = { kind: 'run'; spec: RunSpecInput; stopAfterMs?: number } | { kind: 'scenario'; spec: ScenarioSpecInput };

const node = (spec: RunSpecInput, stopAfterMs?: number): Action => ({ kind: 'run', spec, stopAfterMs });
const py = (spec: RunSpecInput, stopAfterMs?: number): Action => ({ kind: 'run', spec: { ...spec, runtime: 'python' }, stopAfterMs });
const scenario = (spec: ScenarioSpecInput): Action => ({ kind: 'scenario', spec });

/** One round of what a busy person does: every mode, both runtimes, finished and stopped, and the scenarios. */
function actions(python: boolean): Action[] {
  const list: Action[] = [
    node({ mode: 'process', workload: 'cpu', units: 2, durationS: 1.5 }),
    node({ mode: 'thread', workload: 'io-sleep', units: 4, durationS: 1 }),
    node({ mode: 'async', workload: 'cpu', units: 50, durationS: 1 }),
    node({ mode: 'process', workload: 'mem', units: 2, mb: 16, durationS: 1 }),
    node({ mode: 'async', workload: 'io-sleep', units: 2000, durationS: 30 }, 1500),
    node({ mode: 'thread', workload: 'cpu', units: 2, durationS: 30 }, 1000),
    node({ mode: 'process', workload: 'cpu', units: 3, durationS: 30 }, 800),
    scenario({ name: 'race', mode: 'thread' }),
    scenario({ name: 'lock', mode: 'process' }),
    scenario({ name: 'deadlock', mode: 'thread' }),
    scenario({ name: 'semaphore', mode: 'async', jobs: 5, limit: 2, jobSeconds: 0.3 }),
    scenario({ name: 'gather', mode: 'async', tasks: 500, sleepS: 0.5, workload: 'http' }),
    scenario({ name: 'first-completed', mode: 'async' }),
    scenario({ name: 'event-loop-block', mode: 'async' }),
  ];
  if (python)
    list.push(
      py({ mode: 'process', workload: 'cpu', units: 2, durationS: 1 }),
      py({ mode: 'thread', workload: 'io-sleep', units: 3, durationS: 1 }),
      py({ mode: 'async', workload: 'cpu', units: 10, durationS: 30 }, 1200),
      scenario({ name: 'semaphore', runtime: 'python', mode: 'process', jobs: 4, limit: 2, jobSeconds: 0.3 }),
    );
  return list;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class BusyUser {
  private readonly going = new Map<string, { startedAt: number; pids: Set<number> }>();
  private study: string | null = null;
  private next = 0;
  readonly violations: string[] = [];
  started = 0;
  ended = 0;
  refused = 0;
  studies = 0;
  private readonly list: Action[];

  constructor(
    private readonly c: SocketClient,
    python: boolean,
  ) {
    this.list = actions(python);
    c.onPush((p) => {
      if (p.push === 'run-event') this.onRun(p.data);
      if (p.push === 'study-event') this.onStudy(p.data);
    });
  }

  private onRun(e: RunEvent): void {
    if (e.type === 'run-started') this.going.set(e.runId, { startedAt: Date.now(), pids: new Set() });
    else if (e.type === 'unit-state') this.going.get(e.runId)?.pids.add(e.pid);
    else {
      const run = this.going.get(e.runId);
      this.going.delete(e.runId);
      this.ended++;
      if (!run) return;
      // the check: every process this run reported is gone OUTLIVE_MS after it ended
      setTimeout(() => {
        const left = [...run.pids].filter(isRunning);
        if (left.length) this.violations.push(`run ${e.runId}: pids ${left.join(',')} alive ${OUTLIVE_MS} ms after it ended`);
      }, OUTLIVE_MS).unref();
    }
  }

  private onStudy(e: StudyEvent): void {
    if (e.type === 'compare-ended' || e.type === 'memory-ended' || e.type === 'study-failed') this.study = null;
  }

  /** runs going now (the page has something to draw) */
  get liveRuns(): number {
    return this.going.size;
  }

  get idle(): boolean {
    return this.going.size === 0 && this.study === null;
  }

  /** Do the next thing on the list (or stop a run that overstayed); refusals (too many runs) are counted, not fatal. */
  async step(): Promise<void> {
    const now = Date.now();
    for (const [id, r] of this.going) if (now - r.startedAt > RUN_BUDGET_MS) await this.stop(id);
    if (this.going.size >= MAX_GOING || this.study) return;
    const a = this.list[this.next++ % this.list.length];
    try {
      const { runId } = await this.c.call<{ runId: string }>(a.kind === 'run' ? 'startRun' : 'runScenario', a.spec);
      this.started++;
      if (a.kind === 'run' && a.stopAfterMs !== undefined) setTimeout(() => void this.stop(runId), a.stopAfterMs).unref();
    } catch {
      this.refused++;
    }
  }

  private async stop(runId: string): Promise<void> {
    await this.c.call('stopRun', runId).catch(() => undefined); // it may have ended by itself meanwhile
  }

  /** A compare or a memory study (alternately), from a quiet engine; waits until it has ended. */
  async runStudy(timeoutMs: number): Promise<void> {
    await this.quiesce(timeoutMs);
    const compare = this.studies++ % 2 === 0;
    const { studyId } = compare
      ? await this.c.call<{ studyId: string }>('runCompare', { units: 2, work: 20 })
      : await this.c.call<{ studyId: string }>('runMemoryCost', { units: [1, 2] });
    this.study = studyId;
    const end = Date.now() + timeoutMs;
    while (this.study && Date.now() < end) await sleep(200);
    if (this.study) this.violations.push(`study ${studyId} did not end in ${timeoutMs} ms`);
    this.study = null;
  }

  /** Stop whatever is going and wait until nothing is, so that a reading sees the server at rest. */
  async quiesce(timeoutMs: number): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!this.idle && Date.now() < end) {
      for (const id of this.going.keys()) await this.stop(id);
      await sleep(200);
    }
    if (!this.idle) this.violations.push(`could not bring the server to rest in ${timeoutMs} ms`);
  }
}
