/**
 * The article's race condition: increase(10) and increase(20) each read the shared counter, wait
 * 100 ms, and write back what they read plus their amount. Both read 0 before either writes, so the
 * second write overwrites the first: the counter ends at 20 (or 10), never 30.
 */
import type { ScenarioDef, Stage, UnitKit } from './scenario.js';

const AMOUNTS = [10, 20];
const PAUSE_MS = 100;

/** increase(by): read, wait, write — the gap between read and write is where the other unit gets in. */
export async function increase(kit: UnitKit): Promise<void> {
  const read = await kit.counter.read();
  const local = read + AMOUNTS[kit.index];
  // the lane shows each read and write with its value: the lost update is there to see
  kit.report('waiting(io)', `read ${read}`);
  await kit.sleep(PAUSE_MS);
  kit.report('running');
  await kit.counter.write(local);
  kit.report('running', `wrote ${local}`);
}

export const counterUnits = (): string[] => AMOUNTS.map((by) => `increase(${by})`);

/** Start both, join both, and compare the counter with what it should be. */
export async function runCounter(stage: Stage) {
  await stage.allEnded(stage.startAll());
  return { expected: AMOUNTS.reduce((a, b) => a + b, 0), actual: await stage.readout.finalCount() };
}

export const race: ScenarioDef = {
  about: {
    name: 'race',
    title: 'Race condition',
    summary: 'Two units add 10 and 20 to one shared counter: each reads it, waits 100 ms, writes back.',
    watch: 'Both units read the counter before either writes: the second write overwrites the first.',
    article: 'Instead of 30 we get 20 (counter=10, then counter=20): one thread overtook the other between read and write.',
    modes: ['thread', 'async', 'process'],
    defaultMode: 'thread',
    flags: [],
    python: ['thread', 'async', 'process'],
    kernel: 'io-sleep',
  },
  units: counterUnits,
  async unit(kit) {
    await kit.together(); // both read within the 100 ms window, however far apart they started
    await increase(kit);
  },
  run: runCounter,
};
