/**
 * The GIL made visible: the same CPU work as 2 Python threads, then as 2 Python processes (and, where a
 * free-threaded python3.13t+ is on PATH, as 2 threads of it). Threads of one interpreter take turns
 * holding the GIL, so together they keep about one core busy; processes have an interpreter each and
 * keep both. Only Python has this: the scenario lives in workloads/python/scenarios/gil.py, and this
 * entry holds its words and its units for the engine and the UI.
 */
import type { ScenarioDef } from './scenario.js';

const GIL_UNITS = ['thread 1', 'thread 2', 'process 1', 'process 2'];

const pythonOnly = (): never => {
  throw new Error('the gil scenario runs in Python only');
};

export const gil: ScenarioDef = {
  about: {
    name: 'gil',
    title: 'The GIL',
    summary: 'The same CPU work as 2 Python threads, then as 2 Python processes: how many cores each keeps busy.',
    watch: 'The two threads share about one core between them (they take turns holding the GIL); the two processes fill both.',
    article: 'The GIL lets only one thread run at a time: threads in Python do not run in parallel, processes do.',
    modes: ['thread'],
    defaultMode: 'thread',
    flags: [],
    python: ['thread'],
    pythonOnly: true,
    kernel: 'cpu',
    // the processes' leg starts when the threads' has ended
    queued: () => GIL_UNITS.flatMap((name, i) => (name.startsWith('process') ? [i] : [])),
  },
  units: () => GIL_UNITS,
  unit: pythonOnly,
  run: pythonOnly,
};
