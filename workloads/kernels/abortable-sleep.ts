/**
 * Sleep for ms unless the signal aborts first. Thousands of units share one signal, and adding a
 * listener to an AbortSignal per sleep costs O(n) each (O(n²) for 10,000 tasks), so every sleep races
 * one promise made once per signal instead.
 */
const abortedPromises = new WeakMap<AbortSignal, Promise<void>>();

/** Resolves once `signal` aborts (one promise per signal, however many wait on it). */
function whenAborted(signal: AbortSignal): Promise<void> {
  let p = abortedPromises.get(signal);
  if (!p) {
    p = signal.aborted ? Promise.resolve() : new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    abortedPromises.set(signal, p);
  }
  return p;
}

export async function sleepUnlessAborted(ms: number, signal: AbortSignal): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([new Promise<void>((resolve) => (timer = setTimeout(resolve, ms))), whenAborted(signal)]);
  clearTimeout(timer);
}

/** `work`, unless `signal` aborts first: then it rejects with the signal's reason (an AbortError). */
export async function unlessAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  signal.throwIfAborted();
  const result = await Promise.race([work, whenAborted(signal).then(() => undefined)]);
  signal.throwIfAborted();
  return result as T;
}
