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
  // a unit that failed or was killed on its own says why, below its row's table (reasons are long)
  const crashed = s.unitResults.filter((u) => u.reason).slice(0, MAX_ROWS);
  const reasons = crashed.map((u) => `unit ${u.id} ${u.state}: ${u.reason}\n`).join('');
  const totals = new Table({ style: tableStyle() });
  totals.push(
    { wall: formatMs(s.wallMs) },
    { 'cpu time': formatMs(s.cpuMs) },
    { 'cores busy': s.cores.busyPct.map((b, i) => `cpu${i} ${b.toFixed(0)}%`).join('  ') },
    { [`memory per unit (${s.memory.measure})`]: formatBytes(s.memory.perUnitBytes) },
    { 'memory peak (all hosts)': formatBytes(s.memory.peakTotalBytes) },
    { 'spawn p50 / max': `${formatMs(s.spawn.p50Ms)} / ${formatMs(s.spawn.maxMs)}` },
  );
  return `${units.toString()}\n${more}${reasons}${totals.toString()}`;
}

export function compareTable(r: CompareReport): string {
  const t = new Table({
    style: tableStyle(),
    head: ['mode', '1 unit (min–max)', `${r.units} units (min–max)`, 'speedup (min–max)', 'efficiency (min–max)', 'cpu time', 'memory/unit', 'spawn p50'],
  });
  for (const m of r.results)
    t.push([
      m.mode,
      `${formatMs(m.baselineWall.median)} (${formatMs(m.baselineWall.min)}–${formatMs(m.baselineWall.max)})`,
      `${formatMs(m.wall.median)} (${formatMs(m.wall.min)}–${formatMs(m.wall.max)})`,
      `${m.speedup.toFixed(2)}× (${m.speedupSpread.min.toFixed(2)}–${m.speedupSpread.max.toFixed(2)})${m.verdict === 'gain' ? '' : ` ${m.verdict}`}`,
      `${percent(m.efficiency)} (${percent(m.efficiencySpread.min)}–${percent(m.efficiencySpread.max)})`,
      formatMs(m.cpuMs),
      `${formatBytes(m.memory.perUnitBytes)} ${m.memory.measure}`,
      formatMs(m.spawn.p50Ms),
    ]);
  const rounds = `median of ${r.repeats} interleaved round${r.repeats > 1 ? 's' : ''}`;
  const ran = Math.max(...r.results.map((m) => m.roundsRun));
  const other = Math.max(...r.results.map((m) => m.otherCores.median));
  const busy =
    ran > r.repeats || other > 0.1
      ? `\nother programs kept ${other.toFixed(2)} cores busy during the kept rounds (median)${ran > r.repeats ? `; ${ran} rounds run, the quietest ${r.repeats} kept` : ''}`
      : '';
  return `work ${r.work} blocks of cpu on ${r.logicalCores} logical cores (ideal speedup ${Math.min(r.units, r.logicalCores)}×), ${rounds}\n${t.toString()}${busy}`;
}

const percent = (v: number) => `${Math.round(v * 100)}%`;
const fmt = (ms: number | null) => (ms === null ? '–' : formatMs(ms));

/** Colours only on a terminal: piped output stays plain text. */
const tableStyle = () => (process.stdout.isTTY ? {} : { head: [], border: [] });
