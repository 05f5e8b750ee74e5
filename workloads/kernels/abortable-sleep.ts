/**
 * Sleep for ms unless the signal aborts first. Thousands of units share one signal, and adding a
 * listener to an AbortSignal per sleep costs O(n) each (O(n²) for 10,000 tasks), so each signal gets
 * one listener, made once, that ends every sleep still pending on it. A sleep is one timer and one
 * promise (no race of promises that the shared one would keep alive until the abort).
 */
const abortedPromises = new WeakMap<AbortSignal, Promise<void>>();
/** per signal, the sleeps still pending: their timers, and how to end each early */
const pendingSleeps = new WeakMap<AbortSignal, Map<NodeJS.Timeout, () => void>>();

/** Resolves once `signal` aborts (one promise per signal, however many wait on it). */
function whenAborted(signal: AbortSignal): Promise<void> {
  let p = abortedPromises.get(signal);
  if (!p) {
    p = signal.aborted ? Promise.resolve() : new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    abortedPromises.set(signal, p);
  }
  return p;
}

function sleepsOf(signal: AbortSignal): Map<NodeJS.Timeout, () => void> {
  let sleeps = pendingSleeps.get(signal);
  if (!sleeps) {
    const all = (sleeps = new Map());
    pendingSleeps.set(signal, all);
    signal.addEventListener(
      'abort',
      () => {
        for (const [timer, end] of all) {
          clearTimeout(timer);
          end();
        }
        all.clear();
      },
      { once: true },
    );
  }
  return sleeps;
}

export function sleepUnlessAborted(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  const sleeps = sleepsOf(signal);
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      sleeps.delete(timer);
      resolve();
    }, ms);
    sleeps.set(timer, resolve);
  });
}

/** `work`, unless `signal` aborts first: then it rejects with the signal's reason (an AbortError). */
export async function unlessAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  signal.throwIfAborted();
  const result = await Promise.race([work, whenAborted(signal).then(() => undefined)]);
  signal.throwIfAborted();
  return result as T;
}
