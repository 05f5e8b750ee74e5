/**
 * The words every layer shares: how units run, in which runtime, doing what, and the states they pass
 * through. The other contract files, the engine, the hosts and the views all take their lists from here.
 */
export const MODES = ['process', 'thread', 'async'] as const;
export const RUNTIMES = ['node', 'python'] as const;
export const WORKLOADS = ['cpu', 'io-sleep', 'mem'] as const;
export const UNIT_STATES = [
  // a scenario's unit whose leg has not begun (gil's processes while its threads run): not started yet
  'queued',
  'starting',
  'running',
  'waiting(lock)',
  'waiting(semaphore)',
  'waiting(io)',
  'done',
  'cancelled',
  'failed',
  'killed',
] as const;

export type Mode = (typeof MODES)[number];
export type Runtime = (typeof RUNTIMES)[number];
export type Workload = (typeof WORKLOADS)[number];
export type UnitState = (typeof UNIT_STATES)[number];
export type MemoryMeasure = 'uss' | 'pss' | 'rss';

export const FINAL_STATES: readonly UnitState[] = ['done', 'cancelled', 'failed', 'killed'];

const NOT_A_PERMIT: readonly string[] = ['waiting(semaphore)', 'queued', 'starting', ...FINAL_STATES];
/**
 * Whether a unit's state after a 'waiting(semaphore)' means it got the permit: 'running', or the
 * 'waiting(io)' of a job whose work is a sleep. An end means it never did (stopped while it waited).
 */
export const gotPermit = (state: string): boolean => !NOT_A_PERMIT.includes(state);
export const MEMORY_MEASURES_ALL = ['pss', 'uss', 'rss'] as const satisfies readonly MemoryMeasure[];

/**
 * Which readers the engine samples with: 'proc' reads Linux's /proc directly, 'portable' only what
 * systeminformation and pidusage give on every platform (the path macOS and Windows take). The engine
 * hands its choice to the hosts it starts in READERS_ENV, which also overrides the choice by platform.
 */
export const READER_KINDS = ['proc', 'portable'] as const;
export type ReaderKind = (typeof READER_KINDS)[number];
export const READERS_ENV = 'CORESCOPE_READERS';

export const SCENARIOS = ['race', 'lock', 'deadlock', 'semaphore', 'gather', 'first-completed', 'event-loop-block', 'gil'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

/** The optional knobs of a scenario spec, by their API names (each scenario takes some of them). */
export type ScenarioFlag = 'variant' | 'limit' | 'jobs' | 'jobSeconds' | 'tasks' | 'sleepS' | 'workload';

/**
 * A watched program's threads as the kernel tells them (/proc/<pid>/task/<tid>/stat field 3): running,
 * sleeping, disk wait, stopped, zombie. Other letters are read as the nearest of these.
 */
export const OS_STATES = ['R', 'S', 'D', 'T', 'Z'] as const;
export type OsState = (typeof OS_STATES)[number];
