/**
 * Per-core busy % since the previous read. The proc reader: a synchronous pread of /proc/stat through
 * a kept-open handle into a reused buffer, parsed without allocating (microseconds). The portable one:
 * systeminformation's currentLoad() (on macOS and Windows from os.cpus() times; on Linux it would
 * shell out synchronously on each call, see README, "What the sampler costs"). Chosen in choose.ts.
 */
import type { ReaderKind } from '../../../contract/domain.js';
import { parseProcStatInto } from '../../../lib/proc-bytes.js';
import { ProcFiles } from './proc-files.js';

const MAX_CORES = 1024;

export interface CoreLoadReader {
  readonly source: 'proc-stat' | 'systeminformation';
  read(): Promise<number[]>;
  /** the same, where it needs no waiting (the proc reader) */
  readNow?(): number[];
}

export class ProcStatCoreLoad implements CoreLoadReader {
  readonly source = 'proc-stat';
  private readonly files = new ProcFiles();
  /** cumulative jiffies, this read's and the previous one's (swapped, never reallocated) */
  private busy = new Float64Array(MAX_CORES);
  private total = new Float64Array(MAX_CORES);
  private prevBusy = new Float64Array(MAX_CORES);
  private prevTotal = new Float64Array(MAX_CORES);
  private havePrev = false;

  private readInto(): number {
    const n = this.files.read('/proc/stat');
    if (n <= 0) throw new Error('cannot read /proc/stat');
    return parseProcStatInto(this.files.buf, n, this.busy, this.total);
  }

  async read(): Promise<number[]> {
    return this.readNow();
  }

  readNow(): number[] {
    const cores = this.readInto();
    const pct = new Array<number>(cores);
    for (let i = 0; i < cores; i++) {
      const dt = this.total[i] - this.prevTotal[i];
      pct[i] = this.havePrev && dt > 0 ? Math.min(100, Math.max(0, ((this.busy[i] - this.prevBusy[i]) / dt) * 100)) : 0;
    }
    [this.prevBusy, this.busy] = [this.busy, this.prevBusy];
    [this.prevTotal, this.total] = [this.total, this.prevTotal];
    this.havePrev = true;
    return pct;
  }
}

class SystemInformationCoreLoad implements CoreLoadReader {
  readonly source = 'systeminformation';
  // loaded when these readers are made, not by every CLI start-up (the proc readers never need it)
  private readonly si = import('systeminformation');

  async read(): Promise<number[]> {
    const { default: si } = await this.si;
    const load = await si.currentLoad();
    return load.cpus.map((c) => c.load);
  }
}

export const createCoreLoadReader = (kind: ReaderKind): CoreLoadReader => (kind === 'proc' ? new ProcStatCoreLoad() : new SystemInformationCoreLoad());
