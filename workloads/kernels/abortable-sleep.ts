/**
 * Sleep for ms unless the signal aborts first. Thousands of units share one signal, and adding a
 * listener to an AbortSignal per sleep costs O(n) each (O(n²) for 10,000 tasks), so each signal gets
 * one listener, made once, that ends every sleep still pending on it. Sleeps due in the same
 * millisecond share one timer and one promise: 100,000 gathered tasks that start sleeping together are
 * ~100 timers and ~100 promises, not 100,000 Timeout objects in a map (what made starting them take a
 * second) nor 100,000 promises with their resolvers (~150 B each, copied by every young-generation GC
 * while the rest are being started). A promise tells its waiters in the order they began waiting, so
 * sleeps due together still end in the order they began.
 */
const abortedPromises = new WeakMap<AbortSignal, Promise<void>>();

interface DueGroup {
  timer: NodeJS.Timeout;
  /** what every sleep due then returns */
  woken: Promise<void>;
  wake: () => void;
}

/** per signal, the sleeps still pending, grouped by the millisecond they are due */
const pendingSleeps = new WeakMap<AbortSignal, Map<number, DueGroup>>();

/** Resolves once `signal` aborts (one promise per signal, however many wait on it). */
function whenAborted(signal: AbortSignal): Promise<void> {
  let p = abortedPromises.get(signal);
  if (!p) {
    p = signal.aborted ? Promise.resolve() : new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    abortedPromises.set(signal, p);
  }
  return p;
}

/** the signal asked about last and its groups (one signal kept alive at most): 100,000 tasks sharing one signal skip as many WeakMap look-ups (~25 ms) */
let lastSignal: AbortSignal | null = null;
let lastGroups: Map<number, DueGroup> | null = null;

function groupsOf(signal: AbortSignal): Map<number, DueGroup> {
  if (signal === lastSignal && lastGroups) return lastGroups;
  lastSignal = signal;
  return (lastGroups = groupsIn(signal));
}

function groupsIn(signal: AbortSignal): Map<number, DueGroup> {
  let groups = pendingSleeps.get(signal);
  if (!groups) {
    const all = (groups = new Map());
    pendingSleeps.set(signal, all);
    signal.addEventListener(
      'abort',
      () => {
        for (const g of all.values()) {
          clearTimeout(g.timer);
          g.wake();
        }
        all.clear();
      },
      { once: true },
    );
  }
  return groups;
}

export function sleepUnlessAborted(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  const groups = groupsOf(signal);
  const now = performance.now();
  const due = Math.ceil(now + ms);
  let group = groups.get(due);
  if (!group) {
    let wake!: () => void;
    const woken = new Promise<void>((resolve) => (wake = resolve));
    const timer = setTimeout(() => {
      groups.delete(due);
      wake();
    }, due - now);
    groups.set(due, (group = { timer, woken, wake }));
  }
  return group.woken;
}

/** `work`, unless `signal` aborts first: then it rejects with the signal's reason (an AbortError). */
export async function unlessAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  signal.throwIfAborted();
  const result = await Promise.race([work, whenAborted(signal).then(() => undefined)]);
  signal.throwIfAborted();
  return result as T;
}
