/**
 * Reads a `.corescope` file, in Node and in the page alike: the header, every frame up to the first
 * damage, and one line saying what the damage is and where. Fields and streams it doesn't know are
 * ignored, so a file from a newer CoreScope of the same format version still replays.
 */
import { RECORDING_FORMAT_VERSION, type RecordedFrame, type RecordingHeader } from '../../contract/recording.js';
import { STREAMS, type StreamName } from '../../contract/methods.js';
import { CHUNK_HEAD_BYTES, Damage, chunkHeadAt, chunkLines, readHeader, readIndex, type ChunkRef } from './container.js';

export interface DecodedRecording {
  header: RecordingHeader;
  /** in the order they were written (times can step back a little: unit events carry the unit's clock) */
  frames: RecordedFrame[];
  chunks: ChunkRef[];
  /** the writer closed the file and its index is there */
  indexed: boolean;
  /** null, or one line: which chunk and frame are damaged; the frames before them are in `frames` */
  damage: string | null;
}

const KNOWN = new Set<string>(STREAMS);

function checkHeader(h: unknown): RecordingHeader {
  const o = h as Partial<RecordingHeader> | null;
  if (!o || o.format !== 'corescope-recording' || typeof o.formatVersion !== 'number') throw new Damage('the header is not a CoreScope recording header');
  if (o.formatVersion > RECORDING_FORMAT_VERSION)
    throw new Damage(`recording format ${o.formatVersion} is newer than this CoreScope reads (${RECORDING_FORMAT_VERSION}): update CoreScope`);
  if (!o.system || typeof o.startedAt !== 'number') throw new Damage('the header misses the machine or the start time');
  return { ...o, workloads: o.workloads ?? [], scenarios: o.scenarios ?? [] } as RecordingHeader;
}

function toFrame(line: string): RecordedFrame | null | 'bad' {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return 'bad';
  }
  const f = v as { t?: unknown; stream?: unknown; data?: unknown } | null;
  if (!f || typeof f.t !== 'number' || typeof f.stream !== 'string' || typeof f.data !== 'object' || f.data === null) return 'bad';
  if (!KNOWN.has(f.stream)) return null; // a stream a newer CoreScope records: skipped
  return { t: f.t, stream: f.stream as StreamName, data: f.data } as RecordedFrame;
}

/** Only the header, checked as a replay checks it (cheap: no chunk is inflated). Throws Damage (one line). */
export function decodeHeader(bytes: Uint8Array): RecordingHeader {
  return checkHeader(readHeader(bytes).header);
}

/** Throws Damage (one line) only when not even the header can be read. */
export function decodeRecording(bytes: Uint8Array): DecodedRecording {
  const { header: raw, end } = readHeader(bytes);
  const header = checkHeader(raw);
  const index = readIndex(bytes);
  const frames: RecordedFrame[] = [];
  const chunks: ChunkRef[] = [];
  let damage: string | null = null;
  let offset = end;
  let written = 0; // frames the chunk heads say were written, counting skipped streams
  for (let k = 1; ; k++) {
    try {
      const head = chunkHeadAt(bytes, offset);
      if (!head) break;
      const lines = chunkLines(bytes, head);
      if (lines.length !== head.frames) throw new Damage(`holds ${lines.length} frames, its head says ${head.frames}`);
      for (let i = 0; i < lines.length; i++) {
        const f = toFrame(lines[i]);
        if (f === 'bad') throw new Damage(`frame ${written + i + 1} is not a frame`);
        if (f) frames.push(f);
      }
      chunks.push({ offset, t0: head.t0, t1: head.t1, frames: head.frames, firstFrame: written });
      written += head.frames;
      offset = head.offset + CHUNK_HEAD_BYTES + head.size;
    } catch (e) {
      if (!(e instanceof Damage)) throw e;
      damage = `chunk ${k} (from frame ${written + 1}) ${e.message}; the ${frames.length} frames before it replay`;
      break;
    }
  }
  if (!damage && !index) damage = `no index at the end (the recording was not closed): the ${frames.length} frames found replay`;
  return { header, frames, chunks, indexed: index !== null, damage };
}

/** The first and last frame times (epoch ms): a replay runs from the one to the other (an empty recording: its start). */
export function timeSpan(rec: DecodedRecording): { startT: number; endT: number } {
  if (!rec.frames.length) return { startT: rec.header.startedAt, endT: rec.header.startedAt };
  let startT = Infinity;
  let endT = -Infinity;
  for (const f of rec.frames) {
    startT = Math.min(startT, f.t);
    endT = Math.max(endT, f.t);
  }
  return { startT, endT };
}
