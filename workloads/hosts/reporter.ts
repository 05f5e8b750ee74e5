/** Collects unit reports and sends them to the engine in batches, so 100,000 units cost a few messages of a few numbers. */
import { HOST_FLUSH_MS, type UnitReport, type UnitStateName } from '../../contract/host-protocol.js';
import { send } from './parent-link.js';
import { StateBatch } from './state-batch.js';

export class Reporter {
  private readonly batch = new StateBatch();
  private timer: NodeJS.Timeout | null = null;

  push(report: UnitReport): void {
    this.batch.push(report);
    this.timer ??= setTimeout(() => this.flush(), HOST_FLUSH_MS);
  }

  /** A plain state change, without making a report object (the loop host's 100,000 tasks). */
  state(unitId: number, state: UnitStateName, t: number, pid: number, tid: number | null, cpuMs?: number): void {
    this.batch.add(unitId, state, t, pid, tid, cpuMs);
    this.timer ??= setTimeout(() => this.flush(), HOST_FLUSH_MS);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.batch.size === 0) return;
    send({ kind: 'states', groups: this.batch.take() });
  }
}
