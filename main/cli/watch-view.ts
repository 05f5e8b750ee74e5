/**
 * `corescope watch` in the terminal: the live view (per-core bars, the tree's processes with their
 * threads: pid, ppid, name, threads, state, core, CPU %, memory) and the table printed at the end.
 * Pure functions of the snapshot and the summary, redrawn in place by the caller.
 */
import Table from 'cli-table3';
import type { Snapshot, UnitSample } from '../../contract/snapshot.js';
import type { WatchSummary } from '../../contract/watch.js';
import { formatBytes, formatMs, formatPct } from '../../lib/format.js';
import { bar } from './bars.js';

const MAX_ROWS = 16;
const pad = (s: string | number, n: number) => String(s).padStart(n);

interface ProcessRow {
  pid: number;
  ppid: number;
  name: string;
  threads: UnitSample[];
  cpuPct: number;
  bytes: number;
}

/** A watch's units grouped by process, busiest first; each process's threads busiest first. */
function byProcess(units: readonly UnitSample[]): ProcessRow[] {
  const rows = new Map<number, ProcessRow>();
  for (const u of units) {
    const row = rows.get(u.pid) ?? { pid: u.pid, ppid: u.watch?.ppid ?? 0, name: '', threads: [], cpuPct: 0, bytes: 0 };
    row.threads.push(u);
    row.cpuPct += u.cpuPct;
    row.bytes += u.bytes;
    if (u.tid === u.pid) row.name = u.watch?.name ?? '';
    rows.set(u.pid, row);
  }
  for (const r of rows.values()) r.threads.sort((a, b) => b.cpuPct - a.cpuPct);
  return [...rows.values()].sort((a, b) => b.cpuPct - a.cpuPct);
}

export function renderWatchView(runId: string, command: string, elapsedMs: number, snap: Snapshot | null, width = 80): string {
  const barWidth = Math.max(10, Math.min(40, width - 30));
  const lines = [`CoreScope · watch ${runId} · ${command.slice(0, Math.max(20, width - 30))} · ${formatMs(elapsedMs)}`];
  if (!snap) return lines.join('\n');
  snap.cores.forEach((pct, i) => lines.push(`cpu${String(i).padEnd(2)} [${bar(pct / 100, barWidth)}] ${pad(formatPct(pct), 4)}`));
  const procs = byProcess(snap.units.filter((u) => u.runId === runId));
  lines.push('', `${pad('pid', 8)} ${pad('ppid', 7)} ${'name'.padEnd(16)} ${pad('thr', 4)} st ${pad('core', 4)} ${pad('cpu%', 6)} ${pad('memory', 9)}`);
  let shown = 0;
  for (const p of procs) {
    if (shown++ >= MAX_ROWS) break;
    const main = p.threads.find((t) => t.tid === p.pid) ?? p.threads[0];
    lines.push(
      `${pad(p.pid, 8)} ${pad(p.ppid, 7)} ${p.name.slice(0, 16).padEnd(16)} ${pad(p.threads.length, 4)} ${main.watch?.os ?? '?'}  ${pad(main.core ?? '–', 4)} ${pad(p.cpuPct.toFixed(1), 6)} ${pad(formatBytes(p.bytes), 9)}`,
    );
    // the busy threads of a multi-threaded process, nested under it
    for (const t of p.threads.filter((t) => t.tid !== p.pid && t.cpuPct >= 1).slice(0, 4))
      lines.push(`${pad(`└ ${t.tid}`, 8)} ${pad('', 7)} ${(t.watch?.name ?? '').slice(0, 16).padEnd(16)} ${pad('', 4)} ${t.watch?.os ?? '?'}  ${pad(t.core ?? '–', 4)} ${pad(t.cpuPct.toFixed(1), 6)}`);
  }
  if (procs.length > MAX_ROWS) lines.push(`  … and ${procs.length - MAX_ROWS} more processes`);
  return lines.join('\n');
}

const tableStyle = () => (process.stdout.isTTY ? {} : { head: [], border: [] });

export function watchSummaryTable(s: WatchSummary): string {
  const t = new Table({ head: ['pid', 'ppid', 'name', 'threads', 'cpu', 'memory', 'start', 'end', 'cores seen'], style: tableStyle() });
  const procs = [...s.processes].sort((a, b) => b.cpuMs - a.cpuMs);
  for (const p of procs.slice(0, MAX_ROWS)) {
    const cores = [...new Set(p.threads.flatMap((th) => th.coresSeen))].sort((a, b) => a - b);
    t.push([p.pid, p.ppid, p.name, p.threads.length, formatMs(p.cpuMs), `${formatBytes(p.peakBytes)} ${p.measure}`, formatMs(p.startMs), p.endMs === null ? '–' : formatMs(p.endMs), cores.join(',') || '–']);
  }
  const more = procs.length > MAX_ROWS ? `… and ${procs.length - MAX_ROWS} more processes\n` : '';
  const totals = new Table({ style: tableStyle() });
  totals.push(
    { command: s.command },
    { wall: formatMs(s.wallMs) },
    { 'cpu time': formatMs(s.cpuMs) },
    { 'ended between samples': `${formatMs(s.endedBetweenSamples.cpuMs)} CPU (≥ ${s.endedBetweenSamples.count} ${s.endedBetweenSamples.count === 1 ? 'process' : 'processes'})` },
    { 'cores busy': s.cores.busyPct.map((b, i) => `cpu${i} ${b.toFixed(0)}%`).join('  ') },
    { 'exit code': s.attached ? 'attached (left running or ended on its own)' : String(s.exitCode ?? '–') },
  );
  return `${t.toString()}\n${more}${totals.toString()}${s.note ? `\nnote: ${s.note}` : ''}`;
}
