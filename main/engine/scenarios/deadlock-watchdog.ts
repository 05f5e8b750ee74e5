/**
 * Watches a scenario run's units as they report what they hold and wait for; when the wait-for graph
 * has held the same cycle for CONFIRM_MS (units in a real deadlock never report again), it gives its
 * verdict once. A cycle that changes or goes away within that time was a passing view of reports
 * still in flight, not a deadlock.
 */
import { FINAL_STATES, type UnitState } from '../../../contract/domain.js';
import { type UnitDetail } from '../../../contract/host-protocol.js';
import { type WaitForGraph } from '../../../contract/run-events.js';
import { describeCycle, findCycle, type HoldWait } from './wait-for.js';

export const CONFIRM_MS = 250;

export interface DeadlockVerdict {
  cycle: string[];
  /** epoch ms when the watchdog was sure */
  at: number;
}

export class DeadlockWatchdog {
  private readonly units = new Map<number, HoldWait>();
  private suspect: { key: string; timer: NodeJS.Timeout } | null = null;
  verdict: DeadlockVerdict | null = null;

  constructor(
    private readonly unitNames: readonly string[],
    private readonly onDeadlock: (verdict: DeadlockVerdict) => void,
    private readonly confirmMs = CONFIRM_MS,
  ) {}

  /** Take one unit's news; returns the graph as it is now. */
  update(unitId: number, state: UnitState, detail: UnitDetail | undefined): WaitForGraph {
    if (!detail || FINAL_STATES.includes(state)) this.units.delete(unitId);
    else
      this.units.set(unitId, {
        unit: this.unitNames[unitId] ?? `unit ${unitId}`,
        holds: detail.holds,
        waitsFor: state === 'waiting(lock)' ? detail.waitsFor : null,
      });
    // in unitId order, so the same deadlock is always told from the same unit
    const all = [...this.units.entries()].sort(([a], [b]) => a - b).map(([, u]) => u);
    const cycle = findCycle(all);
    this.watch(cycle);
    return {
      units: all.map((u) => ({ unit: u.unit, holds: [...u.holds], waitsFor: u.waitsFor })),
      cycle: cycle?.map((u) => u.unit) ?? null,
    };
  }

  private watch(cycle: HoldWait[] | null): void {
    const lines = cycle ? describeCycle(cycle) : null;
    const key = lines?.join('\n') ?? null;
    if (key !== null && key === this.suspect?.key) return;
    this.dispose();
    if (key === null || lines === null || this.verdict) return;
    const timer = setTimeout(() => {
      this.verdict = { cycle: lines, at: performance.timeOrigin + performance.now() };
      this.onDeadlock(this.verdict);
    }, this.confirmMs);
    this.suspect = { key, timer };
  }

  dispose(): void {
    if (this.suspect) clearTimeout(this.suspect.timer);
    this.suspect = null;
  }
}
