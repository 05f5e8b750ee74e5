/**
 * Every command's engine session: the engine started, Ctrl-C stopping what runs (a second Ctrl-C
 * exits at once), and the engine closed whatever happens — so no unit outlives the command.
 */
import { Engine, type EngineOptions } from '../engine/engine.js';
import { recordEngine } from '../engine/recording/recordings.js';
import type { ActiveRecording } from '../engine/recording/recording-writer.js';
import { whenInterrupted } from './interrupt.js';

export interface EngineSession {
  engine: Engine;
  /** Ctrl-C (or SIGTERM) has been pressed */
  readonly interrupted: boolean;
  /** resolves at the first Ctrl-C (for commands that run until told to stop) */
  untilInterrupted: Promise<void>;
}

export interface SessionOptions extends EngineOptions {
  /** --record FILE: everything the session's streams carry, from the engine's start to its close */
  record?: string;
}

const FIRST_SAMPLE_MS = 250;

async function firstSample(engine: Engine): Promise<void> {
  if (engine.latestSnapshot) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      stop();
      resolve();
    };
    const timer = setTimeout(done, FIRST_SAMPLE_MS);
    const stop = engine.subscribe('snapshot', done);
  });
  if (!engine.latestSnapshot) await engine.sampleNow();
}

export async function withEngine<T>(options: SessionOptions, body: (session: EngineSession) => Promise<T>): Promise<T> {
  const engine = new Engine(options);
  let interrupted = false;
  let resolveInterrupt = () => undefined as void;
  const untilInterrupted = new Promise<void>((resolve) => (resolveInterrupt = resolve));
  const release = whenInterrupted(() => {
    interrupted = true;
    resolveInterrupt();
    void engine.stopAll();
  });
  let recording: ActiveRecording | null = null;
  try {
    await engine.start();
    if (options.record) {
      // the recording opens on a sample of the machine as it was before anything starts (its first
      // frame, where its time begins): the sampler's first, or one taken once FIRST_SAMPLE_MS have
      // passed, so that its cores cover a real stretch of time and not the moment since the start
      await firstSample(engine);
      recording = recordEngine(engine, options.record);
    }
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
    // after close, so the ends of runs stopped by Ctrl-C are in the file
    if (recording) {
      const info = recording.stop();
      console.error(`corescope: recorded ${info.frames} frames (${Math.round(info.bytes / 1024)} KB) to ${info.path}`);
    }
  }
}
