/**
 * The race with a lock around read–wait–write: the second unit waits for the lock while the first
 * holds it, reads 10 after the first has written, and the counter ends at 30.
 */
import { counterUnits, increase, runCounter } from './race.js';
import type { ScenarioDef } from './scenario.js';

const LOCK = 'counter';

export const lock: ScenarioDef = {
  about: {
    name: 'lock',
    title: 'Lock',
    summary: 'The race again, with a lock held from the read to the write.',
    watch: 'The second unit waits(lock) while the first holds it; it reads only after the first has written.',
    article: 'With Lock it is as it should be: counter=10, then counter=30.',
    modes: ['thread', 'async', 'process'],
    defaultMode: 'thread',
    flags: [],
    python: ['thread', 'async', 'process'],
    kernel: 'io-sleep',
  },
  commons: () => ({ locks: [LOCK], permits: 1 }),
  units: counterUnits,
  async unit(kit) {
    await kit.together(); // both reach for the lock at once: one gets it, the other waits
    const counterLock = kit.lock(LOCK);
    await counterLock.acquire();
    await increase(kit);
    await counterLock.release();
  },
  run: runCounter,
};
