/**
 * Whole-machine memory. "Used" is total − available: what programs really hold. On Linux straight
 * from /proc/meminfo through a kept-open handle (si.mem() opens and reads it three times per call);
 * systeminformation elsewhere.
 */
import type { Snapshot } from '../../../contract/snapshot.js';
import { asciiKey, kbFieldBytes } from '../../../lib/proc-bytes.js';
import { ProcFiles } from './proc-files.js';
import { onLinux } from '../platform.js';

const MEM_TOTAL = asciiKey('MemTotal:');
const MEM_AVAILABLE = asciiKey('MemAvailable:');
const meminfo = onLinux ? new ProcFiles() : null;

function readMeminfo(files: ProcFiles): Snapshot['memory'] | null {
  const n = files.read('/proc/meminfo');
  if (n <= 0) return null;
  const total = kbFieldBytes(files.buf, n, MEM_TOTAL);
  const available = kbFieldBytes(files.buf, n, MEM_AVAILABLE);
  if (total < 0 || available < 0) return null;
  return { totalBytes: total, usedBytes: total - available, availableBytes: available };
}

/** Machine memory where it needs no waiting (Linux, /proc/meminfo), else null. */
export const readMachineMemoryNow = (): Snapshot['memory'] | null => meminfo && readMeminfo(meminfo);

export async function readMachineMemory(): Promise<Snapshot['memory']> {
  const direct = readMachineMemoryNow();
  if (direct) return direct;
  // loaded only where it is used: the CLI's start-up shouldn't pay for it on Linux
  const { default: si } = await import('systeminformation');
  const m = await si.mem();
  return { totalBytes: m.total, usedBytes: m.total - m.available, availableBytes: m.available };
}
