/**
 * The commons of processes, which share no memory: files in a folder of their own under the OS temp
 * folder. The counter is a file read and written whole; a lock is a lock file created exclusively
 * ('wx' fails while another process holds it), polled until it can be created.
 */
import { rmSync } from 'node:fs';
import { mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sleepUnlessAborted } from '../kernels/abortable-sleep.js';
import { unknownLock, type Commons, type CommonsPlan, type CommonsReadout, type Lock } from './commons.js';

const POLL_MS = 5;
const COUNTER_FILE = 'counter';

/**
 * The coordinator makes the folder (unique per run) and removes it when the units are done, or, if it
 * has to exit early (its parent gone), on the way out.
 */
export async function newCommonsFolder(runId: string): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), `corescope-${runId}-`));
  await writeFile(join(dir, COUNTER_FILE), '0');
  const removeNow = () => rmSync(dir, { recursive: true, force: true });
  process.once('exit', removeNow);
  return {
    dir,
    remove: async () => {
      process.off('exit', removeNow);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

const isTaken = (e: unknown) => (e as NodeJS.ErrnoException).code === 'EEXIST';

function fileLock(path: string): Lock {
  const tryAcquire = async () => {
    try {
      await writeFile(path, String(process.pid), { flag: 'wx' });
      return true;
    } catch (e) {
      if (isTaken(e)) return false;
      throw e;
    }
  };
  return {
    tryAcquire,
    acquire: async (signal) => {
      while (!(await tryAcquire())) {
        await sleepUnlessAborted(POLL_MS, signal);
        signal.throwIfAborted();
      }
    },
    release: () => unlink(path),
  };
}

export function fileCommons(dir: string, plan: CommonsPlan): Commons & CommonsReadout {
  const counterFile = join(dir, COUNTER_FILE);
  const read = async () => Number(await readFile(counterFile, 'utf8'));
  const locks = new Map(plan.locks.map((name) => [name, fileLock(join(dir, `${name}.lock`))]));
  return {
    counter: { read, write: (value) => writeFile(counterFile, String(value)) },
    lock: (name) => locks.get(name) ?? unknownLock(name),
    semaphore: {
      acquire: () => Promise.reject(new Error('the semaphore scenario runs as threads or async tasks, not processes')),
      release: () => undefined,
    },
    finalCount: read,
    semaphorePeak: () => 0,
  };
}
