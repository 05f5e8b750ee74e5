/**
 * The numbers every boundary enforces (the CLI, the socket, IPC and the engine parse with schemas built
 * from these; the forms show them). Async runs allow more units than processes or threads: the
 * article's gather needs 10,000 tasks, and 100,000 idle tasks still cost the sampler one host read
 * (snapshots carry per-run aggregates and a bounded list, not every task).
 */
import type { Mode } from './domain.js';

export const LIMITS = {
  units: { min: 1, max: 256 },
  asyncUnits: { min: 1, max: 100_000 },
  durationS: { min: 0.1, max: 3600, default: 5 },
  work: { min: 1, max: 100_000 },
  mb: { min: 0, max: 4096, default: 64 },
  intervalMs: { min: 50, max: 5000, default: 500 },
  concurrentRuns: 8,
} as const;

export const unitLimitFor = (mode: Mode) => (mode === 'async' ? LIMITS.asyncUnits : LIMITS.units);

/** Scenario limits: tasks are further bounded by the mode's unit limit (unitLimitFor). */
export const SCENARIO_LIMITS = {
  limit: { min: 1, max: 256 },
  jobs: { min: 1, max: 256 },
  jobSeconds: { min: 0.1, max: 60 },
  tasks: { min: 1, max: LIMITS.asyncUnits.max },
  sleepS: { min: 0.1, max: 60 },
} as const;

/**
 * Async legs of a memory study run this many tasks per step of N: one task costs less than a page
 * (~0.7 KB), and V8 grows its heap in steps of megabytes, so at 500 per step (N = 1…8: 500…4,000 tasks)
 * one heap step outweighed all the tasks and the line's R² fell to 0.45–0.63.
 */
export const ASYNC_TASKS_PER_STEP = 2500;
export const MEMORY_STUDY_LIMITS = {
  counts: { min: 2, max: 8 },
  /** 40: the async leg's largest step is then 100,000 tasks, the async limit */
  units: { min: 1, max: 40 },
} as const;

/** How many times a compare runs each leg: a speed measured once can't tell its wobble from a gain. */
export const COMPARE_REPEAT = { min: 1, max: 10, default: 3 } as const;

/** A compare leg's per-core heat is kept as at most this many columns of equal time. */
export const LEG_HEAT_COLUMNS = 120;

/**
 * What the desktop shell writes for the page (Save PNG, Save report): the page makes the file, the
 * shell only asks where and writes it — at most this big. A 2× PNG of the whole compare view is ~1–3 MB.
 */
export const SAVE_LIMITS = { pngBytes: 32 * 1024 * 1024, reportChars: 16 * 1024 * 1024 } as const;
