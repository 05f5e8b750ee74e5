/**
 * Every command's engine session: the engine started, Ctrl-C stopping what runs (a second Ctrl-C
 * exits at once), and the engine closed whatever happens — so no unit outlives the command.
 */
import { Engine, type EngineOptions } from '../engine/engine.js';
import { whenInterrupted } from './interrupt.js';

export interface EngineSession {
  engine: Engine;
  /** Ctrl-C (or SIGTERM) has been pressed */
  readonly interrupted: boolean;
  /** resolves at the first Ctrl-C (for commands that run until told to stop) */
  untilInterrupted: Promise<void>;
}

export async function withEngine<T>(options: EngineOptions, body: (session: EngineSession) => Promise<T>): Promise<T> {
  const engine = new Engine(options);
  let interrupted = false;
  let resolveInterrupt = () => undefined as void;
  const untilInterrupted = new Promise<void>((resolve) => (resolveInterrupt = resolve));
  const release = whenInterrupted(() => {
    interrupted = true;
    resolveInterrupt();
    void engine.stopAll();
  });
  try {
    await engine.start();
    return await body({
      engine,
      get interrupted() {
        return interrupted;
      },
      untilInterrupted,
    });
  } finally {
    release();
    await engine.close();
  }
}
