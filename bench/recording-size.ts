/** How big a recording gets and what writing and reading it costs: 60 s at 16 cores, 10 Hz, 64 units (synthetic, through the real writer). */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeRecording } from '../lib/recording/decode.js';
import { toPerfetto } from '../lib/recording/perfetto.js';
import { writeSyntheticRecording, type SyntheticShape } from './synthetic-recording.js';

export interface RecordingSizeResult {
  shape: SyntheticShape;
  frames: number;
  bytes: number;
  /** JSON text of the same frames, uncompressed, for the ratio */
  rawBytes: number;
  writeMs: number;
  readMs: number;
  perfettoMs: number;
}

export async function benchRecordingSize(): Promise<RecordingSizeResult> {
  const shape = { cores: 16, hz: 10, seconds: 60, units: 64 };
  const dir = mkdtempSync(join(tmpdir(), 'corescope-bench-rec-'));
  try {
    let t = performance.now();
    const info = writeSyntheticRecording(join(dir, 'minute.corescope'), shape);
    const writeMs = performance.now() - t;
    const bytes = readFileSync(info.path);
    t = performance.now();
    const rec = decodeRecording(bytes);
    const readMs = performance.now() - t;
    t = performance.now();
    toPerfetto(rec);
    const perfettoMs = performance.now() - t;
    const rawBytes = rec.frames.reduce((n, f) => n + JSON.stringify(f).length + 1, 0);
    return { shape, frames: info.frames, bytes: info.bytes, rawBytes, writeMs, readMs, perfettoMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
