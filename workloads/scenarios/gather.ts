/**
 * The article's asyncio.gather of 10,000 hello()s, each awaiting a 5 s sleep: they wait together, so
 * the whole takes about 5 s, not 10,000 × 5 s. --workload http makes each wait a real HTTP request
 * to a local server that answers after the sleep.
 */
import { httpGet } from '../kernels/http-get.js';
import type { ScenarioDef } from './scenario.js';

const ended = (): void => undefined;

export const gather: ScenarioDef = {
  about: {
    name: 'gather',
    title: 'Gather 10,000 waits',
    summary: 'N units (default 10,000 async tasks) each wait 5 s on a timer or on a slow local HTTP server.',
    watch: 'Every unit waits(io) at the same time and all end together, about 5 s after the start.',
    article: '10,000 coroutines awaiting asyncio.sleep(5) took 5.28 s in all: a little more than one.',
    modes: ['async', 'thread'],
    defaultMode: 'async',
    flags: ['tasks', 'sleepS', 'workload'],
    python: ['async'],
    defaults: (mode) => ({ tasks: mode === 'async' ? 10_000 : 100 }), // a thread is an OS thread with its own heap
    kernel: 'io-sleep',
  },
  units: (o) => Array.from({ length: o.tasks }, (_, i) => `hello ${i + 1}`),
  // not async: the wait itself is the unit's promise, so 100,000 waiting tasks keep no frame of their own
  unit(kit) {
    const ms = kit.options.sleepS * 1000;
    kit.report('waiting(io)');
    return kit.options.workload === 'http' ? httpGet(`${kit.given.url}/?ms=${ms}`, kit.signal).then(ended) : kit.sleep(ms);
  },
  async run(stage) {
    const { tasks, sleepS, workload } = stage.options;
    const server = workload === 'http' ? await stage.slowServer() : null;
    const start = performance.now();
    try {
      await stage.allEnded(stage.startAll({ given: server ? { url: server.url } : {} }));
    } finally {
      server?.close();
    }
    return { tasks, sleepMs: sleepS * 1000, workload, wallMs: Math.round(performance.now() - start) };
  },
};
