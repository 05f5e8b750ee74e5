/**
 * A host's unit reports between two flushes, packed as they come: a report like the one before it
 * (same state, pid, tid and CPU, nothing else to say, made within GROUP_WITHIN_MS) only extends that
 * group's id ranges, so 100,000 tasks changing state together cost a few numbers, not 100,000 objects
 * kept until the flush. Only the last group is ever extended: the groups stay in report order, so a
 * unit's later state never lands before its earlier one.
 */
import { GROUP_WITHIN_MS, type StateGroup, type UnitReport, type UnitStateName } from '../../contract/host-protocol.js';

export class StateBatch {
  private groups: StateGroup[] = [];
  /** the last group, while it may still be extended (null after a report with more to say) */
  private open: StateGroup | null = null;

  get size(): number {
    return this.groups.length;
  }

  /** A plain state report: no error, detail or peak. */
  add(unitId: number, state: UnitStateName, t: number, pid: number, tid: number | null, cpuMs?: number): void {
    const g = this.open;
    if (g && g.state === state && g.pid === pid && g.tid === tid && g.cpuMs === cpuMs && t - g.t < GROUP_WITHIN_MS) {
      const ids = g.ids;
      if (ids[ids.length - 1] === unitId - 1) ids[ids.length - 1] = unitId;
      else ids.push(unitId, unitId);
      return;
    }
    this.open = { state, t, pid, tid, ids: [unitId, unitId], ...(cpuMs !== undefined && { cpuMs }) };
    this.groups.push(this.open);
  }

  /** Any report; one with an error, a detail or a peak is a group of its own. */
  push(r: UnitReport): void {
    if (r.error === undefined && r.detail === undefined && r.peakBytes === undefined) {
      this.add(r.unitId, r.state, r.t, r.pid, r.tid, r.cpuMs);
      return;
    }
    const { unitId, ...rest } = r;
    this.groups.push({ ...rest, ids: [unitId, unitId] });
    this.open = null;
  }

  /** The groups so far, in order; the batch is empty afterwards. */
  take(): StateGroup[] {
    const out = this.groups;
    this.groups = [];
    this.open = null;
    return out;
  }
}
