/** A process's tree, read from /proc (the soak's readings): what a test must find gone after a kill. */
import { readFileSync } from 'node:fs';
export { isRunning as running, liveDescendants as descendants } from '../../bench/soak/proc-readings.js';

const read = (path: string) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
};

/** What a process runs, as one line (its argv joined by spaces) and its name (comm, which a Python unit sets). */
export const cmdlineOf = (pid: number): string => read(`/proc/${pid}/cmdline`).split('\0').join(' ');
export const commOf = (pid: number): string => read(`/proc/${pid}/comm`).trim();
