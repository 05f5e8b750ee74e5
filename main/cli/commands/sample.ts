/** `corescope sample`: the sampler alone, one line per sample, like mpstat (or one JSON object per line). */
import { LIMITS } from '../../../contract/limits.js';
import { type Snapshot } from '../../../contract/snapshot.js';
import { formatBytes } from '../../../lib/format.js';
import { InvalidInput } from '../../../contract/refusal.js';
import { parseInterval, toNumber } from '../flags.js';
import { withEngine } from '../with-engine.js';

export interface SampleFlags {
  interval?: string;
  count?: string;
  json?: boolean;
}

const MAX_COUNT = 1_000_000;

function sampleLine(s: Snapshot): string {
  const time = new Date(s.t).toTimeString().slice(0, 8);
  const cores = s.cores.map((c, i) => `cpu${i} ${c.toFixed(0).padStart(3)}%`).join('  ');
  return `${time}  ${cores}  mem ${formatBytes(s.memory.usedBytes)}/${formatBytes(s.memory.totalBytes)}`;
}

export async function sampleCommand(flags: SampleFlags): Promise<number> {
  const intervalMs = parseInterval(flags.interval, LIMITS.intervalMs.default);
  const count = toNumber(flags.count) ?? Infinity;
  if (count !== Infinity && (!Number.isInteger(count) || count < 1 || count > MAX_COUNT))
    throw new InvalidInput(`count must be a whole number between 1 and ${MAX_COUNT}`);

  // the sampler's timer is unref'd (it never holds a process open by itself); here sampling is the point
  const keepAlive = setInterval(() => undefined, 1 << 30);
  try {
    await withEngine({ intervalMs, checkPython: false }, async ({ engine, untilInterrupted }) => {
      let seen = 0;
      const enough = new Promise<void>((resolve) => {
        engine.subscribe('snapshot', (s) => {
          if (seen >= count) return;
          seen++;
          // a plain write: console.log formats and checks for colours on every line, a third of what a
          // 10 Hz sample cost this process
          process.stdout.write(`${flags.json ? JSON.stringify(s) : sampleLine(s)}\n`);
          if (seen >= count) resolve();
        });
      });
      await Promise.race([enough, untilInterrupted]);
    });
  } finally {
    clearInterval(keepAlive);
  }
  return 0;
}
