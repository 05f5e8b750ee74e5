/**
 * The process picker's list: every process of this machine with its pid, parent, name, user, command
 * line and CPU % of one core over about a tenth of a second (two readings of its stat), busiest first,
 * filtered by a search text, at most WATCH_LIMITS.processRows rows.
 */
import { readdir, readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { WATCH_LIMITS, type ProcessInfo } from '../../../contract/watch.js';
import { parseCmdline, parsePasswd, parsePidStat, parseStatusUid } from '../../../lib/proc-pid-parse.js';

const RATE_WINDOW_MS = 100;
const MS_PER_TICK = 10;

const text = (path: string) => readFile(path, 'utf8').catch(() => null);

async function ticksOf(pids: number[]): Promise<Map<number, number>> {
  const stats = await Promise.all(pids.map((pid) => text(`/proc/${pid}/stat`)));
  const out = new Map<number, number>();
  pids.forEach((pid, i) => {
    const s = stats[i] === null ? null : parsePidStat(stats[i]);
    if (s) out.set(pid, s.cpuTicks);
  });
  return out;
}

export async function listProcesses(query: string): Promise<ProcessInfo[]> {
  const pids = (await readdir('/proc')).map(Number).filter((n) => Number.isInteger(n) && n > 0);
  const [before, users] = await Promise.all([ticksOf(pids), text('/etc/passwd').then((t) => parsePasswd(t ?? ''))]);
  await sleep(RATE_WINDOW_MS);
  const rows = await Promise.all(
    pids.map(async (pid): Promise<ProcessInfo | null> => {
      const [statText, status, cmd] = await Promise.all([text(`/proc/${pid}/stat`), text(`/proc/${pid}/status`), text(`/proc/${pid}/cmdline`)]);
      const stat = statText === null ? null : parsePidStat(statText);
      if (!stat) return null;
      const uid = status === null ? null : parseStatusUid(status);
      const was = before.get(pid) ?? stat.cpuTicks;
      return {
        pid,
        ppid: stat.ppid,
        name: stat.name,
        user: uid === null ? '?' : (users.get(uid) ?? String(uid)),
        cmdline: cmd === null ? '' : parseCmdline(cmd),
        cpuPct: Math.round(((stat.cpuTicks - was) * MS_PER_TICK * 1000) / RATE_WINDOW_MS) / 10,
      };
    }),
  );
  const q = query.trim().toLowerCase();
  const matches = (p: ProcessInfo) => !q || String(p.pid) === q || [p.name, p.user, p.cmdline].some((s) => s.toLowerCase().includes(q));
  return rows
    .filter((p): p is ProcessInfo => p !== null && p.pid !== process.pid && matches(p))
    .sort((a, b) => b.cpuPct - a.cpuPct || a.pid - b.pid)
    .slice(0, WATCH_LIMITS.processRows);
}
