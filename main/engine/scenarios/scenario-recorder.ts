/**
 * Everything the engine keeps of one scenario run: the timeline of its units' states, the wait-for
 * graph and its deadlock watchdog (for scenarios whose units take locks), and, once the run is over,
 * the ScenarioResult: the host's outcome, or the watchdog's verdict.
 */
import type { ResolvedScenarioSpec, ScenarioResult, TimelineEntry, WaitForGraph } from '../../../contract/run-events.js';
import type { DeadlockOutcome, ScenarioOutcome } from '../../../contract/host-protocol.js';
import { DeadlockWatchdog, type DeadlockVerdict } from './deadlock-watchdog.js';
import type { Run, UnitRecord } from '../runs/run.js';
import { scenarioDef } from './scenario-catalog.js';
import { round } from '../studies/stats.js';

/** A deadlock scenario whose units never formed a cycle is stopped after this long. */
const DEADLOCK_GIVE_UP_MS = 10_000;

export class ScenarioRecorder {
  private readonly timeline: TimelineEntry[];
  private readonly watchdog: DeadlockWatchdog | null;

  constructor(
    private readonly run: Run,
    readonly spec: ResolvedScenarioSpec,
    readonly unitNames: readonly string[],
  ) {
    this.timeline = unitNames.map((unit) => ({ unit, state: 'starting', tMs: 0 }));
    const takesLocks = (scenarioDef(spec.name).commons?.(spec.options).locks.length ?? 0) > 0;
    this.watchdog = takesLocks ? new DeadlockWatchdog(unitNames, (v) => this.onDeadlock(v)) : null;
    const giveUp = spec.name === 'deadlock' ? setTimeout(() => void run.stop(), DEADLOCK_GIVE_UP_MS) : null;
    void run.ended.then(() => {
      if (giveUp) clearTimeout(giveUp);
      this.watchdog?.dispose();
    });
  }

  /** Take a unit's change of state; returns the wait-for graph after it, for scenarios that take locks. */
  record(u: UnitRecord): WaitForGraph | undefined {
    const entry: TimelineEntry = { unit: this.unitNames[u.unitId], state: u.state, tMs: round(Math.max(0, u.stateAt - this.run.t0)) };
    if (u.detail) entry.detail = u.detail;
    this.timeline.push(entry);
    return this.watchdog?.update(u.unitId, u.state, u.detail);
  }

  /** The timeline so far (in arrival order), for live views. */
  timelineSoFar(): readonly TimelineEntry[] {
    return this.timeline;
  }

  /** The watchdog is sure: stop the units (asked first, killed after the run's grace period). */
  private onDeadlock(_: DeadlockVerdict): void {
    void this.run.stop();
  }

  private outcome(): ScenarioOutcome | null {
    const verdict = this.watchdog?.verdict;
    if (verdict) return { deadlocked: true, cycle: verdict.cycle, detectedMs: round(verdict.at - this.run.t0) } satisfies DeadlockOutcome;
    if (this.spec.name === 'deadlock') return { deadlocked: false, cycle: [], detectedMs: null } satisfies DeadlockOutcome;
    return this.run.outcome;
  }

  private takes(option: string): boolean {
    return (scenarioDef(this.spec.name).about.flags as string[]).includes(option);
  }

  result(wallMs: number): ScenarioResult {
    return {
      scenario: this.spec.name,
      mode: this.spec.mode,
      runtime: this.spec.runtime ?? 'node',
      runId: this.run.id,
      options: Object.fromEntries(Object.entries(this.spec.options).filter(([key]) => this.takes(key))),
      wallMs,
      outcome: this.outcome(),
      // reports from different threads arrive in batches, not quite in order: order them by time
      timeline: [...this.timeline].sort((a, b) => a.tMs - b.tMs),
    };
  }
}
