/**
 * The one sampling loop: every interval it collects per-core load, machine memory and every live
 * unit's figures into one Snapshot and hands it to its listeners. On Linux the reads are synchronous
 * preads of kept-open /proc files (microseconds each: a sample of 64 threads holds the loop well
 * under a millisecond, measured in `npm run bench`), which costs less than hopping through the thread
 * pool; so the loop stays on the main thread rather than in a worker, whose messages would cost more
 * than the reads. A snapshot carries per-run aggregates and a bounded list of units; unitsPage() answers
 * for the rest from the same latest readings.
 */
import { EventEmitter } from 'node:events';
import { LIMITS } from '../../contract/limits.js';
import type { UnitsPageParams } from '../../contract/schemas.js';
import type { Snapshot, UnitSample, UnitsPage } from '../../contract/snapshot.js';
import { chooseReaderKind, createReaders, type Readers } from './readers/choose.js';
import type { CoreLoadReader } from './readers/core-load.js';
import { readMachineMemory, readMachineMemoryNow } from './readers/memory-reader.js';
import { SelfCost } from './readers/self-cost.js';
import type { UnitReader, UnitReadings } from './readers/unit-reader.js';
import { aggregateRuns, aggregateSamples, listedUnits, unitsPage } from './snapshot-view.js';
import type { UnitRef } from './runs/unit-ref.js';

/** Units read by someone else at each sample: watched programs read their own trees (Watches). */
export interface MoreUnits {
  /** whether there is anything to read (asked every sample: cheap, and without reading) */
  readonly any: boolean;
  sample(intervalMs: number): Promise<readonly UnitSample[]>;
}

/** how late (a share of the interval) the schedule may run before the timer is set afresh to catch up */
const STEADY_SLACK = 0.1;

const NO_MORE_UNITS: MoreUnits = { any: false, sample: () => Promise.resolve([]) };

export interface SamplerOptions {
  intervalMs?: number;
  /** the readers to sample with (choose.ts); default: the platform's, or CORESCOPE_READERS */
  readers?: Readers;
  moreUnits?: MoreUnits;
}

export class Sampler extends EventEmitter<{ snapshot: [Snapshot]; error: [unknown] }> {
  private intervalMs: number;
  private readonly cores: CoreLoadReader;
  private readonly units: UnitReader;
  private readonly self = new SelfCost();
  private readonly moreUnits: MoreUnits;
  private timer: NodeJS.Timeout | null = null;
  /** the wait the timer was armed with */
  private timerMs = 0;
  private inFlight: Promise<Snapshot> | null = null;
  private lastAt = Date.now();
  /** when the next sample is due: advanced by whole intervals, so a slow sample doesn't stretch the period */
  private dueAt = Date.now();
  private running = false;
  latest: Snapshot | null = null;
  /** the latest sample's per-unit figures, for pages of units between samples */
  private readings: UnitReadings | null = null;
  /** epoch ms of the previous snapshot: units whose state began after it are listed as changed */
  private prevT = 0;

  constructor(
    private readonly liveUnits: () => UnitRef[],
    options: SamplerOptions = {},
  ) {
    super();
    this.intervalMs = options.intervalMs ?? LIMITS.intervalMs.default;
    const readers = options.readers ?? createReaders(chooseReaderKind());
    this.cores = readers.cores;
    this.units = readers.units;
    this.moreUnits = options.moreUnits ?? NO_MORE_UNITS;
  }

  get interval(): number {
    return this.intervalMs;
  }

  get coreSource(): CoreLoadReader['source'] {
    return this.cores.source;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.cores.read(); // sets the base for the first interval
    this.lastAt = Date.now();
    this.dueAt = this.lastAt;
    this.schedule();
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.units.close();
  }

  setIntervalMs(ms: number): void {
    this.intervalMs = ms;
    if (this.running) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null; // a cleared timer can't be re-armed
      this.dueAt = this.lastAt;
      this.schedule();
    }
  }

  /** Take a sample now (sharing one already in flight), e.g. to close a run's window exactly. */
  sampleNow(): Promise<Snapshot> {
    this.inFlight ??= this.collect().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  /** A page of every live unit as of the latest sample. */
  unitsPage(params: UnitsPageParams): UnitsPage {
    return unitsPage(this.readings, params);
  }

  private schedule(): void {
    const now = Date.now();
    this.dueAt += this.intervalMs;
    if (this.dueAt < now) this.dueAt = now; // fell behind (a busy machine): skip, don't burst
    const wait = this.dueAt - now;
    // Node keeps one list per timer duration, dropped when it empties, and a Timeout per arming: at
    // 10 Hz a fresh timer each sample with a wait that changes (99, 100, 98 ms) was ~a fifth of what
    // a sample cost the process (A/B, 4 + 4 processes). So the same timer is re-armed for the wait it
    // was set with whenever that lands the next sample on time or late by less than the slack (never
    // early); the slip that leaves (~1 ms a sample) is caught up by the first wait outside it.
    if (this.timer && this.timerMs >= wait && this.timerMs - wait <= this.intervalMs * STEADY_SLACK) {
      this.timer.refresh();
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timerMs = wait;
    this.timer = setTimeout(this.tick, wait);
    this.timer.unref();
  }

  private readonly tick = () => {
    if (this.sampledNow()) {
      if (this.running) this.schedule();
      return;
    }
    this.sampleNow()
      .catch((e: unknown) => this.failed(e))
      .finally(() => {
        if (this.running) this.schedule();
      });
  };

  // one failed sample must not end the loop; say so once per failure where someone listens
  private failed(e: unknown): void {
    if (this.listenerCount('error') > 0) this.emit('error', e);
  }

  /**
   * The machine alone on Linux (`corescope sample`, a dashboard between runs): every read is a pread,
   * so the sample is read and built in one go, with no promise in between — at 10 Hz the promise
   * machinery was about a tenth of what a sample cost the process. False when something must be
   * waited for (units, watched programs, the portable readers, a sample already in flight).
   */
  private sampledNow(): boolean {
    if (this.inFlight || this.moreUnits.any || !this.cores.readNow) return false;
    const readings = this.units.idleReading(this.liveUnits());
    if (!readings) return false;
    try {
      const memory = readMachineMemoryNow();
      if (!memory) return false;
      this.publish(this.cores.readNow(), memory, readings, []);
    } catch (e) {
      this.failed(e);
    }
    return true;
  }

  private async collect(): Promise<Snapshot> {
    const refs = this.liveUnits();
    const [cores, memory, readings, watched] = await Promise.all([
      this.cores.read(),
      readMachineMemory(),
      this.units.read(refs),
      this.moreUnits.any ? this.moreUnits.sample(this.intervalMs) : [],
    ]);
    return this.publish(cores, memory, readings, watched);
  }

  private publish(cores: number[], memory: Snapshot['memory'], readings: UnitReadings, watched: readonly UnitSample[]): Snapshot {
    const t = Date.now();
    const self = { ...this.self.read(), hostsCpuPct: hostsOverheadPct(readings) };
    // a watched program's threads (at most the watch's own cap) are listed whole, beside our runs' bounded list
    const runs = watched.length ? [...aggregateRuns(readings), ...aggregateSamples(watched)] : aggregateRuns(readings);
    const units = watched.length ? [...listedUnits(readings, this.prevT), ...watched] : listedUnits(readings, this.prevT);
    const snapshot: Snapshot = { t, intervalMs: Math.max(1, t - this.lastAt), cores, memory, runs, units, self };
    this.readings = readings;
    this.prevT = t;
    this.lastAt = t;
    this.latest = snapshot;
    this.emit('snapshot', snapshot);
    return snapshot;
  }
}

/**
 * What CoreScope spends inside the hosts it started: each host's CPU less what its units' own work
 * used (thread units: their threads; async tasks: their slices). A process unit is its own host, and
 * its instrumentation can't be told from its work, so it counts here only above what its unit shows —
 * nothing; the bench measures that part against plain Node instead (README, "The observer effect").
 */
function hostsOverheadPct(r: UnitReadings): number {
  let over = 0;
  for (const [pid, cpu] of r.hostCpuPct) over += Math.max(0, cpu - (r.unitsCpuPctByHost.get(pid) ?? 0));
  return over;
}
