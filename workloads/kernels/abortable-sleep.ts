/**
 * Sleep for ms unless the signal aborts first. Thousands of units share one signal, and adding a
 * listener to an AbortSignal per sleep costs O(n) each (O(n²) for 10,000 tasks), so each signal gets
 * one listener, made once, that ends every sleep still pending on it. Sleeps due in the same
 * millisecond share one timer: 100,000 gathered tasks that start sleeping together are ~100 timers
 * and an array of resolvers each, not 100,000 Timeout objects in a map — what made starting them take
 * a second (each kept object is copied by every young-generation GC while the tasks are being made).
 * A sleep is still one promise of its own, resolved in the order the sleeps began.
 */
const abortedPromises = new WeakMap<AbortSignal, Promise<void>>();

interface DueGroup {
  timer: NodeJS.Timeout;
  wake: Array<() => void>;
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

function groupsOf(signal: AbortSignal): Map<number, DueGroup> {
  let groups = pendingSleeps.get(signal);
  if (!groups) {
    const all = (groups = new Map());
    pendingSleeps.set(signal, all);
    signal.addEventListener(
      'abort',
      () => {
        for (const g of all.values()) {
          clearTimeout(g.timer);
          for (const wake of g.wake) wake();
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
    const wake: Array<() => void> = [];
    const timer = setTimeout(() => {
      groups.delete(due);
      for (const w of wake) w();
    }, due - now);
    groups.set(due, (group = { timer, wake }));
  }
  const { wake } = group;
  return new Promise<void>((resolve) => void wake.push(resolve));
}

/** `work`, unless `signal` aborts first: then it rejects with the signal's reason (an AbortError). */
export async function unlessAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  signal.throwIfAborted();
  const result = await Promise.race([work, whenAborted(signal).then(() => undefined)]);
  signal.throwIfAborted();
  return result as T;
}
