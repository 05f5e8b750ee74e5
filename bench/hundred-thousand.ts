/**
 * Bench: 100,000 async tasks that each wait 5 s (issue 11: ≤ 5.5 s). Each is started as a user would,
 * through the CLI with --json, a few times by turns: `run --mode async --units 100000 --workload
 * io-sleep --duration 5` (the run's wall from its summary, from the run's start to its last unit's
 * end, and the whole command's, start-up and the 10 MB summary included) and `scenario gather --tasks
 * 100000 --sleep 5` (the gather's own wall as the scenario measures it around its await, as Python's
 * `time` around asyncio.gather would, and the whole command's).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { round } from '../main/engine/studies/stats.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ROUNDS = 3;

interface HundredThousandRow {
  label: string;
  /** what the command itself reports, ms: the run's or the gather's wall */
  reportedMs: number[];
  /** the whole command, ms: start-up, the run, its summary written */
  commandMs: number[];
}

export interface HundredThousandResult {
  rows: HundredThousandRow[];
}

interface Case {
  label: string;
  args: string[];
  reported: (json: { wallMs: number; outcome?: { wallMs?: number } }) => number;
}

const CASES: Case[] = [
  {
    label: 'run --mode async --units 100000 --workload io-sleep --duration 5',
    args: ['run', '--mode', 'async', '--units', '100000', '--workload', 'io-sleep', '--duration', '5', '--json'],
    reported: (j) => j.wallMs,
  },
  {
    label: 'scenario gather --tasks 100000 --sleep 5',
    args: ['scenario', 'gather', '--tasks', '100000', '--sleep', '5', '--json'],
    reported: (j) => j.outcome?.wallMs ?? NaN,
  },
];

/** One command to its end: its JSON, and how long it took from spawn to exit. */
function timed(args: string[]): Promise<{ json: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [`${ROOT}bin/corescope.js`, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => chunks.push(d));
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = performance.now() - t0;
      if (code !== 0) reject(new Error(`corescope ${args.join(' ')} exited ${code}`));
      else resolve({ json: Buffer.concat(chunks).toString('utf8'), ms });
    });
  });
}

export async function benchHundredThousand(): Promise<HundredThousandResult> {
  const rows: HundredThousandRow[] = CASES.map((c) => ({ label: c.label, reportedMs: [], commandMs: [] }));
  for (let round_ = 0; round_ < ROUNDS; round_++)
    for (const [i, c] of CASES.entries()) {
      const { json, ms } = await timed(c.args);
      rows[i].reportedMs.push(round(c.reported(JSON.parse(json)), 0));
      rows[i].commandMs.push(round(ms, 0));
    }
  return { rows };
}
