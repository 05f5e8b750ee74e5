/** Collects unit reports and sends them to the engine in batches, so 10,000 units cost a few messages. */
import { HOST_FLUSH_MS, type UnitReport } from '../../contract/host-protocol.js';
import { send } from './parent-link.js';

export class Reporter {
  private queue: UnitReport[] = [];
  private timer: NodeJS.Timeout | null = null;

  push(report: UnitReport): void {
    this.queue.push(report);
    this.timer ??= setTimeout(() => this.flush(), HOST_FLUSH_MS);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.queue.length === 0) return;
    send({ kind: 'units', reports: this.queue });
    this.queue = [];
  }
}
