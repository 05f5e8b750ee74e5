/**
 * What a scenario's units share, whatever they run as: a counter, named locks and one counting
 * semaphore. Each mode backs them with what that mode can share: plain objects on one event loop
 * (async), a SharedArrayBuffer with Atomics (threads), files in a temp folder (processes).
 */

/** The article's global `counter`: a read and a write, deliberately not one atomic step. */
export interface Counter {
  read(): Promise<number>;
  write(value: number): Promise<void>;
}

/** A non-reentrant lock: taking it twice from the same unit waits forever, like threading.Lock. */
export interface Lock {
  /** take it if it is free, without waiting */
  tryAcquire(): Promise<boolean>;
  /** wait until it is free and take it (a blocked thread really parks; async tasks and processes can be aborted) */
  acquire(signal: AbortSignal): Promise<void>;
  release(): Promise<void>;
}

interface Semaphore {
  acquire(signal: AbortSignal): Promise<void>;
  release(): void;
}

export interface Commons {
  counter: Counter;
  lock(name: string): Lock;
  semaphore: Semaphore;
}

/** What a scenario needs shared: the names of its locks and its semaphore's permits. */
export interface CommonsPlan {
  locks: readonly string[];
  permits: number;
}

/** The coordinator's side of the commons: read the final figures once the units are done. */
export interface CommonsReadout {
  finalCount(): Promise<number>;
  /** the most units that held a permit at once, counted by the semaphore itself */
  semaphorePeak(): number;
}

export function unknownLock(name: string): never {
  throw new Error(`no lock named ${name} in this scenario`);
}
