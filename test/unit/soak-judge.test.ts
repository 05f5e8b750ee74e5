/** The soak's verdict: after the warm-up nothing may grow, no child may be left at rest, the loop stays quick. */
import { describe, expect, it } from 'vitest';
import { LOOP_P99_MAX_MS, RSS_GROWTH_MAX_BYTES, judge, type Reading } from '../../bench/soak/judge.js';

const MB = 2 ** 20;
const reading = (minute: number, over: Partial<Reading> = {}): Reading => ({
  minute,
  rssBytes: 100 * MB,
  heapUsedBytes: 20 * MB,
  fds: 40,
  children: 0,
  loopP99Ms: 12,
  loopMaxMs: 30,
  samplerDriftP99Ms: 3,
  listeners: 12,
  heldRuns: 0,
  runsStarted: minute * 30,
  ...over,
});
const flat = [0, 1, 2, 3].map((m) => reading(m));

describe('the soak judge', () => {
  it('passes flat readings', () => {
    expect(judge(flat, 1, [])).toEqual([]);
  });

  it('ignores growth during the warm-up', () => {
    expect(judge([reading(0, { rssBytes: 40 * MB, fds: 20, listeners: 3 }), ...flat.slice(1)], 1, [])).toEqual([]);
  });

  it('fails RSS growth over the bound after the warm-up, and not at the bound', () => {
    expect(judge([...flat, reading(4, { rssBytes: 100 * MB + RSS_GROWTH_MAX_BYTES })], 1, [])).toEqual([]);
    expect(judge([...flat, reading(4, { rssBytes: 100 * MB + RSS_GROWTH_MAX_BYTES + 1 })], 1, [])[0]).toMatch(/^RSS grew 20\.0 MB/);
  });

  it('fails any growth of fds or listeners, a slow loop, children at rest and the violations seen on the way', () => {
    const failures = judge(
      [...flat, reading(4, { fds: 41, listeners: 13, loopP99Ms: LOOP_P99_MAX_MS + 1, children: 1 })],
      1,
      ['run r7: pids 123 alive 2000 ms after it ended'],
    );
    expect(failures).toEqual([
      'run r7: pids 123 alive 2000 ms after it ended',
      'open fds grew: 40 at minute 1, 41 at minute 4',
      'listeners grew: 12 at minute 1, 13 at minute 4',
      `minute 4: event-loop delay p99 ${LOOP_P99_MAX_MS + 1} ms (at most ${LOOP_P99_MAX_MS})`,
      'minute 4: 1 child processes at rest',
    ]);
  });
});
