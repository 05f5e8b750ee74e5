/** `.corescope` recordings: written by the real writer, read back, cut short, corrupted, and grown by newer writers. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync, strToU8 } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { writeSyntheticRecording, syntheticHeader } from '../../bench/synthetic-recording.js';
import { encodeChunk, encodeHeader, encodeIndex } from '../../lib/recording/container.js';
import { decodeRecording, timeSpan } from '../../lib/recording/decode.js';
import { recordingToCsv } from '../../lib/recording/csv.js';

const dir = mkdtempSync(join(tmpdir(), 'corescope-rec-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SHAPE = { cores: 4, hz: 10, seconds: 20, units: 8 };
const file = join(dir, 'small.corescope');
const info = writeSyntheticRecording(file, SHAPE);
const bytes = new Uint8Array(readFileSync(file));

describe('a recording', () => {
  it('reads back every frame the writer took, with the header and an index', () => {
    const rec = decodeRecording(bytes);
    expect(rec.damage).toBeNull();
    expect(rec.indexed).toBe(true);
    expect(rec.frames).toHaveLength(info.frames);
    expect(rec.frames.filter((f) => f.stream === 'snapshot')).toHaveLength(SHAPE.seconds * SHAPE.hz);
    expect(rec.header.system.logicalCores).toBe(4);
    expect(rec.chunks.length).toBeGreaterThan(2); // 20 s in chunks of ≤ 5 s
    expect(timeSpan(rec).endT - timeSpan(rec).startT).toBe(SHAPE.seconds * 1000);
    const snap = rec.frames.find((f) => f.stream === 'snapshot')!;
    if (snap.stream !== 'snapshot') throw new Error('not a snapshot');
    expect(snap.data.units).toHaveLength(8);
    for (const v of snap.data.cores) expect(Math.round(v * 10) / 10).toBe(v); // a tenth of a percent, as written
  });

  it('is at most 1 MB for 60 s at 16 cores, 10 Hz, 64 units', () => {
    const big = writeSyntheticRecording(join(dir, 'minute.corescope'), { cores: 16, hz: 10, seconds: 60, units: 64 });
    expect(big.bytes).toBeLessThanOrEqual(1024 * 1024);
    const rec = decodeRecording(readFileSync(big.path));
    expect(rec.frames.filter((f) => f.stream === 'snapshot')).toHaveLength(600);
  });

  it('cut short inside a chunk: one line naming that chunk, and the frames of the chunks before it', () => {
    const rec = decodeRecording(bytes);
    const third = rec.chunks[2];
    const cut = decodeRecording(bytes.subarray(0, third.offset + 40));
    expect(cut.damage).toMatch(/^chunk 3 \(from frame \d+\) cut short .*; the \d+ frames before it replay$/);
    expect(cut.damage).not.toContain('\n');
    expect(cut.frames).toEqual(rec.frames.slice(0, third.firstFrame));
    expect(cut.indexed).toBe(false);
  });

  it('a flipped byte inside a chunk is caught (CRC), and the chunks before it replay', () => {
    const rec = decodeRecording(bytes);
    const second = rec.chunks[1];
    const bad = bytes.slice();
    bad[second.offset + 30 + 200] ^= 0x5a;
    const hurt = decodeRecording(bad);
    expect(hurt.damage).toMatch(/^chunk 2 \(from frame \d+\) (fails its CRC check|does not inflate)/);
    expect(hurt.frames).toHaveLength(second.firstFrame);
  });

  it('a file the writer never closed (no index) still replays, and says so', () => {
    const rec = decodeRecording(bytes);
    const last = rec.chunks.at(-1)!;
    const open = decodeRecording(bytes.subarray(0, last.offset));
    expect(open.damage).toMatch(/^no index at the end/);
    expect(open.frames).toHaveLength(last.firstFrame);
  });

  it('ignores fields and streams it does not know; refuses a newer format and what is no recording', () => {
    const header = { ...syntheticHeader(SHAPE, 1000, 100), lens: 'wide' };
    const lines = [
      JSON.stringify({ t: 1100, stream: 'snapshot', data: { t: 1100, intervalMs: 100, cores: [10, 20], memory: { totalBytes: 1, usedBytes: 1, availableBytes: 0 }, units: [], self: { cpuPct: 0, bytes: 0 }, gpu: [1] }, extra: true }),
      JSON.stringify({ t: 1150, stream: 'gpuSample', data: { util: 3 } }),
    ];
    const head = encodeHeader(header);
    const chunk = encodeChunk(lines, 1100, 1150);
    const future = decodeRecording(new Uint8Array([...head, ...chunk, ...encodeIndex([], head.length + chunk.length)]));
    expect(future.damage).toBeNull();
    expect(future.frames).toHaveLength(1);
    expect(future.frames[0].stream).toBe('snapshot');

    const newer = encodeHeader({ ...header, formatVersion: 99 });
    expect(() => decodeRecording(newer)).toThrow(/recording format 99 is newer than this CoreScope reads \(1\)/);
    expect(() => decodeRecording(strToU8('{"hello":1}'))).toThrow(/not a CoreScope recording/);
    expect(() => decodeRecording(gzipSync(strToU8('x')))).toThrow(/not a CoreScope recording/);
  });

  it('exports CSV with one row per sample per core', () => {
    const csv = recordingToCsv(decodeRecording(bytes)).trim().split('\n');
    expect(csv[0]).toBe('time_s,core,busy_pct,memory_used_bytes,units_sampled');
    expect(csv).toHaveLength(1 + SHAPE.seconds * SHAPE.hz * SHAPE.cores);
    expect(csv[1]).toMatch(/^0\.100,0,\d+(\.\d)?,\d+,8$/);
  });

  it('is the same bytes for the same session (no hidden state in the writer)', () => {
    const again = join(dir, 'again.corescope');
    writeSyntheticRecording(again, SHAPE);
    expect(Buffer.compare(readFileSync(again), Buffer.from(bytes))).toBe(0);
  });
});
