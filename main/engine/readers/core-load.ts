/**
 * Per-core busy % since the previous read. The proc reader: a direct asynchronous read of /proc/stat
 * (microseconds, never blocks the loop). The portable one: systeminformation's currentLoad() (on
 * macOS and Windows from os.cpus() times; on Linux it would shell out synchronously on each call, see
 * README, "What the sampler costs"). Chosen in choose.ts.
 */
import { readFile } from 'node:fs/promises';
import type { ReaderKind } from '../../../contract/domain.js';
import si from 'systeminformation';
import { busyPctBetween, parseProcStat, type CoreTimes } from '../../../lib/proc-parse.js';

export interface CoreLoadReader {
  readonly source: 'proc-stat' | 'systeminformation';
  read(): Promise<number[]>;
}

export class ProcStatCoreLoad implements CoreLoadReader {
  readonly source = 'proc-stat';
  private prev: CoreTimes[] | null = null;

  async readTimes(): Promise<CoreTimes[]> {
    return parseProcStat(await readFile('/proc/stat', 'utf8'));
  }

  async read(): Promise<number[]> {
    const next = await this.readTimes();
    const pct = this.prev ? busyPctBetween(this.prev, next) : next.map(() => 0);
    this.prev = next;
    return pct;
  }
}

class SystemInformationCoreLoad implements CoreLoadReader {
  readonly source = 'systeminformation';
  async read(): Promise<number[]> {
    const load = await si.currentLoad();
    return load.cpus.map((c) => c.load);
  }
}

export const createCoreLoadReader = (kind: ReaderKind): CoreLoadReader => (kind === 'proc' ? new ProcStatCoreLoad() : new SystemInformationCoreLoad());
