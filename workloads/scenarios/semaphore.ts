/**
 * The article's Semaphore(3) with 7 jobs of 2 s: at most 3 jobs hold a permit at once, so they run in
 * waves of 3, 3 and 1, two seconds apart. --limit 30 is the article's "the database allows 30
 * connections" case.
 */
import type { ScenarioDef } from './scenario.js';
import { permitTimes, waveStarts } from './waves.js';

export const semaphore: ScenarioDef = {
  about: {
    name: 'semaphore',
    title: 'Semaphore',
    summary: 'N jobs of 2 s each behind a semaphore of L permits (default 7 jobs, 3 permits).',
    watch: 'Jobs wait(semaphore) until a permit frees up, then sleep 2 s holding it (waiting, io): waves of L jobs start 2 s apart.',
    article: 'The function ran in groups of 3 threads, with 2 s pauses between them (00:49:51, :53, :55).',
    modes: ['thread', 'async'],
    defaultMode: 'thread',
    flags: ['limit', 'jobs', 'jobSeconds'],
    python: ['thread', 'async'],
    kernel: 'io-sleep',
  },
  commons: (o) => ({ locks: [], permits: o.limit }),
  units: (o) => Array.from({ length: o.jobs }, (_, i) => `job ${i}`),
  async unit(kit) {
    await kit.together(); // every job asks for a permit at the same moment, as the article's started threads do
    await kit.semaphore.acquire();
    // the job's work is a sleep: with its permit it is waiting, not running (the lane shows the wait)
    await kit.sleep(kit.options.jobSeconds * 1000);
    kit.report('done'); // before the permit goes back: the next job's start never overlaps this one's end
    kit.semaphore.release();
  },
  async run(stage) {
    const { limit, jobs, jobSeconds } = stage.options;
    await stage.allEnded(stage.startAll());
    return {
      limit,
      jobs,
      maxConcurrent: stage.readout.semaphorePeak(),
      waveStartsMs: waveStarts(permitTimes(stage.timeline()), (jobSeconds * 1000) / 2),
    };
  },
};
