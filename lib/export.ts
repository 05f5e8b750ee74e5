/**
 * Compare and memory-cost results as files: JSON (the report as the CLI's --json prints it) and CSV
 * (one row per mode, plain numbers in base units: ms, bytes; a figure measured over repeats is its
 * median with a …Min and a …Max column). Pure: the CLI and the renderer share it.
 */
import type { CompareReport, MemoryCostReport } from '../contract/studies.js';

/** A CSV field: quoted when it holds a comma, a quote or a line break (RFC 4180). */
function field(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>): string {
  return [header, ...rows].map((r) => r.map(field).join(',')).join('\n') + '\n';
}

const COMPARE_CSV_HEADER = [
  'mode',
  'runtime',
  'workload',
  'units',
  'work',
  'logicalCores',
  'repeats',
  'roundsRun',
  'otherCores',
  'baselineWallMs',
  'baselineWallMinMs',
  'baselineWallMaxMs',
  'wallMs',
  'wallMinMs',
  'wallMaxMs',
  'speedup',
  'speedupMin',
  'speedupMax',
  'verdict',
  'idealSpeedup',
  'efficiency',
  'efficiencyMin',
  'efficiencyMax',
  'cpuMs',
  'perUnitBytes',
  'memoryMeasure',
  'spawnP50Ms',
  'spawnMaxMs',
] as const;

export function compareToCsv(r: CompareReport): string {
  const ideal = Math.min(r.units, r.logicalCores);
  return toCsv(
    COMPARE_CSV_HEADER,
    r.results.map((m) => [
      m.mode,
      m.runtime,
      r.workload,
      r.units,
      r.work,
      r.logicalCores,
      m.repeats,
      m.roundsRun,
      m.otherCores.median,
      m.baselineWall.median,
      m.baselineWall.min,
      m.baselineWall.max,
      m.wall.median,
      m.wall.min,
      m.wall.max,
      m.speedup,
      m.speedupSpread.min,
      m.speedupSpread.max,
      m.verdict,
      ideal,
      m.efficiency,
      m.efficiencySpread.min,
      m.efficiencySpread.max,
      m.cpuMs,
      m.memory.perUnitBytes,
      m.memory.measure,
      m.spawn.p50Ms,
      m.spawn.maxMs,
    ]),
  );
}

const MEMORY_CSV_HEADER = ['mode', 'runtime', 'measure', 'unitsPerStep', 'bytesPerUnit', 'baseBytes', 'r2', 'units', 'totalBytes'] as const;

/** One row per measured point (mode × N), each with its mode's fit, so the file plots and sums alike. */
export function memoryToCsv(r: MemoryCostReport): string {
  return toCsv(
    MEMORY_CSV_HEADER,
    r.results.flatMap((m) => m.points.map((p) => [m.mode, m.runtime, m.measure, m.unitsPerStep, m.bytesPerUnit, m.baseBytes, m.r2, p.units, p.totalBytes])),
  );
}

export const toJson = (report: CompareReport | MemoryCostReport): string => `${JSON.stringify(report, null, 2)}\n`;
