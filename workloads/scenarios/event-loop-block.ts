/**
 * One CPU-bound task among many async io tasks blocks them all: an event loop runs one thing at a
 * time, and a task that never awaits never lets the others run (the article's "if one task hangs,
 * the whole system hangs"). Moved to a worker thread, the same task leaves the loop free. Both are
 * measured, one after the other, with perf_hooks.monitorEventLoopDelay: the loop's worst delay.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { spinFor } from '../kernels/cpu.js';
import type { Placement, ScenarioDef, Stage } from './scenario.js';

const CPU_MS = 1000;
const CPU_DELAY_MS = 50; // let the io tasks start waiting first
const LEGS = { async: { cpu: 0, label: 'loop' }, thread: { cpu: 1, label: 'worker' } } as const;
type Leg = keyof typeof LEGS;

/** io task k of n is due at an even spread across the CPU task's time */
const dueMs = (k: number, n: number) => Math.round(((k + 1) * (CPU_MS + 2 * CPU_DELAY_MS)) / n);
const ioIndexes = (leg: Leg, n: number) => Array.from({ length: n }, (_, k) => 2 + (leg === 'async' ? 0 : n) + k);

/** One leg: the io tasks on this loop, the CPU task where the leg puts it; the loop's worst delay in ms. */
async function leg(stage: Stage, placement: Leg): Promise<number> {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const io = ioIndexes(placement, stage.options.tasks).map((i) => stage.start(i, { placement: 'async' }));
  const cpu = stage.start(LEGS[placement].cpu, { placement });
  await stage.allEnded([...io, cpu]);
  delay.disable();
  return Math.round(delay.max / 1e6);
}

export const eventLoopBlock: ScenarioDef = {
  about: {
    name: 'event-loop-block',
    title: 'A blocked event loop',
    summary: 'Many async io tasks plus one 1 s CPU task: first on the same event loop, then in a worker thread.',
    watch: 'With the CPU task on the loop every io task ends late, all at once; in a worker they end on time.',
    article: 'Cooperative multitasking: if one task hangs, everything hangs. Async suits I/O-bound work, not CPU-bound.',
    modes: ['async', 'thread'],
    defaultMode: 'async',
    flags: ['tasks'],
    defaults: () => ({ tasks: 50 }), // io tasks per leg
    kernel: 'cpu',
    // the leg that runs second: its CPU unit and its io tasks wait for the first leg to end
    queued: (mode, o) => {
      const second: Leg = mode === 'thread' ? 'async' : 'thread';
      return [LEGS[second].cpu, ...ioIndexes(second, o.tasks)];
    },
  },
  units: (o) => [
    'cpu on the loop',
    'cpu in a worker',
    ...(['async', 'thread'] as const).flatMap((l) => Array.from({ length: o.tasks }, (_, k) => `${LEGS[l].label} io ${k + 1}`)),
  ],
  async unit(kit) {
    if (kit.index < 2) {
      await kit.sleep(CPU_DELAY_MS);
      kit.report('running');
      spinFor(CPU_MS); // never awaits: nothing else on this loop runs meanwhile
      return;
    }
    const k = (kit.index - 2) % kit.options.tasks;
    kit.report('waiting(io)');
    await kit.sleep(dueMs(k, kit.options.tasks));
  },
  async run(stage) {
    // this mode's placement first; the other one after it, for comparison
    const order: Leg[] = stage.mode === 'thread' ? ['thread', 'async'] : ['async', 'thread'];
    const lag: Partial<Record<Placement, number>> = {};
    for (const placement of order) lag[placement] = await leg(stage, placement);
    return {
      ioTasks: stage.options.tasks,
      cpuMs: CPU_MS,
      placement: stage.mode === 'thread' ? 'worker thread' : 'event loop',
      maxLagMs: lag[order[0]] ?? 0,
      loopMaxLagMs: lag.async ?? 0,
      workerMaxLagMs: lag.thread ?? 0,
    };
  },
};
