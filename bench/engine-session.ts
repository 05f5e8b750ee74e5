/**
 * The benches' way to use the Engine: one engine per bench, always closed (so no unit outlives the bench,
 * even when a bench throws), and idle runs started and awaited until every unit is really up.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { RunSpecInput } from '../contract/schemas.js';
import { Engine } from '../main/engine/engine.js';
import type { Run } from '../main/engine/runs/run.js';

const UP_TIMEOUT_MS = 15_000;
const POLL_MS = 20;

export async function withEngine<T>(fn: (engine: Engine) => Promise<T>): Promise<T> {
  const engine = new Engine();
  try {
    return await fn(engine);
  } finally {
    await engine.close();
  }
}

/** Start a run and wait until every unit has reported (so its tid is known and the sampler reads all of them). */
export async function startRunAndWaitUp(engine: Engine, spec: RunSpecInput): Promise<Run> {
  const run = engine.startRun(spec);
  const deadline = performance.now() + UP_TIMEOUT_MS;
  const allUp = () => run.units.length === spec.units && run.units.every((u) => u.firstReportAt !== null && u.tid !== null);
  while (!allUp()) {
    if (!run.active) throw new Error(`run ${run.id} ended before all its units were up`);
    if (performance.now() > deadline) throw new Error(`run ${run.id}: units not up after ${UP_TIMEOUT_MS} ms`);
    await sleep(POLL_MS);
  }
  return run;
}

/** Stop a run and wait for its summary, so the engine has let go of it before the next measurement. */
export async function stopRunAndWait(engine: Engine, run: Run): Promise<void> {
  await engine.stopRun(run.id);
  await engine.summary(run);
}
