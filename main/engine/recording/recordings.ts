/**
 * Recording an engine: the header it describes itself with, `--record FILE` for any command
 * (recordEngine), and the app's Record button (Recordings: one recording at a time, into the
 * recordings folder, under a name the contract has checked; a file already there is never overwritten).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { InvalidInput } from '../../../contract/refusal.js';
import { RECORDING_EXTENSION, RECORDING_FORMAT_VERSION, type RecordingHeader, type RecordingInfo } from '../../../contract/recording.js';
import type { Engine } from '../engine.js';
import { SCENARIO_CATALOG } from '../scenarios/scenario-catalog.js';
import { WORKLOAD_CATALOG } from '../runs/workload-catalog.js';
import { recordStreams, type ActiveRecording } from './recording-writer.js';

/** Where the Record button saves unless `serve --recordings DIR` (or the app) says otherwise. */
export const defaultRecordingsDir = (): string => join(homedir(), 'CoreScope', 'recordings');

function engineHeader(engine: Engine): RecordingHeader {
  return {
    format: 'corescope-recording',
    formatVersion: RECORDING_FORMAT_VERSION,
    corescope: engine.version(),
    system: engine.system(),
    workloads: WORKLOAD_CATALOG,
    scenarios: SCENARIO_CATALOG,
    startedAt: Date.now(),
  };
}

/**
 * Records everything the engine's streams carry into path (created or replaced) until stop(). The
 * latest snapshot goes first, so a replay opens on the machine as it was when recording began.
 */
export function recordEngine(engine: Engine, path: string): ActiveRecording {
  const header = engineHeader(engine);
  const latest = engine.latestSnapshot;
  // the recording starts at its first frame: every time in an export counts from here, never below 0
  if (latest) header.startedAt = Math.min(header.startedAt, latest.t);
  let rec: ActiveRecording;
  try {
    rec = recordStreams(
      {
        subscribe: (stream, cb) => {
          if (stream === 'snapshot' && latest) (cb as (s: typeof latest) => void)(latest);
          return engine.subscribe(stream, cb);
        },
      },
      path,
      header,
    );
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InvalidInput(`cannot record to ${path}: ${code === 'ENOENT' ? 'no such folder' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : String(e)}`, 'record');
  }
  return rec;
}

const stamp = (t: number) => new Date(t).toISOString().replace(/[:]/g, '-').replace(/\..*$/, '');

export class Recordings {
  private active: ActiveRecording | null = null;

  constructor(
    private readonly engine: Engine,
    readonly dir: string,
  ) {}

  start(name: string | undefined): RecordingInfo {
    if (this.active) throw new InvalidInput(`a recording is already going to ${this.active.info().path}`);
    const file = `${name ?? `corescope-${stamp(Date.now())}`}${name?.endsWith(RECORDING_EXTENSION) ? '' : RECORDING_EXTENSION}`;
    const path = join(this.dir, file);
    if (existsSync(path)) throw new InvalidInput(`${file} is already in ${this.dir}: pick another name`, 'name');
    mkdirSync(this.dir, { recursive: true });
    this.active = recordEngine(this.engine, path);
    return this.active.info();
  }

  stop(): RecordingInfo {
    if (!this.active) throw new InvalidInput('no recording is going');
    const rec = this.active;
    this.active = null;
    return rec.stop();
  }

  state(): RecordingInfo | null {
    return this.active?.info() ?? null;
  }
}
