/**
 * The one sampling loop: every interval it collects per-core load, machine memory and every live
 * unit's figures into one Snapshot and hands it to its listeners. All reads are asynchronous, so the
 * loop never blocks the event loop of the process that hosts it (the CLI, the server, Electron's main).
 */
import { EventEmitter } from 'node:events';
import { LIMITS } from '../../contract/limits.js';
import { type Snapshot } from '../../contract/snapshot.js';
import { chooseReaderKind, createReaders, type Readers } from './readers/choose.js';
import type { CoreLoadReader } from './readers/core-load.js';
import { readMachineMemory } from './readers/memory-reader.js';
import { SelfCost } from './readers/self-cost.js';
import type { UnitReader } from './readers/unit-reader.js';
import type { UnitRef } from './runs/unit-ref.js';

export interface SamplerOptions {
  intervalMs?: number;
  /** the readers to sample with (choose.ts); default: the platform's, or CORESCOPE_READERS */
  readers?: Readers;
}

export class Sampler extends EventEmitter<{ snapshot: [Snapshot]; error: [unknown] }> {
  private intervalMs: number;
  private readonly cores: CoreLoadReader;
  private readonly units: UnitReader;
  private readonly self = new SelfCost();
  private timer: NodeJS.Timeout | null = null;
  private inFlight: Promise<Snapshot> | null = null;
  private lastAt = Date.now();
  /** when the next sample is due: advanced by whole intervals, so a slow sample doesn't stretch the period */
  private dueAt = Date.now();
  private running = false;
  latest: Snapshot | null = null;

  constructor(
    private readonly liveUnits: () => UnitRef[],
    options: SamplerOptions = {},
  ) {
    super();
    this.intervalMs = options.intervalMs ?? LIMITS.intervalMs.default;
    const readers = options.readers ?? createReaders(chooseReaderKind());
    this.cores = readers.cores;
    this.units = readers.units;
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

  private schedule(): void {
    const now = Date.now();
    this.dueAt += this.intervalMs;
    if (this.dueAt < now) this.dueAt = now; // fell behind (a busy machine): skip, don't burst
    const wait = this.dueAt - now;
    this.timer = setTimeout(() => {
      this.sampleNow()
        .catch((e: unknown) => {
          // one failed sample must not end the loop; say so once per failure where someone listens
          if (this.listenerCount('error') > 0) this.emit('error', e);
        })
        .finally(() => {
          if (this.running) this.schedule();
        });
    }, wait);
    this.timer.unref();
  }

  private async collect(): Promise<Snapshot> {
    const refs = this.liveUnits();
    const [cores, memory, units] = await Promise.all([this.cores.read(), readMachineMemory(), this.units.read(refs)]);
    const t = Date.now();
    const snapshot: Snapshot = { t, intervalMs: Math.max(1, t - this.lastAt), cores, memory, units, self: this.self.read() };
    this.lastAt = t;
    this.latest = snapshot;
    this.emit('snapshot', snapshot);
    return snapshot;
  }
}
