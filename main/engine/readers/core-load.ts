/**
 * Per-core busy % since the previous read. On Linux a direct asynchronous read of /proc/stat
 * (microseconds, never blocks the loop); elsewhere systeminformation's currentLoad(), which on Linux
 * would shell out synchronously on each call (see README, "What the sampler costs").
 */
import { readFile } from 'node:fs/promises';
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

export const createCoreLoadReader = (): CoreLoadReader =>
  process.platform === 'linux' ? new ProcStatCoreLoad() : new SystemInformationCoreLoad();
