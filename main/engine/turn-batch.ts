/**
 * What comes in one turn of the loop, handed on together: a host reports its tasks in groups, so
 * 100,000 tasks starting are 100,000 run events in one turn, which a page pays for per message. The
 * batch leaves at the next setImmediate, or at once (flush) when something else must leave after it,
 * so the page still sees everything in the order it was made. Both transports (the dashboard's socket,
 * the desktop window's IPC) send run events through one.
 */
export class TurnBatch<T> {
  private items: T[] = [];
  private due: NodeJS.Immediate | null = null;

  constructor(private readonly deliver: (items: T[]) => void) {}

  get size(): number {
    return this.items.length;
  }

  add(item: T): void {
    this.items.push(item);
    this.due ??= setImmediate(() => this.flush());
  }

  /** Hand on what this turn has now (nothing if it has nothing). */
  flush(): void {
    const items = this.take();
    if (items.length) this.deliver(items);
  }

  /** Take back what was not handed on yet (e.g. to hold it for a slow page instead); the batch is empty after. */
  take(): T[] {
    if (this.due) clearImmediate(this.due);
    this.due = null;
    const items = this.items;
    this.items = [];
    return items;
  }
}

