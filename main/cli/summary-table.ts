/** The table printed when a run ends without --json: one row per unit (the first few), then the totals. */
import Table from 'cli-table3';
import type { RunSummary } from '../../contract/run-events.js';
import { formatBytes, formatMs } from '../../lib/format.js';
import type { CompareReport } from '../../contract/studies.js';

const MAX_ROWS = 16;

export function runSummaryTable(s: RunSummary): string {
  const units = new Table({ head: ['unit', 'pid', 'tid', 'state', 'cpu', 'memory', 'start', 'end'], style: tableStyle() });
  for (const u of s.unitResults.slice(0, MAX_ROWS))
    units.push([u.id, u.pid, u.tid ?? 'n/a', u.state, formatMs(u.cpuMs), formatBytes(u.peakBytes), fmt(u.startMs), fmt(u.endMs)]);
  const more = s.unitResults.length > MAX_ROWS ? `… and ${s.unitResults.length - MAX_ROWS} more units\n` : '';
  const totals = new Table({ style: tableStyle() });
  totals.push(
    { wall: formatMs(s.wallMs) },
    { 'cpu time': formatMs(s.cpuMs) },
    { 'cores busy': s.cores.busyPct.map((b, i) => `cpu${i} ${b.toFixed(0)}%`).join('  ') },
    { [`memory per unit (${s.memory.measure})`]: formatBytes(s.memory.perUnitBytes) },
    { 'memory peak (all hosts)': formatBytes(s.memory.peakTotalBytes) },
    { 'spawn p50 / max': `${formatMs(s.spawn.p50Ms)} / ${formatMs(s.spawn.maxMs)}` },
  );
  return `${units.toString()}\n${more}${totals.toString()}`;
}

export function compareTable(r: CompareReport): string {
  const t = new Table({ style: tableStyle(), head: ['mode', '1 unit', `${r.units} units`, 'speedup', 'efficiency', 'cpu time', 'memory/unit', 'spawn p50'] });
  for (const m of r.results)
    t.push([
      m.mode,
      formatMs(m.baselineWallMs),
      formatMs(m.wallMs),
      `${m.speedup.toFixed(2)}×`,
      `${Math.round(m.efficiency * 100)}%`,
      formatMs(m.cpuMs),
      `${formatBytes(m.memory.perUnitBytes)} ${m.memory.measure}`,
      formatMs(m.spawn.p50Ms),
    ]);
  return `work ${r.work} blocks of cpu on ${r.logicalCores} logical cores (ideal speedup ${Math.min(r.units, r.logicalCores)}×)\n${t.toString()}`;
}

const fmt = (ms: number | null) => (ms === null ? '–' : formatMs(ms));

/** Colours only on a terminal: piped output stays plain text. */
const tableStyle = () => (process.stdout.isTTY ? {} : { head: [], border: [] });
