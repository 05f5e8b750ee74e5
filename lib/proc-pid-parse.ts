/**
 * Pure parsers for the per-process /proc files a watched tree is read from (stat with every field a
 * watch needs, task children, status, passwd). Beside proc-parse.ts, which holds the sampler's own.
 */

import { OS_STATES, type OsState } from '../contract/domain.js';

export interface PidStat {
  /** comm, as stat shows it (up to 15 bytes; may hold spaces and ')') */
  name: string;
  state: OsState;
  ppid: number;
  pgrp: number;
  /** utime + stime of this task (for a process's own stat: of every thread it has had), clock ticks */
  cpuTicks: number;
  /** cutime + cstime: CPU of the children this process has waited for, clock ticks */
  childTicks: number;
  threads: number;
  /** field 22: clock ticks after boot; with the pid, tells a process from a later one that got its pid */
  startTicks: number;
  /** field 39: the CPU the task last ran on (-1: unknown) */
  processor: number;
}

/** T/t (stopped, traced) are both stopped; X (dead) is as good as a zombie; I (idle kernel thread) sleeps. */
function osState(letter: string): OsState {
  if (letter === 't') return 'T';
  if (letter === 'X') return 'Z';
  return (OS_STATES as readonly string[]).includes(letter) ? (letter as OsState) : 'S';
}

/** /proc/<pid>/stat or /proc/<pid>/task/<tid>/stat. The name may hold ')' and spaces: fields start after the last ')'. */
export function parsePidStat(text: string): PidStat | null {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return null;
  // after ") " comes field 3; field k is at index k - 3
  const f = text.slice(close + 2).trim().split(' ');
  const num = (k: number) => Number(f[k - 3]);
  const [utime, stime, cutime, cstime] = [num(14), num(15), num(16), num(17)];
  if (![utime, stime, cutime, cstime, num(4)].every(Number.isFinite)) return null;
  const processor = num(39);
  return {
    name: text.slice(open + 1, close),
    state: osState(f[0] ?? 'S'),
    ppid: num(4),
    pgrp: num(5),
    cpuTicks: utime + stime,
    childTicks: cutime + cstime,
    threads: num(20) || 1,
    startTicks: num(22) || 0,
    processor: Number.isFinite(processor) ? processor : -1,
  };
}

/** /proc/<pid>/task/<tid>/children: the pids of that thread's children, space-separated. */
export function parseChildren(text: string): number[] {
  return text
    .split(/\s+/)
    .filter(Boolean)
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
}

/** /proc/<pid>/status → the real uid (the first number of the Uid: line), or null. */
export function parseStatusUid(text: string): number | null {
  const m = /^Uid:\s+(\d+)/m.exec(text);
  return m ? Number(m[1]) : null;
}

/** /etc/passwd → user name by uid (the first entry wins, as getpwuid does). */
export function parsePasswd(text: string): Map<number, string> {
  const users = new Map<number, string>();
  for (const line of text.split('\n')) {
    const [name, , uid] = line.split(':');
    const n = Number(uid);
    if (name && uid !== undefined && Number.isInteger(n) && !users.has(n)) users.set(n, name);
  }
  return users;
}

/** /proc/<pid>/cmdline: NUL-separated arguments → one line as a shell would show it (a kernel thread: ''). */
export function parseCmdline(text: string): string {
  return text
    .split('\0')
    .filter((a, i, all) => a !== '' || i < all.length - 1)
    .map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replaceAll("'", `'\\''`)}'`))
    .join(' ');
}
