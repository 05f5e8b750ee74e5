/** Compare and memory-cost studies: their reports and the events that tell a client how one goes. */
import type { MemoryMeasure, Mode, Runtime } from './domain.js';
import type { RunSummary } from './run-events.js';

/** A figure measured over repeats: the median and the lowest and highest. */
export interface Spread {
  median: number;
  min: number;
  max: number;
}

/** 'no measurable gain': the speedup's min–max straddles 1, so the repeats can't tell it from no change. */
export type CompareVerdict = 'gain' | 'no measurable gain' | 'slower';

/** One mode: the RunSummary fields are its median N-unit leg's; the figures are over every repeat. */
export interface CompareResult extends RunSummary {
  /** how many rounds the figures are over (baseline and N units, interleaved with the other modes) */
  repeats: number;
  /** rounds run: more than repeats when other programs were busy during some, and the quietest were kept */
  roundsRun: number;
  /** cores other programs kept busy during the kept rounds (the busier leg of each round) */
  otherCores: Spread;
  /** the median baseline wall time */
  baselineWallMs: number;
  baselineWall: Spread;
  /** wallMs of every N-unit repeat */
  wall: Spread;
  /** the median of the repeats' speedups (each a baseline ÷ the N-unit leg that ran right after it) */
  speedup: number;
  speedupSpread: Spread;
  /** speedup / min(units, cores): 1 = every usable core fully used */
  efficiency: number;
  efficiencySpread: Spread;
  verdict: CompareVerdict;
}

/** One leg of a compare, as the cores saw it: busy % per core, ≤ LEG_HEAT_COLUMNS columns over the leg's time. */
export interface LegHeat {
  mode: Mode;
  units: number;
  startT: number;
  endT: number;
  /** columns[c][core]: mean busy % of that core over column c (columns of equal time) */
  columns: number[][];
}

export interface CompareReport {
  workload: 'cpu';
  units: number;
  work: number;
  /** rounds: every mode's baseline and N-unit leg, this many times */
  repeats: number;
  logicalCores: number;
  results: CompareResult[];
  /** every leg in the order it ran (set when run from the app) */
  legs?: LegHeat[];
}

export interface MemoryPoint {
  units: number;
  totalBytes: number;
}

export interface MemoryCostResult {
  mode: Mode;
  runtime: Runtime;
  measure: MemoryMeasure;
  /** async legs run this many tasks per step of N (ASYNC_TASKS_PER_STEP: N = 1, 2, 4 → 2,500, 5,000, 10,000 tasks) */
  unitsPerStep: number;
  points: MemoryPoint[];
  bytesPerUnit: number;
  baseBytes: number;
  r2: number;
}

export interface MemoryCostReport {
  measure: MemoryMeasure;
  units: number[];
  results: MemoryCostResult[];
}

export type StudyKind = 'compare' | 'memory';
export type StudyEvent =
  | { type: 'study-started'; studyId: string; kind: StudyKind; legs: number; t: number }
  /** a leg is starting: the index-th (from 0) of `legs` */
  | { type: 'study-leg'; studyId: string; kind: StudyKind; mode: Mode; units: number; index: number; legs: number; t: number }
  | { type: 'compare-ended'; studyId: string; kind: 'compare'; report: CompareReport; t: number }
  | { type: 'memory-ended'; studyId: string; kind: 'memory'; report: MemoryCostReport; t: number }
  | { type: 'study-failed'; studyId: string; kind: StudyKind; error: string; t: number };
