/**
 * Studies: a compare or a memory-cost measurement started from the app. One at a time (their legs must
 * not compete for cores or memory), each leg an ordinary run (so the core grid and lanes show it live),
 * progress and the result as StudyEvents. For a compare, each leg's per-core load is kept as a heat
 * record of ≤ HEAT_COLUMNS columns, so the view can draw every leg side by side afterwards.
 */
import { EventEmitter } from 'node:events';
import {
  COMPARE_REPEAT,
  CompareSpecSchema,
  HEAT_COLUMNS,
  MODES,
  MemoryCostSpecSchema,
  describeInvalid,
  type LegHeat,
  type MemoryMeasure,
  type Mode,
  type Snapshot,
  type StudyEvent,
  type StudyKind,
} from '../../preload/api.js';
import { compareModes } from './compare.js';
import type { Engine } from './engine.js';
import { InvalidInput } from './errors.js';
import { measureMemoryCost } from './memory-cost.js';
import { MEMORY_MEASURES } from './process-memory.js';
import { parseRunSpec } from './runs.js';

/** Mean busy % per core over ≤ `columns` equal stretches of [startT, endT]. */
export function downsampleHeat(samples: ReadonlyArray<{ t: number; cores: number[] }>, startT: number, endT: number, columns = HEAT_COLUMNS): number[][] {
  if (samples.length === 0) return [];
  const n = Math.max(1, Math.min(columns, samples.length));
  const span = Math.max(1, endT - startT);
  const cores = samples[0].cores.length;
  const sums = Array.from({ length: n }, () => new Array<number>(cores).fill(0));
  const counts = new Array<number>(n).fill(0);
  for (const s of samples) {
    const c = Math.min(n - 1, Math.max(0, Math.floor(((s.t - startT) / span) * n)));
    s.cores.forEach((v, i) => (sums[c][i] += v));
    counts[c]++;
  }
  // an empty column (samples rarer than columns in a stretch) repeats the one before it
  const out: number[][] = [];
  for (let c = 0; c < n; c++) out.push(counts[c] ? sums[c].map((v) => Math.round((v / counts[c]) * 10) / 10) : (out[c - 1] ?? sums[c]));
  return out;
}

/** Records the engine's per-core samples between start() and stop(). */
class HeatRecorder {
  private samples: Array<{ t: number; cores: number[] }> = [];
  private current: { mode: Mode; units: number; startT: number } | null = null;
  readonly legs: LegHeat[] = [];
  private readonly onSnapshot = (s: Snapshot) => {
    if (this.current) this.samples.push({ t: s.t, cores: s.cores });
  };
  constructor(private readonly engine: Engine) {
    engine.on('snapshot', this.onSnapshot);
  }
  begin(mode: Mode, units: number): void {
    this.end();
    this.current = { mode, units, startT: Date.now() };
  }
  end(): void {
    if (!this.current) return;
    const endT = Date.now();
    this.legs.push({ ...this.current, endT, columns: downsampleHeat(this.samples, this.current.startT, endT) });
    this.current = null;
    this.samples = [];
  }
  close(): void {
    this.end();
    this.engine.off('snapshot', this.onSnapshot);
  }
}

export class Studies extends EventEmitter<{ 'study-event': [StudyEvent] }> {
  private nextId = 1;
  private running: { id: string; kind: StudyKind } | null = null;
  /** per kind, the latest event of its latest study: what a page opened later is told first */
  private readonly latest = new Map<StudyKind, StudyEvent[]>();

  constructor(private readonly engine: Engine) {
    super();
  }

  replay(): StudyEvent[] {
    return [...this.latest.values()].flat();
  }

  runCompare(params: unknown): { studyId: string } {
    const parsed = CompareSpecSchema.safeParse(params);
    if (!parsed.success) throw new InvalidInput(describeInvalid(parsed.error));
    // the N-unit legs are validated exactly as `run` would be (e.g. a runtime not available here)
    const { repeat = COMPARE_REPEAT.default, ...legSpec } = parsed.data;
    const spec = parseRunSpec({ mode: 'process', workload: 'cpu', ...legSpec });
    const busy = this.engine.runs.active().length;
    if (busy > 0 && !this.running)
      throw new InvalidInput(`stop the ${busy} run${busy > 1 ? 's' : ''} going first: a compare times its legs, and other runs would take their cores`);
    const id = this.claim('compare');
    const legs = MODES.length * 2 * repeat;
    const heat = new HeatRecorder(this.engine);
    let index = 0;
    this.track(id, 'compare', legs, async () => {
      try {
        const report = await compareModes(this.engine, { units: spec.units, work: spec.work, runtime: spec.runtime, repeat }, (leg) => {
          heat.begin(leg.mode, leg.units);
          // a busy machine adds rounds (compare.ts): the count grows with them
          this.send({ type: 'study-leg', studyId: id, kind: 'compare', mode: leg.mode, units: leg.units, index, legs: Math.max(legs, index + 1), t: Date.now() });
          index++;
        });
        heat.end();
        return { type: 'compare-ended', studyId: id, kind: 'compare', report: { ...report, legs: heat.legs }, t: Date.now() };
      } finally {
        heat.close();
      }
    });
    return { studyId: id };
  }

  runMemoryCost(params: unknown): { studyId: string } {
    const parsed = MemoryCostSpecSchema.safeParse(params);
    if (!parsed.success) throw new InvalidInput(describeInvalid(parsed.error));
    const measure: MemoryMeasure = parsed.data.measure ?? MEMORY_MEASURES[0];
    if (!MEMORY_MEASURES.includes(measure)) throw new InvalidInput(`measure must be one of ${MEMORY_MEASURES.join(', ')} on this platform`);
    const units = [...new Set(parsed.data.units)].sort((a, b) => a - b);
    const runtime = parsed.data.runtime ?? 'node';
    this.engine.requireRuntime(runtime);
    const id = this.claim('memory');
    const legs = MODES.length * units.length;
    let index = 0;
    this.track(id, 'memory', legs, async () => {
      const report = await measureMemoryCost(
        this.engine,
        units,
        measure,
        (leg) => this.send({ type: 'study-leg', studyId: id, kind: 'memory', mode: leg.mode, units: leg.units, index: index++, legs, t: Date.now() }),
        runtime,
      );
      return { type: 'memory-ended', studyId: id, kind: 'memory', report, t: Date.now() };
    });
    return { studyId: id };
  }

  private claim(kind: StudyKind): string {
    if (this.running)
      throw new InvalidInput(`a ${this.running.kind} study (${this.running.id}) is already running: wait for it to end, studies run one at a time`);
    const id = `s${this.nextId++}`;
    this.running = { id, kind };
    return id;
  }

  /** Runs the study; it is no longer running when its last event (ended or failed) goes out. */
  private track(id: string, kind: StudyKind, legs: number, body: () => Promise<StudyEvent>): void {
    this.latest.delete(kind);
    this.send({ type: 'study-started', studyId: id, kind, legs, t: Date.now() });
    void body()
      .catch((e: unknown): StudyEvent => ({ type: 'study-failed', studyId: id, kind, error: e instanceof Error ? e.message : String(e), t: Date.now() }))
      .then((last) => {
        this.running = null;
        this.send(last);
      });
  }

  private send(e: StudyEvent): void {
    // keep the start, and the latest leg or the end, of each kind's latest study
    const kept = this.latest.get(e.kind) ?? [];
    this.latest.set(e.kind, e.type === 'study-started' ? [e] : [kept[0], e].filter((x): x is StudyEvent => x !== undefined));
    this.emit('study-event', e);
  }
}
