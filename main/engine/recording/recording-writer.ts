/**
 * Writes a `.corescope` recording as the streams flow: frames gather in memory up to a chunk (a few
 * seconds, bounded in frames and bytes), then go to disk compressed, so a recording that is cut short
 * (crash, kill -9) keeps every chunk written before. close() adds the index that lets readers seek.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { encodeChunk, encodeHeader, encodeIndex, type ChunkRef } from '../../../lib/recording/container.js';
import type { StreamName, Streams } from '../../../contract/methods.js';
import type { RecordedFrame, RecordingHeader, RecordingInfo } from '../../../contract/recording.js';
import type { Snapshot } from '../../../contract/snapshot.js';

/** A chunk closes at whichever comes first; 5 s keeps what a crash can lose small, and still compresses ~10×. */
const CHUNK_MAX_MS = 5_000;
const CHUNK_MAX_FRAMES = 100;
const CHUNK_MAX_TEXT = 512 * 1024;

/** Anything with the engine's streams: the engine itself, or a synthetic source in the size test. */
export interface StreamSource {
  subscribe<S extends StreamName>(stream: S, cb: (value: Streams[S]) => void): () => void;
}

const tenth = (v: number) => Math.round(v * 10) / 10;
/** Busy % to a tenth of a percent (what every view shows, and a sampler can't resolve finer): ~30% smaller files. */
const compactSnapshot = (s: Snapshot): Snapshot => ({
  ...s,
  cores: s.cores.map(tenth),
  units: s.units.map((u) => ({ ...u, cpuPct: tenth(u.cpuPct) })),
  self: { ...s.self, cpuPct: tenth(s.self.cpuPct) },
});

class RecordingWriter {
  private readonly fd: number;
  private offset = 0;
  private lines: string[] = [];
  private text = 0;
  private t0 = Infinity;
  private t1 = -Infinity;
  private readonly chunks: ChunkRef[] = [];
  private frames = 0;
  private endedAt: number | null = null;

  constructor(
    readonly path: string,
    private readonly header: RecordingHeader,
  ) {
    this.fd = openSync(path, 'w');
    this.write(encodeHeader(header));
  }

  add(frame: RecordedFrame): void {
    if (this.endedAt !== null) return;
    const data = frame.stream === 'snapshot' ? compactSnapshot(frame.data) : frame.data;
    const line = JSON.stringify({ t: frame.t, stream: frame.stream, data });
    this.lines.push(line);
    this.text += line.length + 1;
    this.t0 = Math.min(this.t0, frame.t);
    this.t1 = Math.max(this.t1, frame.t);
    this.frames++;
    if (this.lines.length >= CHUNK_MAX_FRAMES || this.text >= CHUNK_MAX_TEXT || this.t1 - this.t0 >= CHUNK_MAX_MS) this.flush();
  }

  info(): RecordingInfo {
    return { path: this.path, frames: this.frames, bytes: this.offset, startedAt: this.header.startedAt, endedAt: this.endedAt };
  }

  /** Writes what is buffered and the index, and closes the file. Safe to call twice. */
  close(now = Date.now()): RecordingInfo {
    if (this.endedAt === null) {
      try {
        this.flush();
        this.write(encodeIndex(this.chunks, this.offset));
      } finally {
        closeSync(this.fd);
        this.endedAt = now;
      }
    }
    return this.info();
  }

  private flush(): void {
    if (!this.lines.length) return;
    const firstFrame = this.chunks.reduce((n, c) => n + c.frames, 0);
    this.chunks.push({ offset: this.offset, t0: this.t0, t1: this.t1, frames: this.lines.length, firstFrame });
    this.write(encodeChunk(this.lines, this.t0, this.t1));
    this.lines = [];
    this.text = 0;
    this.t0 = Infinity;
    this.t1 = -Infinity;
  }

  private write(bytes: Uint8Array): void {
    let done = 0;
    while (done < bytes.length) done += writeSync(this.fd, bytes, done, bytes.length - done);
    this.offset += bytes.length;
  }
}

export interface ActiveRecording {
  info(): RecordingInfo;
  /** stops listening and closes the file; throws when a write had failed (disk full…), naming why */
  stop(): RecordingInfo;
}

/** Records every stream of the source into a new file at path until stop(). */
export function recordStreams(source: StreamSource, path: string, header: RecordingHeader): ActiveRecording {
  const writer = new RecordingWriter(path, header);
  let failure: Error | null = null;
  const offs: Array<() => void> = [];
  const stopListening = () => offs.splice(0).forEach((off) => off());
  const take =
    <S extends StreamName>(stream: S) =>
    (data: Streams[S]) => {
      if (failure) return;
      try {
        writer.add({ t: (data as { t: number }).t, stream, data } as RecordedFrame);
      } catch (e) {
        // a failed write must not break the engine's stream: the recording stops, stop() says why
        failure = e instanceof Error ? e : new Error(String(e));
        stopListening();
      }
    };
  offs.push(source.subscribe('snapshot', take('snapshot')), source.subscribe('runEvent', take('runEvent')));
  offs.push(source.subscribe('studyEvent', take('studyEvent')), source.subscribe('notice', take('notice')));
  return {
    info: () => writer.info(),
    stop: () => {
      stopListening();
      const info = writer.close();
      if (failure) throw new Error(`recording to ${path} failed: ${failure.message}`);
      return info;
    },
  };
}
