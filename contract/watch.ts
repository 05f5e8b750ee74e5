/**
 * Watching any program: what a client may ask (attach to a pid, start a command, list processes),
 * the list it gets back, and the summary of a watched tree (the JSON of `corescope watch --json`).
 */
import { z } from 'zod';

export const WATCH_LIMITS = {
  /** threads read per watch; beyond it the busiest processes keep theirs and a note says so */
  threads: 4096,
  /** rows listProcesses answers with */
  processRows: 200,
  argv: { maxArgs: 256, maxChars: 32_768 },
} as const;

const pidNumber = z
  .number({ error: 'pid must be a whole number' })
  .int({ error: 'pid must be a whole number' })
  .refine((n) => n >= 1 && n <= 4_194_304, { message: 'pid must be between 1 and 4194304' });

export const WatchPidSchema = z.object({ pid: pidNumber }).strict();

/** A command as its argument vector (no shell): the first one is the program, found on PATH. */
export const WatchCommandSchema = z
  .object({
    argv: z
      .array(z.string({ error: 'each argument must be text' }), { error: 'argv must be a list of arguments' })
      .min(1, { message: 'give a command to watch, e.g. python3 train.py' })
      .max(WATCH_LIMITS.argv.maxArgs, { message: `at most ${WATCH_LIMITS.argv.maxArgs} arguments` })
      .refine((a) => a.length === 0 || a[0].trim() !== '', { message: 'the command is empty' }) // [] is min(1)'s to refuse, not a crash
      .refine((a) => a.join(' ').length <= WATCH_LIMITS.argv.maxChars, { message: 'the command line is too long' })
      .refine((a) => a.every((x) => !x.includes('\0')), { message: 'arguments may not hold NUL characters' }),
  })
  .strict();

export const ProcessQuerySchema = z
  .object({ query: z.string({ error: 'query must be text' }).max(200, { message: 'query is too long' }).optional() })
  .strict()
  .optional();

/** One row of the process picker. cpuPct: % of one core over the last interval. */
export interface ProcessInfo {
  pid: number;
  ppid: number;
  name: string;
  user: string;
  cmdline: string;
  cpuPct: number;
}

/** What a run-started event says of a watch: what is watched, and whether CoreScope started it. */
export interface WatchInfo {
  command: string;
  rootPid: number;
  /** true: attached to a running process (stopping detaches); false: CoreScope started it (stopping ends its tree) */
  attached: boolean;
}

interface WatchedThread {
  tid: number;
  name: string;
  cpuMs: number;
  coresSeen: number[];
}

export interface WatchedProcess {
  pid: number;
  ppid: number;
  name: string;
  cmdline: string;
  /** ms after the watch began that the process was first and last seen */
  startMs: number;
  endMs: number | null;
  cpuMs: number;
  peakBytes: number;
  measure: 'pss' | 'rss';
  /** the root's exit code when CoreScope started it; null for every other process (the kernel tells only the parent) */
  exitCode: number | null;
  threads: WatchedThread[];
}

export interface WatchSummary {
  runId: string;
  command: string;
  rootPid: number;
  attached: boolean;
  exitCode: number | null;
  wallMs: number;
  cores: { count: number; busyPct: number[] };
  /** every process's CPU plus what ended between samples */
  cpuMs: number;
  /**
   * CPU of children that started and ended between two samples, from their parents' cutime/cstime.
   * count is a lower bound: the intervals in which such CPU appeared (the kernel keeps no count of
   * reaped children without a cgroup).
   */
  endedBetweenSamples: { count: number; cpuMs: number };
  processes: WatchedProcess[];
  /** set when the tree had more threads than WATCH_LIMITS.threads */
  note?: string;
}
