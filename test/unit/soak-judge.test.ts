/** The soak's verdict: after the warm-up nothing may grow, no child may be left at rest, the loop stays quick. */
import { describe, expect, it } from 'vitest';
import {
  DOM_NODES_GROWTH_MAX,
  FRAME_P95_MAX_MS,
  LOOP_P99_MAX_MS,
  PAGE_HEAP_GROWTH_MAX_BYTES,
  RSS_GROWTH_MAX_BYTES,
  judge,
  type PageReading,
  type Reading,
} from '../../bench/soak/judge.js';

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
  page: null,
  ...over,
});
const flat = [0, 1, 2, 3].map((m) => reading(m));

const page = (over: Partial<PageReading> = {}): PageReading => ({
  frameP95Ms: 18,
  frames: 590,
  liveRuns: 2,
  heapUsedBytes: 30 * MB,
  domNodes: 4000,
  scenarioDomNodes: 2500,
  listeners: 300,
  ...over,
});
/** with the browser client: minute 0 has no frame window (nothing was live yet) */
const withPage = [0, 1, 2, 3].map((m) => reading(m, { page: page(m === 0 ? { frameP95Ms: null, frames: 0, liveRuns: 0 } : {}) }));

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

  describe('with the browser client', () => {
    it('passes a quick page that does not grow, and ignores the warm-up', () => {
      expect(judge(withPage, 1, [])).toEqual([]);
      const warm = reading(0, { page: page({ frameP95Ms: null, heapUsedBytes: 5 * MB, domNodes: 100, scenarioDomNodes: 100 }) });
      expect(judge([warm, ...withPage.slice(1)], 1, [])).toEqual([]);
    });

    it(`fails a frame p95 of ${FRAME_P95_MAX_MS} ms or more after the warm-up, and not just under it`, () => {
      expect(judge([...withPage, reading(4, { page: page({ frameP95Ms: FRAME_P95_MAX_MS - 0.1 }) })], 1, [])).toEqual([]);
      expect(judge([...withPage, reading(4, { page: page({ frameP95Ms: FRAME_P95_MAX_MS }) })], 1, [])).toEqual([
        `minute 4: page frame p95 ${FRAME_P95_MAX_MS} ms (under ${FRAME_P95_MAX_MS})`,
      ]);
    });

    it('fails page heap growth over the bound (at the last reading), and not at the bound', () => {
      expect(judge([...withPage, reading(4, { page: page({ heapUsedBytes: 30 * MB + PAGE_HEAP_GROWTH_MAX_BYTES }) })], 1, [])).toEqual([]);
      expect(judge([...withPage, reading(4, { page: page({ heapUsedBytes: 30 * MB + PAGE_HEAP_GROWTH_MAX_BYTES + 1 }) })], 1, [])).toEqual([
        `page heap grew 10.0 MB after minute 1 (at most 10 MB)`,
      ]);
    });

    it('fails DOM nodes that grow over the bound on either tab, at any reading', () => {
      const grown = reading(3, { page: page({ domNodes: 4000 + DOM_NODES_GROWTH_MAX + 1, scenarioDomNodes: 2500 + DOM_NODES_GROWTH_MAX + 1 }) });
      expect(judge([...withPage.slice(0, 3), grown, withPage[3]], 1, [])).toEqual([
        `page DOM nodes (Live tab) grew: 4000 at minute 1, ${4000 + DOM_NODES_GROWTH_MAX + 1} at minute 3 (at most +${DOM_NODES_GROWTH_MAX})`,
        `page DOM nodes (Scenarios tab) grew: 2500 at minute 1, ${2500 + DOM_NODES_GROWTH_MAX + 1} at minute 3 (at most +${DOM_NODES_GROWTH_MAX})`,
      ]);
      expect(judge([...withPage, reading(4, { page: page({ domNodes: 4000 + DOM_NODES_GROWTH_MAX }) })], 1, [])).toEqual([]);
    });

    it('fails when fewer than half of the minutes had a frame window (a study may take one), or a page that went unread', () => {
      const unmeasured = (m: number) => reading(m, { page: page({ frameP95Ms: null, frames: 0 }) });
      expect(judge([...withPage, unmeasured(4)], 1, [])).toEqual([]);
      expect(judge([...withPage.slice(0, 3), unmeasured(3), unmeasured(4)], 1, [])).toEqual([]);
      expect(judge([...withPage.slice(0, 2), unmeasured(2), unmeasured(3), unmeasured(4)], 1, [])).toEqual([
        "the page's frames were measured in 1 of 4 minutes from minute 1 (at least half)",
      ]);
      expect(judge([...withPage, reading(4)], 1, [])).toEqual(['minute 4: the page was not read']);
    });
  });
});
