/**
 * A `.corescope` recording: what a session showed (snapshots, run, study and notice events), written
 * as it happens and replayed later by the same views. The header and frames are the contract between
 * the writer (main/engine/recording/) and every reader (lib/recording/, the page, the CLI): readers
 * ignore fields they don't know, so a file written by a newer CoreScope of the same format still opens.
 */
import { z } from 'zod';
import type { ScenarioInfo, SystemInfo, VersionInfo, WorkloadInfo } from './catalog.js';
import type { StreamName, Streams } from './methods.js';

/** Bumped only when an old reader could no longer make sense of a file (new fields don't bump it). */
export const RECORDING_FORMAT_VERSION = 1;
export const RECORDING_EXTENSION = '.corescope';

export interface RecordingHeader {
  format: 'corescope-recording';
  formatVersion: number;
  /** which CoreScope wrote it */
  corescope: VersionInfo;
  /** the machine it was recorded on, as the engine described it (cores, memory, OS, interval) */
  system: SystemInfo;
  /** the catalogs as they were, so a replay shows the same cards and words */
  workloads: WorkloadInfo[];
  scenarios: ScenarioInfo[];
  /** epoch ms when recording began: every time in an export is measured from here */
  startedAt: number;
}

/** One thing a stream carried, at its own time t (epoch ms). */
export type RecordedFrame = { [S in StreamName]: { t: number; stream: S; data: Streams[S] } }[StreamName];

/** What a finished (or still running) recording amounts to. */
export interface RecordingInfo {
  path: string;
  frames: number;
  bytes: number;
  startedAt: number;
  /** null while recording */
  endedAt: number | null;
}

/** A recording's file name inside the recordings folder: letters, digits, dot, dash, underscore; no path. */
export const RecordingNameSchema = z
  .object({
    name: z
      .string({ error: 'name must be text' })
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, { message: 'name must be 1–64 letters, digits, ".", "-" or "_", starting with a letter or digit' })
      .optional(),
  })
  .strict()
  .optional();

/**
 * The largest recording the page is handed to play (the desktop's File → Open recording, a file dropped
 * on the dashboard): about 2½ hours at 16 cores, 10 Hz, 64 units. The page inflates every frame, so a
 * bigger file would take the page's memory; `corescope export` reads files of any size.
 */
export const RECORDING_MAX_BYTES = 64 * 1024 * 1024;

/** A recording the desktop app opened (File → Open recording…), as the shell hands it to the page. */
export interface OpenedRecording {
  /** the file's name, without its folder */
  name: string;
  bytes: Uint8Array;
}

/** Where `corescope replay` serves the recording for its page (?replay in the page's address says to fetch it). */
export const RECORDING_PATH = '/recording.corescope';
