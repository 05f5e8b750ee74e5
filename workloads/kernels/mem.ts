/**
 * The mem kernel: allocate M MB, touch every page so the memory is really resident (an untouched
 * allocation costs nothing), then hold it for the duration.
 */
import { sleepUnlessAborted } from './abortable-sleep.js';

const PAGE = 4096;
const MB = 1024 * 1024;

/** Allocate and touch `mb` MB; returns the buffer that keeps it alive. */
export function allocateTouched(mb: number): Buffer {
  const buf = Buffer.allocUnsafe(Math.round(mb * MB));
  for (let i = 0; i < buf.length; i += PAGE) buf[i] = (i / PAGE) & 0xff;
  return buf;
}

export async function holdMemory(buf: Buffer, durationS: number, signal: AbortSignal): Promise<number> {
  await sleepUnlessAborted(durationS * 1000, signal);
  return buf.length;
}
