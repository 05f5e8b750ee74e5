/**
 * The bytes of a `.corescope` file, written front to back so a recording cut short keeps everything
 * before the cut:
 *
 *   "CORESCOPE-RECORDING\n"                       magic (the format version is in the header)
 *   u32 n, gzip(header JSON) [n]                   the header
 *   chunk*: "CK" u32 n u32 frames f64 t0 f64 t1 u32 crc32(ndjson), gzip(NDJSON frames) [n]
 *   "IX" u32 n, index JSON [n], u32 offsetOfIX, "CSIX"    written on close: t → chunk offset
 *
 * All integers big-endian. A reader with the index can seek to the chunk holding a time without
 * inflating the others; without one (the writer died) it walks the chunk heads, which is still cheap.
 */
import { gunzipSync, gzipSync, strFromU8, strToU8 } from 'fflate';
import { crc32 } from './crc32.js';

const MAGIC = strToU8('CORESCOPE-RECORDING\n');
const CHUNK_TAG = [0x43, 0x4b]; // "CK"
const INDEX_TAG = [0x49, 0x58]; // "IX"
const END_TAG = strToU8('CSIX');
export const CHUNK_HEAD_BYTES = 2 + 4 + 4 + 8 + 8 + 4;
/** gzip level: 9 costs ~2× the CPU of 6 for a few % on this text; the writer runs inside the engine */
const LEVEL = 6;

/** One entry of the index: where a chunk starts and which times and frames it holds. */
export interface ChunkRef {
  offset: number;
  t0: number;
  t1: number;
  frames: number;
  /** the number of frames in all the chunks before it */
  firstFrame: number;
}

const concat = (parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

export function encodeHeader(header: object): Uint8Array {
  const body = gzipSync(strToU8(JSON.stringify(header)), { level: LEVEL, mtime: 0 });
  const len = new Uint8Array(4);
  new DataView(len.buffer).setUint32(0, body.length);
  return concat([MAGIC, len, body]);
}

/** A chunk of frames (each one JSON line) with its head. */
export function encodeChunk(lines: string[], t0: number, t1: number): Uint8Array {
  const text = strToU8(lines.join('\n') + '\n');
  const body = gzipSync(text, { level: LEVEL, mtime: 0 });
  const head = new Uint8Array(CHUNK_HEAD_BYTES);
  const v = new DataView(head.buffer);
  head.set(CHUNK_TAG, 0);
  v.setUint32(2, body.length);
  v.setUint32(6, lines.length);
  v.setFloat64(10, t0);
  v.setFloat64(18, t1);
  v.setUint32(26, crc32(text));
  return concat([head, body]);
}

export function encodeIndex(chunks: ChunkRef[], offset: number): Uint8Array {
  const body = strToU8(JSON.stringify(chunks));
  const head = new Uint8Array(6);
  head.set(INDEX_TAG, 0);
  new DataView(head.buffer).setUint32(2, body.length);
  const tail = new Uint8Array(4);
  new DataView(tail.buffer).setUint32(0, offset);
  return concat([head, body, tail, END_TAG]);
}

/** Something wrong with the bytes, said in one line by whoever catches it (naming the chunk or frame). */
export class Damage extends Error {
  override name = 'Damage';
}

const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);

/** The header, and the offset of the first chunk. Throws Damage when the file isn't a recording. */
export function readHeader(bytes: Uint8Array): { header: unknown; end: number } {
  if (bytes.length < MAGIC.length + 4 || MAGIC.some((b, i) => bytes[i] !== b)) throw new Damage('not a CoreScope recording (no CORESCOPE-RECORDING magic)');
  const n = view(bytes).getUint32(MAGIC.length);
  const start = MAGIC.length + 4;
  if (start + n > bytes.length) throw new Damage('the header is cut short');
  try {
    return { header: JSON.parse(strFromU8(gunzipSync(bytes.subarray(start, start + n)))), end: start + n };
  } catch {
    throw new Damage('the header is corrupt');
  }
}

/** The index written on close, or null when there is none (the writer never closed the file). */
export function readIndex(bytes: Uint8Array): ChunkRef[] | null {
  const n = bytes.length;
  if (n < 8 || END_TAG.some((b, i) => bytes[n - 4 + i] !== b)) return null;
  const at = view(bytes).getUint32(n - 8);
  if (at + 6 > n - 8 || bytes[at] !== INDEX_TAG[0] || bytes[at + 1] !== INDEX_TAG[1]) return null;
  const len = view(bytes).getUint32(at + 2);
  try {
    const index = JSON.parse(strFromU8(bytes.subarray(at + 6, at + 6 + len))) as unknown;
    return Array.isArray(index) ? (index as ChunkRef[]) : null;
  } catch {
    return null;
  }
}

export interface ChunkHead {
  offset: number;
  size: number;
  frames: number;
  t0: number;
  t1: number;
  crc: number;
}

/** The chunk head at offset, or null at the index (the end of the chunks). Throws Damage when cut or broken. */
export function chunkHeadAt(bytes: Uint8Array, offset: number): ChunkHead | null {
  if (offset >= bytes.length) return null;
  if (bytes[offset] === INDEX_TAG[0] && bytes[offset + 1] === INDEX_TAG[1]) return null;
  if (offset + CHUNK_HEAD_BYTES > bytes.length) throw new Damage('cut short inside its head');
  if (bytes[offset] !== CHUNK_TAG[0] || bytes[offset + 1] !== CHUNK_TAG[1]) throw new Damage('has no chunk mark where one should start');
  const v = view(bytes);
  const size = v.getUint32(offset + 2);
  if (offset + CHUNK_HEAD_BYTES + size > bytes.length) throw new Damage(`cut short (${bytes.length - offset - CHUNK_HEAD_BYTES} of ${size} bytes)`);
  return { offset, size, frames: v.getUint32(offset + 6), t0: v.getFloat64(offset + 10), t1: v.getFloat64(offset + 18), crc: v.getUint32(offset + 26) };
}

/** The JSON lines of one chunk, checked against its CRC. Throws Damage when they don't match. */
export function chunkLines(bytes: Uint8Array, head: ChunkHead): string[] {
  let text: Uint8Array;
  try {
    text = gunzipSync(bytes.subarray(head.offset + CHUNK_HEAD_BYTES, head.offset + CHUNK_HEAD_BYTES + head.size));
  } catch (e) {
    throw new Damage(`does not inflate (${e instanceof Error ? e.message : String(e)})`);
  }
  if (crc32(text) !== head.crc) throw new Damage('fails its CRC check');
  return strFromU8(text).split('\n').filter((l) => l.length > 0);
}
