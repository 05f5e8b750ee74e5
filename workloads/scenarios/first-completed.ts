/**
 * The article's asyncio.wait(return_when=FIRST_COMPLETED): hello (5 s) and bye (2 s) start together;
 * the first to finish wins and the other is cancelled (its AbortController aborts its wait).
 */
import type { ScenarioDef } from './scenario.js';

const WAITS = [
  { name: 'hello', seconds: 5 },
  { name: 'bye', seconds: 2 },
];

export const firstCompleted: ScenarioDef = {
  about: {
    name: 'first-completed',
    title: 'First completed wins',
    summary: 'hello (5 s) and bye (2 s) start together; the first to finish wins, the other is cancelled.',
    watch: 'bye ends done after 2 s and hello turns cancelled at that moment, 3 s before it would have finished.',
    article: 'Only "bye finished" is printed: hello was still pending when bye completed, and was cancelled.',
    modes: ['async', 'thread', 'process'],
    defaultMode: 'async',
    flags: [],
    python: ['async'],
    kernel: 'io-sleep',
  },
  units: () => WAITS.map((w) => w.name),
  async unit(kit) {
    kit.report('waiting(io)');
    await kit.sleep(WAITS[kit.index].seconds * 1000);
  },
  async run(stage) {
    const start = performance.now();
    const units = stage.startAll({ cancellable: true });
    const first = await Promise.race(units.map((u) => u.ended.then((state) => ({ unit: u, state }))));
    const wallMs = Math.round(performance.now() - start);
    const cancelAt = performance.now() - start;
    for (const u of units) if (u !== first.unit) u.cancel();
    const ends = await Promise.all(units.map((u) => u.ended));
    const cancelled = units.filter((_, i) => ends[i] === 'cancelled');
    return {
      winner: first.state === 'done' ? first.unit.name : null,
      cancelled: cancelled.map((u) => u.name),
      wallMs,
      // hello's 5 s wait, cut at ~2 s: the 3 s the article's cancel took from it
      lostMs: Object.fromEntries(cancelled.map((u) => [u.name, Math.max(0, Math.round(WAITS[units.indexOf(u)].seconds * 1000 - cancelAt))])),
    };
  },
};
