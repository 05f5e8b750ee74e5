/**
 * The commons of async tasks on one event loop: a plain variable, async-mutex's Mutex and Semaphore.
 * Nothing here is atomic in the threads sense, and it doesn't need to be: a task is only ever
 * interrupted where it awaits, which is exactly where the race scenario awaits its sleep.
 */
import { Mutex, Semaphore as AsyncSemaphore } from 'async-mutex';
import { unlessAborted } from '../kernels/abortable-sleep.js';
import { unknownLock, type Commons, type CommonsPlan, type CommonsReadout, type Lock } from './commons.js';

function mutexLock(mutex: Mutex): Lock {
  return {
    // async-mutex hands a free mutex over synchronously, so checking then taking it cannot be overtaken
    tryAcquire: async () => {
      if (mutex.isLocked()) return false;
      await mutex.acquire();
      return true;
    },
    acquire: async (signal) => void (await unlessAborted(mutex.acquire(), signal)),
    release: async () => mutex.release(),
  };
}

export function memoryCommons(plan: CommonsPlan): Commons & CommonsReadout {
  let counter = 0;
  const locks = new Map(plan.locks.map((name) => [name, mutexLock(new Mutex())]));
  const permits = new AsyncSemaphore(plan.permits);
  let holders = 0;
  let peak = 0;
  return {
    counter: {
      read: async () => counter,
      write: async (value) => void (counter = value),
    },
    lock: (name) => locks.get(name) ?? unknownLock(name),
    semaphore: {
      acquire: async (signal) => {
        await unlessAborted(permits.acquire(), signal);
        peak = Math.max(peak, ++holders);
      },
      release: () => {
        holders--;
        permits.release();
      },
    },
    finalCount: async () => counter,
    semaphorePeak: () => peak,
  };
}
