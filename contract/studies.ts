/** Compare and memory-cost studies: their reports and the events that tell a client how one goes. */
import type { MemoryMeasure, Mode, Runtime } from './domain.js';
import type { RunSummary } from './run-events.js';

export interface CompareResult extends RunSummary {
  baselineWallMs: number;
  speedup: number;
  /** speedup / min(units, cores): 1 = every usable core fully used */
  efficiency: number;
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
  /** async legs run this many tasks per step of N (N = 1, 2, 4 → 500, 1000, 2000 tasks) */
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
