/**
 * The article's deadlock: function_a takes lock A, waits 1 s, then wants B; function_b takes B, then
 * wants A. Each holds what the other waits for, so neither ever goes on. The units really block (a
 * thread parks in Atomics.wait, a task awaits forever); the engine's watchdog sees the cycle in the
 * wait-for graph, reports it and stops them. Variant self: one unit takes the same lock twice.
 */
import type { ScenarioDef } from './scenario.js';

/** The locks each unit takes, in order. */
const ORDERS = { pair: [['A', 'B'], ['B', 'A']], self: [['A', 'A']] } as const;
const NAMES = { pair: ['function_a', 'function_b'], self: ['function_a'] };
const PAUSE_MS = 1000;

export const deadlock: ScenarioDef = {
  about: {
    name: 'deadlock',
    title: 'Deadlock',
    summary: 'Two units take locks A and B in opposite order; the variant "self" takes one lock twice in one unit.',
    watch: 'function_a holds A and waits for B, function_b holds B and waits for A: the wait-for graph has a cycle.',
    article: 'The program hangs waiting for an unlock that never happens; taking a Lock twice in one thread does the same.',
    modes: ['thread', 'async', 'process'],
    defaultMode: 'thread',
    flags: ['variant'],
    python: ['thread', 'async', 'process'],
    kernel: 'io-sleep',
  },
  commons: () => ({ locks: ['A', 'B'], permits: 1 }),
  units: (o) => NAMES[o.variant ?? 'pair'],
  async unit(kit) {
    const [first, second] = ORDERS[kit.options.variant ?? 'pair'][kit.index];
    await kit.lock(first).acquire();
    // both hold their first lock before either asks for its second, as in the article's printout
    await kit.together();
    if (kit.index === 0) {
      kit.report('waiting(io)');
      await kit.sleep(PAUSE_MS);
      kit.report('running');
    }
    await kit.lock(second).acquire();
    await kit.sleep(PAUSE_MS);
    await kit.lock(second).release();
    await kit.lock(first).release();
  },
  async run(stage) {
    await stage.allEnded(stage.startAll()); // until the watchdog stops them
    return null; // the engine's watchdog decides the outcome
  },
};
