/** The bench's figures as readable tables (cli-table3); the JSON file has every figure, these the ones to read. */
import Table from 'cli-table3';
import type { CoreLoadResult } from './core-load.js';
import type { MachineFacts } from './machine.js';
import type { ObserverResult } from './observer.js';
import type { HundredThousandResult } from './hundred-thousand.js';
import type { SamplerCostResult } from './sampler-cost.js';
import type { SpawnLatencyResult } from './spawn-latency.js';
import type { RawSeries } from './raw-spawn.js';
import type { RendererCostResult } from './renderer-cost.js';
import type { KernelSpreadResult } from './kernel-spread.js';
import type { RecordingSizeResult } from './recording-size.js';
import type { WatchCostResult } from './watch-cost.js';

const table = (head: string[]) => new Table({ head, style: { head: [], border: [] } });
const ms = (v: number) => v.toFixed(v < 1 ? 3 : v < 10 ? 2 : 1);
const pct = (v: number) => `${v.toFixed(2)} %`;
const times = (v: number) => `${v.toFixed(1)}×`;

export function machineLine(m: MachineFacts): string {
  return `${m.cpuModel}, ${m.logicalCores} logical cores, Node ${m.nodeVersion}, ${m.platform} ${m.osRelease}, load ${m.loadAvg1AtStart.toFixed(2)} at start, ${m.date}`;
}

export function samplerTable(r: SamplerCostResult): string {
  const t = table(['units read', 'sampleNow p50 ms', 'p95 ms', `CPU % of a core @${r.intervalMs} ms`, 'idle %', 'net %', 'CPU ms / sample']);
  for (const c of r.cases)
    t.push([
      `${c.label} (${c.unitsSampled})`,
      ms(c.sampleNowMs.p50),
      ms(c.sampleNowMs.p95),
      `${pct(c.sampling.pctOfCore)} (${c.sampling.samples} samples)`,
      pct(c.idle.pctOfCore),
      pct(c.netPctOfCore),
      ms(c.cpuMsPerSample),
    ]);
  return `Sampler cost (real Sampler; CPU = this process over ${r.windowMs / 1000} s, idle = same window without it)\n${t.toString()}`;
}

export function coreLoadTable(r: CoreLoadResult): string {
  const t = table(['per-core load read', 'calls', 'wall p50 ms', 'p95', 'max', 'loop held p50 ms', 'p95', 'longest loop gap ms']);
  for (const s of r.series)
    t.push([s.label, s.wallMs.n, ms(s.wallMs.p50), ms(s.wallMs.p95), ms(s.wallMs.max), ms(s.holdMs.p50), ms(s.holdMs.p95), ms(s.loopGaps.maxMs)]);
  return [
    'Per-core load: systeminformation vs direct /proc/stat',
    t.toString(),
    `si fresh ÷ /proc/stat, p50: wall ${times(r.ratio.wallP50)}, loop held ${times(r.ratio.holdP50)}.` +
      ` si's first call (primes, not counted): ${r.siFirstCallMs.toFixed(0)} ms. Loop gap = between ticks of a 1 ms timer.`,
  ].join('\n');
}

export function spawnTable(r: SpawnLatencyResult): string {
  const t = table(['launch → first report', 'n', 'p50 ms', 'p95 ms', 'max ms', '÷ single raw (p50)', '÷ same-shape raw (p50)']);
  for (const e of r.engine)
    t.push([`engine ${e.mode} ×${r.units}`, e.startMs.n, ms(e.startMs.p50), ms(e.startMs.p95), ms(e.startMs.max), times(e.ratioToSingle), times(e.ratioToSameShape)]);
  const rawRow = (s: RawSeries) => [s.label, s.stampedMs.n, ms(s.stampedMs.p50), ms(s.stampedMs.p95), ms(s.stampedMs.max), '', ''];
  for (const s of [r.raw.fork1, r.raw.worker1, r.raw.forkN, r.raw.forkWithWorkersN]) t.push(rawRow(s));
  const baselines = r.engine.map((e) => `${e.mode}: ${e.singleBaseline} / ${e.sameShapeBaseline}`).join('; ');
  return [
    `Spawn latency (io-sleep ${r.durationS} s, ${r.units} units, ${r.reps} runs per mode after a warm-up; raw stamped in the child like the engine's)`,
    t.toString(),
    `Baselines (single / same shape): ${baselines}.`,
  ].join('\n');
}

export function rendererTable(r: RendererCostResult): string {
  if ('skipped' in r) return `Renderer cost: skipped (${r.skipped})`;
  const t = table(['cores', 'stream', 'main-thread busy', 'frames', 'frame p95 ms', 'frame max ms', 'long tasks']);
  for (const c of r.cases)
    t.push([c.cores, `${c.rateHz} Hz × ${c.seconds} s`, pct(c.mainThreadBusyPct), c.frames, ms(c.frameP95Ms), ms(c.frameMaxMs), c.longTasks]);
  return `Renderer cost (whole dashboard in headless chromium, 1440×900, synthetic snapshot stream; targets: ≤ 10 % at 16 cores, ≤ 25 % at 64, frames p95 ≤ 17 ms, none > 100 ms)\n${t.toString()}`;
}

export function kernelSpreadTable(r: KernelSpreadResult): string {
  const t = table(['Node', 'fresh processes × blocks', 'CPU ms / block (min–max)', 'CPU CV', 'median block wall ms (min–max)', 'wall CV']);
  for (const v of r.versions)
    t.push([
      v.node,
      `${v.processes} × ${v.blocks}`,
      `${ms(v.cpuMsPerBlock.mean)} (${ms(v.cpuMsPerBlock.min)}–${ms(v.cpuMsPerBlock.max)})`,
      pct(v.cpuMsPerBlock.cvPct),
      `${ms(v.medianBlockMs.median)} (${ms(v.medianBlockMs.min)}–${ms(v.medianBlockMs.max)})`,
      pct(v.medianBlockMs.cvPct),
    ]);
  return [t.toString(), ...r.skipped.map((s) => `skipped ${s}`)].join('\n');
}

export function recordingTable(r: RecordingSizeResult): string {
  const t = table(['recording', 'frames', 'file', 'raw JSON', 'ratio', 'write ms', 'read ms', 'perfetto ms']);
  const { cores, hz, seconds, units } = r.shape;
  t.push([`${seconds} s · ${cores} cores · ${hz} Hz · ${units} units`, r.frames, `${(r.bytes / 1024).toFixed(0)} KB`, `${(r.rawBytes / 1024 / 1024).toFixed(1)} MB`, times(r.rawBytes / r.bytes), ms(r.writeMs), ms(r.readMs), ms(r.perfettoMs)]);
  return `Recording size (synthetic stream through the real writer; budget ≤ 1 MB a minute)\n${t.toString()}`;
}

/** Markdown, as README's "The observer effect" shows it. */
export function hundredThousandTable(r: HundredThousandResult): string {
  const s = (values: number[]) => values.map((v) => (v / 1000).toFixed(2)).join(' / ');
  return [
    '100,000 async tasks waiting 5 s each, by turns (seconds, each round)',
    '',
    '| command (`--json`) | its own wall (the run\'s; the gather\'s) | the whole command |',
    '|---|---|---|',
    ...r.rows.map((x) => `| \`${x.label}\` | ${s(x.reportedMs)} | ${s(x.commandMs)} |`),
  ].join('\n');
}

/** Markdown, as README's "The observer effect" shows it: paste the bench's output there. */
export function observerTable(r: ObserverResult): string {
  const md = (head: string[], rows: Array<Array<string | number>>) =>
    [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
  const idle = md(
    ['idle io-sleep units @100 ms', 'CoreScope tree', 'of which the engine', 'plain Node, same shape', 'CoreScope adds', 'steady after'],
    r.rows.map((x) => [x.label, pct(x.corescopePct), pct(x.enginePct), pct(x.plainPct), pct(x.overPct), `${x.settledS} s`]),
  );
  const htop =
    'skipped' in r.htop
      ? `Sampler beside htop: skipped (${r.htop.skipped})`
      : md(
          [`beside \`htop -d 1\`, same ${r.htopWindowMs / 1000} s (median of fresh processes)`, 'CoreScope engine', 'its whole tree', 'htop', 'engine ÷ htop', 'each round', 'steady after'],
          r.htop.map((x) => [x.label, pct(x.enginePct), pct(x.corescopePct), pct(x.htopPct), `${x.ratio.toFixed(2)}×`, (x.ratios ?? [x.ratio]).map((q) => `${q.toFixed(2)}×`).join(' / '), `${x.settledS} s`]),
        );
  return [`Observer effect (CPU % of one core over ${r.windowMs / 1000} s, both measured at once from /proc)`, '', idle, '', htop].join('\n');
}

export function watchTable(r: WatchCostResult): string {
  const title = `Watching a program: a tree of ${r.processes} processes, ${r.threads} threads (all waiting), beside \`htop -d 1\` (CPU % of one core, same window, from /proc)`;
  if ('skipped' in r.rows) return `${title}: skipped (${r.rows.skipped})`;
  const t = table(['watcher', 'CoreScope', 'htop -d 1', 'CoreScope ÷ htop']);
  for (const x of r.rows) t.push([x.label, pct(x.corescopePct), pct(x.htopPct), `${x.ratio.toFixed(2)}×`]);
  return [title, t.toString()].join('\n');
}
