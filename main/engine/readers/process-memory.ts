/**
 * One process's memory in the measure asked for: PSS or USS from /proc/<pid>/smaps_rollup with the
 * proc readers, RSS (pidusage) with either. Null when the process is gone or the measure can't be read.
 */
import { readFile } from 'node:fs/promises';
import type { MemoryMeasure, ReaderKind } from '../../../contract/domain.js';
import { parseSmapsRollup } from '../../../lib/proc-parse.js';

export class ProcessMemoryReader {
  constructor(private readonly kind: ReaderKind) {}

  async read(pid: number, measure: MemoryMeasure): Promise<number | null> {
    if (this.kind === 'proc') {
      try {
        return parseSmapsRollup(await readFile(`/proc/${pid}/smaps_rollup`, 'utf8'))[measure];
      } catch {
        return null;
      }
    }
    if (measure !== 'rss') return null;
    try {
      const { default: pidusage } = await import('pidusage'); // the portable readers' only
      return (await pidusage(pid)).memory;
    } catch {
      return null;
    }
  }
}
