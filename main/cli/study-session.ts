/**
 * What `compare` and `memory` share: an engine for a series of legs, Ctrl-C that stops the leg going
 * and ends the series, a progress line per leg on stderr (unless the output is data), and the engine
 * closed whatever happens.
 */
import type { Mode } from '../../preload/api.js';
import { Engine, type EngineOptions } from '../engine/engine.js';
import { InvalidInput } from '../engine/errors.js';
import { whenInterrupted } from './process-guard.js';

export type OnLeg = (leg: { mode: Mode; units: number; round?: number }) => void;

export async function runStudy<T>(options: EngineOptions, quiet: boolean, study: (engine: Engine, onLeg: OnLeg) => Promise<T>): Promise<T> {
  const engine = new Engine(options);
  await engine.start();
  let interrupted = false;
  const release = whenInterrupted(() => {
    interrupted = true;
    void engine.runs.stopAll();
  });
  try {
    return await study(engine, (leg) => {
      if (interrupted) throw new InvalidInput('interrupted');
      if (!quiet) console.error(`… ${leg.mode}, ${leg.units} unit${leg.units > 1 ? 's' : ''}${leg.round === undefined ? '' : `, round ${leg.round + 1}`}`);
    });
  } finally {
    release();
    await engine.close();
  }
}
