/**
 * Thread identity, the one module that asks the OS about the calling thread: its id, its name (what
 * htop shows), and the CPU time it has used.
 * - Linux: /proc/thread-self (a link to <pid>/task/<tid>; its comm and stat files).
 * - macOS: the id is pthread_threadid_np() and the CPU time thread_info(THREAD_BASIC_INFO); Windows:
 *   GetCurrentThreadId() and GetThreadTimes(). Node reaches none of them without a native addon, so
 *   there the answers are null: the engine shows the tid as n/a and takes the unit's own timing.
 * - With the portable readers (CORESCOPE_READERS=portable, set by the engine) Linux answers as macOS
 *   and Windows do, so that path runs in CI.
 */
import { readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { READERS_ENV } from '../../contract/domain.js';

const viaProc = process.platform === 'linux' && process.env[READERS_ENV] !== 'portable';

export function ownThreadId(): number | null {
  if (!viaProc) return null;
  try {
    // "<pid>/task/<tid>"
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(tid) ? tid : null;
  } catch {
    return null;
  }
}

/** The id of a process's main thread: on Linux the pid itself (a thread group is led by its first thread). */
export function mainThreadId(pid: number): number | null {
  return viaProc ? pid : null;
}

/** Name the calling thread (≤ 15 bytes, as the kernel allows) so htop and CoreScope show e.g. cs-t3. */
export function nameOwnThread(name: string): void {
  // a name hurts no measurement, so it is given on Linux whatever the readers
  if (process.platform !== 'linux') return;
  try {
    writeFileSync('/proc/thread-self/comm', name.slice(0, 15));
  } catch {
    /* /proc not writable: the thread keeps its default name */
  }
}

const TICKS_PER_S = 100; // USER_HZ on Linux

/** CPU time (user + system) of the calling thread in ms, or null where the OS can't be asked. */
export function ownThreadCpuMs(): number | null {
  if (!viaProc) return null;
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state); utime is field 14, stime field 15
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_S;
  } catch {
    return null;
  }
}
