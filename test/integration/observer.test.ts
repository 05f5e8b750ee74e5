/**
 * The observer effect (issue 11): idle units must cost what idle code costs. 32 io-sleep process units
 * sampled every 100 ms, the whole tree (CLI engine + 32 hosts) measured from /proc over a few seconds.
 * Before the fix each idle unit polled smaps_rollup every 100 ms: ~50 % of a core in all on this
 * 2-core machine. The bound is wide (plain Node of the same shape measures ~0 %) so that a busy
 * shared machine does not fail it, but that behaviour would.
 */
import { describe, expect, it } from 'vitest';
import { measureTree, treeTicks } from '../../bench/proc-tree.js';
import { onLinux } from '../../main/engine/platform.js';
import { MEASURES_CPU, startCli, waitFor } from './helpers.js';

const UNITS = 32;

describe.runIf(onLinux)('the observer effect', () => {
  it(`${UNITS} idle process units cost under 10 % of one core in all, engine included`, MEASURES_CPU, async () => {
    const cli = startCli(['run', '--mode', 'process', '--units', String(UNITS), '--workload', 'io-sleep', '--duration', '40', '--interval', '100', '--json']);
    const done = new Promise((resolve) => cli.once('exit', resolve));
    try {
      const root = cli.pid as number;
      expect(await waitFor(() => treeTicks([root]).size === UNITS + 1, 40_000, 250)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 2000)); // start-up settles
      const tree = await measureTree([root], 4000);
      expect(tree.processes).toBe(UNITS + 1);
      expect(tree.pct).toBeLessThan(10);
    } finally {
      cli.kill('SIGINT');
      await done;
    }
  });
});
