/** Whole-machine memory through systeminformation. "Used" is total − available: what programs really hold. */
import si from 'systeminformation';
import type { Snapshot } from '../../../contract/snapshot.js';

export async function readMachineMemory(): Promise<Snapshot['memory']> {
  const m = await si.mem();
  return { totalBytes: m.total, usedBytes: m.total - m.available, availableBytes: m.available };
}
