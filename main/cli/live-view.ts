/**
 * The live terminal view of `corescope run`: the run's progress, one bar per logical core, machine
 * memory, and the busiest units with pid/tid/core/cpu/memory. A pure function of the latest snapshot
 * and the run's state, redrawn in place by the caller.
 */
import type { RunSpec } from '../../contract/schemas.js';
import type { Snapshot } from '../../contract/snapshot.js';
import { formatBytes, formatMs, formatPct } from '../../lib/format.js';
import { bar } from './bars.js';

export interface LiveRunState {
  runId: string;
  spec: RunSpec;
  elapsedMs: number;
  unitsEnded: number;
}

const MAX_UNIT_ROWS = 12;
const pad = (s: string | number, n: number) => String(s).padStart(n);

function progressOf(run: LiveRunState): number {
  const byUnits = run.unitsEnded / run.spec.units;
  const byTime = run.spec.durationS !== undefined ? run.elapsedMs / (run.spec.durationS * 1000) : 0;
  return Math.min(1, Math.max(byUnits, byTime));
}

export function renderLiveView(run: LiveRunState, snap: Snapshot | null, width = 80): string {
  const barWidth = Math.max(10, Math.min(40, width - 30));
  const { spec } = run;
  const what = spec.durationS !== undefined ? `${spec.durationS} s each` : spec.work !== undefined ? `work ${spec.work}` : '';
  const lines = [
    `CoreScope · run ${run.runId} · ${spec.workload} × ${spec.units} as ${spec.mode === 'async' ? 'async tasks' : spec.mode === 'thread' ? 'worker threads' : 'processes'} ${what}`,
    `run   [${bar(progressOf(run), barWidth)}] ${pad(formatPct(progressOf(run) * 100), 4)}  ${formatMs(run.elapsedMs)}  ${run.unitsEnded}/${spec.units} ended`,
  ];
  if (!snap) return lines.join('\n');
  snap.cores.forEach((pct, i) => lines.push(`cpu${String(i).padEnd(2)} [${bar(pct / 100, barWidth)}] ${pad(formatPct(pct), 4)}`));
  const m = snap.memory;
  lines.push(`mem   [${bar(m.usedBytes / m.totalBytes, barWidth)}] ${formatBytes(m.usedBytes)} used of ${formatBytes(m.totalBytes)}`);
  const mine = snap.units.filter((u) => u.runId === run.runId).sort((a, b) => b.cpuPct - a.cpuPct);
  lines.push('', `${pad('unit', 5)} ${pad('pid', 7)} ${pad('tid', 7)} ${pad('core', 4)} ${pad('cpu%', 6)} ${pad('memory', 9)}  state`);
  for (const u of mine.slice(0, MAX_UNIT_ROWS))
    lines.push(
      `${pad(u.unitId, 5)} ${pad(u.pid, 7)} ${pad(u.tid ?? 'n/a', 7)} ${pad(u.core ?? 'n/a', 4)} ${pad(u.cpuPct.toFixed(1), 6)} ${pad(formatBytes(u.bytes), 9)}  ${u.state}`,
    );
  if (mine.length > MAX_UNIT_ROWS) lines.push(`  … and ${mine.length - MAX_UNIT_ROWS} more units`);
  return lines.join('\n');
}
