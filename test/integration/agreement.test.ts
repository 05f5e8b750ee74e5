/**
 * CoreScope's readings against independent tools over the same seconds (issue 11: a sampler near the
 * floor must still read what the kernel says): per-core busy % against sysstat's `mpstat -P ALL 1`,
 * and each thread unit's CPU and core against `ps -L -o tid,psr,pcpu`. A known load makes agreeing
 * mean something (a spinner; two spinning thread units pinned one per core with taskset, so that where
 * they ran is not left to the scheduler). Bounds are wide for a shared 2-core machine; a reader that
 * swapped cores, counted iowait as busy or read another thread would still fail them.
 */
import { spawn, spawnSync } from 'node:child_process';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../contract/snapshot.js';
import { Engine } from '../../main/engine/engine.js';
import { MEASURES_CPU, waitFor } from './helpers.js';

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const onLinux = process.platform === 'linux';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs a command to its end; its stdout. */
function output(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, LC_ALL: 'C' } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('exit', () => resolve(out));
  });
}

/** mpstat's "Average:" lines: busy % per CPU (100 − %idle − %iowait, as CoreScope counts busy). */
function mpstatBusy(text: string): Map<number, number> {
  const lines = text.split('\n').filter((l) => l.startsWith('Average:'));
  const header = lines[0].trim().split(/\s+/);
  const col = (name: string) => header.indexOf(name);
  const busy = new Map<number, number>();
  for (const l of lines.slice(1)) {
    const f = l.trim().split(/\s+/);
    const cpu = Number(f[col('CPU')]);
    if (Number.isInteger(cpu)) busy.set(cpu, 100 - Number(f[col('%idle')]) - Number(f[col('%iowait')]));
  }
  return busy;
}

describe.runIf(onLinux)('readings agree with independent tools', () => {
  it.skipIf(!has('mpstat'))('per-core busy % agrees with mpstat -P ALL 1 over the same seconds within 10 points (skipped only where sysstat is not installed)', MEASURES_CPU, async () => {
    const spinner = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
    const engine = new Engine({ intervalMs: 1000, readers: 'proc' });
    const snaps: Snapshot[] = [];
    try {
      await engine.start();
      engine.subscribe('snapshot', (s) => snaps.push(s));
      await sleep(1000);
      const from = Date.now();
      const text = await output('mpstat', ['-P', 'ALL', '1', '6']);
      const to = Date.now();
      await sleep(1200); // the snapshot that covers mpstat's last second
      const mp = mpstatBusy(text);
      expect(mp.size).toBe(os.cpus().length);
      // CoreScope's snapshots whose second lies within mpstat's six
      const within = snaps.filter((s) => s.t - s.intervalMs >= from - 500 && s.t <= to + 500);
      expect(within.length).toBeGreaterThanOrEqual(4);
      for (const [cpu, busy] of mp) {
        const ours = within.reduce((sum, s) => sum + s.cores[cpu], 0) / within.length;
        expect(Math.abs(ours - busy), `cpu ${cpu}: CoreScope ${ours.toFixed(1)} %, mpstat ${busy.toFixed(1)} %`).toBeLessThanOrEqual(10);
      }
      // the spinner holds one core's worth: both saw it
      expect([...mp.values()].reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(80);
    } finally {
      spinner.kill('SIGKILL');
      await engine.close();
    }
  });

  it.skipIf(!has('ps') || !has('taskset') || os.cpus().length < 2)(
    'each thread unit’s CPU and core agree with ps -L -o tid,psr,pcpu (skipped only where ps or taskset is missing, or on one core)',
    MEASURES_CPU,
    async () => {
      const engine = new Engine({ intervalMs: 250, readers: 'proc' });
      const snaps: Snapshot[] = [];
      try {
        await engine.start();
        engine.subscribe('snapshot', (s) => snaps.push(s));
        const run = engine.startRun({ mode: 'thread', workload: 'cpu', units: 2, durationS: 30 });
        expect(await waitFor(() => run.units.every((u) => u.state === 'running' && u.tid !== null), 20_000)).toBe(true);
        const tids = run.units.map((u) => u.tid as number);
        // unit i spins on core i alone, so both CoreScope and ps must place it there
        tids.forEach((tid, core) => expect(spawnSync('taskset', ['-p', '-c', String(core), String(tid)]).status).toBe(0));
        await sleep(5000);
        const text = await output('ps', ['-L', '-o', 'tid,psr,pcpu', '-p', String(run.hosts[0].pid)]);
        const ps = new Map(
          text
            .trim()
            .split('\n')
            .slice(1)
            .map((l) => l.trim().split(/\s+/).map(Number))
            .map(([tid, psr, pcpu]) => [tid, { psr, pcpu }]),
        );
        for (const [core, tid] of tids.entries()) {
          const seen = snaps.flatMap((s) => s.units.filter((u) => u.tid === tid));
          expect(seen.length, `thread ${tid} in CoreScope's snapshots`).toBeGreaterThanOrEqual(10);
          expect(ps.get(tid)?.psr, `ps -L lists thread ${tid} on core ${core}`).toBe(core);
          // where it ran: CoreScope's last reading says the same (the pin leaves one answer)
          expect(seen.at(-1)?.core).toBe(core);
          // how much: ps's pcpu is the thread's CPU time over its life, so CoreScope's mean over the same life
          const ours = seen.reduce((sum, u) => sum + u.cpuPct, 0) / seen.length;
          const theirs = ps.get(tid)?.pcpu ?? -100;
          expect(Math.abs(ours - theirs), `thread ${tid}: CoreScope ${ours.toFixed(1)} %, ps ${theirs} %`).toBeLessThanOrEqual(25);
          expect(ours).toBeGreaterThan(5);
        }
      } finally {
        await engine.close();
      }
    },
  );
});
