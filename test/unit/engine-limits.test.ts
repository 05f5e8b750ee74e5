/** The engine-wide limits: what all runs together may hold, with the refusal's numbers. */
import { describe, expect, it } from 'vitest';
import { ASYNC_TASKS_PER_STEP, MEMORY_STUDY_LIMITS, unitLimitFor } from '../../contract/limits.js';
import type { RunSpec } from '../../contract/schemas.js';
import { MAX_LIVE_ASYNC_UNITS, MAX_LIVE_OS_UNITS, engineLimitRefusal } from '../../main/engine/runs/engine-limits.js';

const GB = 1024 ** 3;
const spec = (mode: RunSpec['mode'], units: number, extra: Partial<RunSpec> = {}): RunSpec => ({ mode, runtime: 'node', workload: 'io-sleep', units, ...extra });

describe('engine-wide limits', () => {
  it(`counts live process and thread units across runs, up to ${MAX_LIVE_OS_UNITS}`, () => {
    const live = [
      { spec: spec('process', 256), liveUnits: 256 },
      { spec: spec('thread', 256), liveUnits: 200 }, // 56 of its units have ended
      { spec: spec('async', 20_000), liveUnits: 5 }, // async tasks are counted apart
    ];
    expect(engineLimitRefusal(live, spec('thread', 56), 16 * GB)).toBeNull();
    expect(engineLimitRefusal(live, spec('thread', 57), 16 * GB)).toBe(
      "refused: 57 thread units beside the 456 live processes and threads would make 513, above the engine's 512 across all runs",
    );
  });

  it(`counts async tasks across runs, up to ${MAX_LIVE_ASYNC_UNITS}`, () => {
    const live = [{ spec: spec('async', MAX_LIVE_ASYNC_UNITS - 5000), liveUnits: MAX_LIVE_ASYNC_UNITS - 5000 }];
    expect(engineLimitRefusal(live, spec('async', 5000), 16 * GB)).toBeNull();
    expect(engineLimitRefusal(live, spec('async', 5001), 16 * GB)).toBe(
      `refused: 5001 async tasks beside the ${MAX_LIVE_ASYNC_UNITS - 5000} live would make ${MAX_LIVE_ASYNC_UNITS + 1}, above the engine's ${MAX_LIVE_ASYNC_UNITS} across all runs`,
    );
  });

  it('keeps what mem units ask, across runs, within half the available memory', () => {
    const mem = (units: number, mb: number) => spec('thread', units, { workload: 'mem', mb });
    expect(engineLimitRefusal([], mem(8, 512), 8 * GB)).toBeNull(); // 4 GB: exactly half
    expect(engineLimitRefusal([], mem(8, 513), 8 * GB)).toBe('refused: 8 × 513 MB = 4.0 GB would pass half the available memory (4.0 GB of 8.0 GB)');
    expect(engineLimitRefusal([{ spec: mem(4, 512), liveUnits: 4 }], mem(5, 512), 8 * GB)).toBe(
      'refused: 5 × 512 MB = 2.5 GB beside 2.0 GB in live runs would pass half the available memory (4.0 GB of 8.0 GB)',
    );
    expect(engineLimitRefusal([], spec('thread', 8, { workload: 'mem' }), 1 * GB)).toBeNull(); // 8 × the default 64 MB
  });

  it("lets a memory study's largest async leg start: its tasks fit the async limit and the engine's", () => {
    const largest = MEMORY_STUDY_LIMITS.units.max * ASYNC_TASKS_PER_STEP;
    expect(largest).toBeLessThanOrEqual(unitLimitFor('async').max);
    expect(engineLimitRefusal([], spec('async', largest), 16 * GB)).toBeNull();
  });
});
