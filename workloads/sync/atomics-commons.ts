/**
 * The commons of worker threads: one SharedArrayBuffer seen by every thread as an Int32Array.
 * Locks and the semaphore park the calling OS thread in Atomics.wait, as a blocked thread really does
 * (threading.Lock in the article); only worker.terminate() gets a thread out of a deadlock.
 *
 * Layout: [counter, permits, holders, peak, lock 0, lock 1, …]; a lock's slot is 0 free, 1 taken.
 */
import { unknownLock, type Commons, type CommonsPlan, type CommonsReadout, type Lock } from './commons.js';

const COUNTER = 0;
const PERMITS = 1;
const HOLDERS = 2;
const PEAK = 3;
const FIRST_LOCK = 4;

/** Made once by the coordinator and handed to every worker. */
export function newCommonsBuffer(plan: CommonsPlan): SharedArrayBuffer {
  const buffer = new SharedArrayBuffer((FIRST_LOCK + plan.locks.length) * Int32Array.BYTES_PER_ELEMENT);
  new Int32Array(buffer)[PERMITS] = plan.permits;
  return buffer;
}

function slotLock(cells: Int32Array, slot: number): Lock {
  const take = () => Atomics.compareExchange(cells, slot, 0, 1) === 0;
  return {
    tryAcquire: async () => take(),
    acquire: async () => {
      while (!take()) Atomics.wait(cells, slot, 1);
    },
    release: async () => {
      Atomics.store(cells, slot, 0);
      Atomics.notify(cells, slot, 1);
    },
  };
}

function raisePeak(cells: Int32Array, holders: number): void {
  for (let peak = Atomics.load(cells, PEAK); holders > peak; peak = Atomics.load(cells, PEAK))
    if (Atomics.compareExchange(cells, PEAK, peak, holders) === peak) return;
}

export function atomicsCommons(buffer: SharedArrayBuffer, plan: CommonsPlan): Commons & CommonsReadout {
  const cells = new Int32Array(buffer);
  const locks = new Map(plan.locks.map((name, i) => [name, slotLock(cells, FIRST_LOCK + i)]));
  return {
    counter: {
      // a plain load and a plain store: the gap between them is the race
      read: async () => Atomics.load(cells, COUNTER),
      write: async (value) => void Atomics.store(cells, COUNTER, value),
    },
    lock: (name) => locks.get(name) ?? unknownLock(name),
    semaphore: {
      acquire: async () => {
        for (;;) {
          const free = Atomics.load(cells, PERMITS);
          if (free > 0 && Atomics.compareExchange(cells, PERMITS, free, free - 1) === free) break;
          if (free <= 0) Atomics.wait(cells, PERMITS, free);
        }
        raisePeak(cells, Atomics.add(cells, HOLDERS, 1) + 1);
      },
      release: () => {
        Atomics.sub(cells, HOLDERS, 1);
        Atomics.add(cells, PERMITS, 1);
        Atomics.notify(cells, PERMITS, 1);
      },
    },
    finalCount: async () => Atomics.load(cells, COUNTER),
    semaphorePeak: () => Atomics.load(cells, PEAK),
  };
}
