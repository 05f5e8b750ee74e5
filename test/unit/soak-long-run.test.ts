/** The soak's long CLI run's verdict: its whole time, one bounded JSON summary, no growth, nothing left. */
import { describe, expect, it } from 'vitest';
import { CLI_OUTPUT_MAX_BYTES, CLI_RSS_GROWTH_MAX_BYTES, judgeLongRun, type LongRunReport } from '../../bench/soak/judge.js';

const MB = 2 ** 20;
const readings = (n: number, at = (_i: number) => ({ rssBytes: 60 * MB, fds: 30 })) =>
  Array.from({ length: n }, (_, i) => ({ atS: (i + 1) * 30, children: 4, ...at(i) }));
const report = (over: Partial<LongRunReport> = {}): LongRunReport => ({
  command: 'corescope run --mode process --workload io-sleep --units 4 --duration 600 --interval 200 --json',
  minutes: 10,
  readings: readings(20),
  exitCode: 0,
  stdoutBytes: 1200,
  stdoutLines: 1,
  summary: { wallMs: 600_900, units: 4, states: ['done', 'done', 'done', 'done'] },
  unitsLeft: [],
  stderr: '',
  ...over,
});

describe('the long CLI run judge', () => {
  it('passes a run that took its time, printed one summary and stayed flat', () => {
    expect(judgeLongRun(report())).toEqual([]);
  });

  it('ignores the first minute, and fails RSS growth over the bound after it (not at it)', () => {
    const grow = (extra: number) => readings(20, (i) => ({ rssBytes: i === 0 ? 20 * MB : i === 19 ? 60 * MB + extra : 60 * MB, fds: i === 0 ? 20 : 30 }));
    expect(judgeLongRun(report({ readings: grow(CLI_RSS_GROWTH_MAX_BYTES) }))).toEqual([]);
    expect(judgeLongRun(report({ readings: grow(CLI_RSS_GROWTH_MAX_BYTES + 1) }))).toEqual([
      'the 10-minute CLI run: RSS grew 10.0 MB from 60 s to 600 s (at most 10 MB)',
    ]);
  });

  it('fails fds that grow, a bad exit, a wordy or missing summary, units not done, an early end, units left behind', () => {
    const failures = judgeLongRun(
      report({
        readings: readings(20, (i) => ({ rssBytes: 60 * MB, fds: i === 10 ? 31 : 30 })),
        exitCode: 1,
        stderr: 'first\ncorescope: boom',
        stdoutLines: 3,
        stdoutBytes: CLI_OUTPUT_MAX_BYTES + 1,
        summary: { wallMs: 300_000, units: 4, states: ['done', 'failed', 'killed', 'failed'] },
        unitsLeft: [4242],
      }),
    );
    expect(failures).toEqual([
      'the 10-minute CLI run exited 1: corescope: boom',
      'the 10-minute CLI run printed 3 lines, not one JSON summary',
      `the 10-minute CLI run printed ${CLI_OUTPUT_MAX_BYTES + 1} bytes (at most ${CLI_OUTPUT_MAX_BYTES})`,
      'the 10-minute CLI run: 3 of 4 units ended failed, killed',
      'the 10-minute CLI run ended after 300.0 s',
      'the 10-minute CLI run: units 4242 still running 2 s after it ended',
      'the 10-minute CLI run: open fds grew: 30 at 60 s, 31 at 330 s',
    ]);
    expect(judgeLongRun(report({ summary: null, stdoutLines: 0, stdoutBytes: 0, readings: readings(2) }))).toEqual([
      'the 10-minute CLI run printed 0 lines, not one JSON summary',
      'the 10-minute CLI run was read too few times after its first minute',
    ]);
  });
});
