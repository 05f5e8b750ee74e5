/**
 * The OS's view of the calling thread, on Linux through /proc/thread-self: its thread id, its name
 * (what htop shows), and the CPU time it has used. Elsewhere the answers are null and the engine falls
 * back to per-process figures.
 */
import { readFileSync, readlinkSync, writeFileSync } from 'node:fs';

export function ownThreadId(): number | null {
  try {
    // "<pid>/task/<tid>"
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(tid) ? tid : null;
  } catch {
    return null;
  }
}

/** Name the calling thread (≤ 15 bytes, as the kernel allows) so htop and CoreScope show e.g. cs-t3. */
export function nameOwnThread(name: string): void {
  try {
    writeFileSync('/proc/thread-self/comm', name.slice(0, 15));
  } catch {
    /* not Linux, or /proc not writable: the thread keeps its default name */
  }
}

const TICKS_PER_S = 100; // USER_HZ on Linux

/** CPU time (user + system) of the calling thread in ms, or null where /proc is missing. */
export function ownThreadCpuMs(): number | null {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state); utime is field 14, stime field 15
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_S;
  } catch {
    return null;
  }
}
