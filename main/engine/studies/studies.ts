/**
 * Studies: a compare or a memory-cost measurement started from the app. One at a time (their legs must
 * not compete for cores or memory), each leg an ordinary run (so the core grid and lanes show it live),
 * progress and the result as StudyEvents. For a compare, each leg's per-core load is kept as a heat
 * record of ≤ LEG_HEAT_COLUMNS columns, so the view can draw every leg side by side afterwards.
 */
import { EventEmitter } from 'node:events';
import { MODES } from '../../../contract/domain.js';
import { COMPARE_REPEAT } from '../../../contract/limits.js';
import { InvalidInput } from '../../../contract/refusal.js';
import type { CompareSpecInput, MemoryCostSpecInput } from '../../../contract/schemas.js';
import type { StudyEvent, StudyKind } from '../../../contract/studies.js';
import type { Engine } from '../engine.js';
import { compareModes } from './compare.js';
import { HeatRecorder } from './leg-heat.js';
import { measureMemoryCost } from './memory-cost.js';
import { parseCompareStudy, parseMemoryStudy } from './study-specs.js';

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

  /** busy: how many runs are going (a compare times its legs: it needs the cores to itself) */
  runCompare(input: CompareSpecInput, busy: number): { studyId: string } {
    const spec = parseCompareStudy(input);
    if (busy > 0 && !this.running)
      throw new InvalidInput(`stop the ${busy} run${busy > 1 ? 's' : ''} going first: a compare times its legs, and other runs would take their cores`);
    const id = this.claim('compare');
    const legs = MODES.length * 2 * (spec.repeat ?? COMPARE_REPEAT.default);
    const heat = new HeatRecorder(this.engine);
    let index = 0;
    this.track(id, 'compare', legs, async () => {
      try {
        const report = await compareModes(this.engine, spec, (leg) => {
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

  runMemoryCost(input: MemoryCostSpecInput): { studyId: string } {
    const { units, measure, runtime } = parseMemoryStudy(input, this.engine.readers.info.memoryMeasures);
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
