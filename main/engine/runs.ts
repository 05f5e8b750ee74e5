/**
 * The run manager: validates a spec against the limits, launches its run, keeps the runs that are
 * going (at most LIMITS.concurrentRuns), and stops one or all of them. Forwards every unit's state
 * change as a RunEvent.
 */
import { EventEmitter } from 'node:events';
import { LIMITS, RunSpecSchema, describeInvalid, type RunEvent, type RunSpec } from '../../preload/api.js';
import { InvalidInput } from './errors.js';
import { Run, epochNow } from './run.js';
import type { UnitRef } from './unit-ref.js';

/** Parse anything that claims to be a run spec; throws InvalidInput with a one-line reason. */
export function parseRunSpec(input: unknown): RunSpec {
  const parsed = RunSpecSchema.safeParse(input);
  if (!parsed.success) throw new InvalidInput(describeInvalid(parsed.error));
  return parsed.data;
}

export class RunManager extends EventEmitter<{ event: [RunEvent]; exited: [Run] }> {
  private readonly runs = new Map<string, Run>();
  private nextId = 1;

  start(input: unknown): Run {
    const spec = parseRunSpec(input);
    if (this.active().length >= LIMITS.concurrentRuns)
      throw new InvalidInput(`at most ${LIMITS.concurrentRuns} runs at once; stop one first`);
    const run = new Run(`r${this.nextId++}`, spec);
    this.runs.set(run.id, run);
    run.on('unit-state', (u) =>
      this.emit('event', { type: 'unit-state', runId: run.id, unitId: u.unitId, pid: u.pid, tid: u.tid, state: u.state, t: epochNow() }),
    );
    run.once('exited', () => this.emit('exited', run));
    run.start();
    this.emit('event', { type: 'run-started', runId: run.id, spec, t: run.t0 });
    return run;
  }

  get(id: string): Run | undefined {
    return this.runs.get(id);
  }

  active(): Run[] {
    return [...this.runs.values()].filter((r) => r.active);
  }

  /** Forget a finished run once its summary is out. */
  release(id: string): void {
    if (!this.runs.get(id)?.active) this.runs.delete(id);
  }

  async stop(id: string): Promise<void> {
    const run = this.runs.get(id);
    if (!run) throw new InvalidInput(`no run ${id}`);
    await run.stop();
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.active().map((r) => r.stop()));
  }

  /** Last resort on the way out (uncaught error, signal): no unit may outlive us. */
  killAll(): void {
    for (const r of this.active()) r.kill();
  }

  liveUnits(): UnitRef[] {
    return this.active().flatMap((r) => r.liveUnits());
  }
}
