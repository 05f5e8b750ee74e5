/** The soak's verdict on its minute-by-minute readings: pure, so its thresholds are tested alone. */

export interface Reading {
  minute: number;
  rssBytes: number;
  heapUsedBytes: number;
  fds: number;
  children: number;
  loopP99Ms: number;
  loopMaxMs: number;
  samplerDriftP99Ms: number;
  listeners: number;
  heldRuns: number;
  runsStarted: number;
  /** the browser client's page (null: the soak ran without one, and its report says why) */
  page: PageReading | null;
}

export interface PageReading {
  /** requestAnimationFrame gaps over a window while runs were live (null: no such window this minute) */
  frameP95Ms: number | null;
  frames: number;
  /** runs going when the frame window opened */
  liveRuns: number;
  /** after a forced GC, at rest */
  heapUsedBytes: number;
  domNodes: number;
  scenarioDomNodes: number;
  listeners: number;
}

export const RSS_GROWTH_MAX_BYTES = 20 * 1024 * 1024;
export const LOOP_P99_MAX_MS = 50;
/** the page's frames while runs are live: at 50 ms a frame the charts visibly stutter */
export const FRAME_P95_MAX_MS = 50;
/** the page's JS heap after a forced GC: its rings are preallocated, its lists capped, so it stays within this */
export const PAGE_HEAP_GROWTH_MAX_BYTES = 10 * 1024 * 1024;
/** DOM nodes on either tab: what is on screen at rest varies with which runs ended last, never more than this */
export const DOM_NODES_GROWTH_MAX = 3000;

/** The readings from `warmupMinutes` on are judged against the one taken then; `violations` are failures found on the way. */
export function judge(readings: readonly Reading[], warmupMinutes: number, violations: readonly string[]): string[] {
  const failures = [...violations];
  const base = readings.find((r) => r.minute >= warmupMinutes);
  if (!base) return [...failures, `no reading after the ${warmupMinutes}-minute warm-up`];
  const after = readings.filter((r) => r.minute > base.minute);
  const last = readings[readings.length - 1];
  if (last.rssBytes - base.rssBytes > RSS_GROWTH_MAX_BYTES)
    failures.push(`RSS grew ${((last.rssBytes - base.rssBytes) / 2 ** 20).toFixed(1)} MB after minute ${base.minute} (at most 20 MB)`);
  for (const r of after) {
    if (r.fds > base.fds) failures.push(`open fds grew: ${base.fds} at minute ${base.minute}, ${r.fds} at minute ${r.minute}`);
    if (r.listeners > base.listeners) failures.push(`listeners grew: ${base.listeners} at minute ${base.minute}, ${r.listeners} at minute ${r.minute}`);
    if (r.heldRuns > 0) failures.push(`minute ${r.minute}: the engine still holds ${r.heldRuns} ended runs`);
  }
  for (const r of readings.filter((x) => x.minute >= base.minute))
    if (r.loopP99Ms > LOOP_P99_MAX_MS) failures.push(`minute ${r.minute}: event-loop delay p99 ${r.loopP99Ms} ms (at most ${LOOP_P99_MAX_MS})`);
  for (const r of readings) if (r.children > 0) failures.push(`minute ${r.minute}: ${r.children} child processes at rest`);
  return [...failures, ...judgePage(readings, base)];
}

/** The browser client's readings, from the warm-up's on: quick frames while runs go, a page that does not grow. */
function judgePage(readings: readonly Reading[], base: Reading): string[] {
  const failures: string[] = [];
  const b = base.page;
  if (!b) return failures;
  const judged = readings.filter((r) => r.minute >= base.minute);
  for (const { minute, page } of judged) {
    if (!page) failures.push(`minute ${minute}: the page was not read`);
    else if (page.frameP95Ms !== null && page.frameP95Ms >= FRAME_P95_MAX_MS)
      failures.push(`minute ${minute}: page frame p95 ${page.frameP95Ms} ms (under ${FRAME_P95_MAX_MS})`);
  }
  // a minute taken up by a study may have had no window with the user's runs live; most minutes must have one
  const measured = judged.filter((r) => r.page?.frameP95Ms != null).length;
  if (measured * 2 < judged.length) failures.push(`the page's frames were measured in ${measured} of ${judged.length} minutes from minute ${base.minute} (at least half)`);
  const last = judged[judged.length - 1].page;
  if (!last) return failures;
  if (last.heapUsedBytes - b.heapUsedBytes > PAGE_HEAP_GROWTH_MAX_BYTES)
    failures.push(`page heap grew ${((last.heapUsedBytes - b.heapUsedBytes) / 2 ** 20).toFixed(1)} MB after minute ${base.minute} (at most ${PAGE_HEAP_GROWTH_MAX_BYTES / 2 ** 20} MB)`);
  for (const [key, tab] of [['domNodes', 'Live'], ['scenarioDomNodes', 'Scenarios']] as const)
    for (const { minute, page } of judged)
      if (page && page[key] - b[key] > DOM_NODES_GROWTH_MAX)
        failures.push(`page DOM nodes (${tab} tab) grew: ${b[key]} at minute ${base.minute}, ${page[key]} at minute ${minute} (at most +${DOM_NODES_GROWTH_MAX})`);
  return failures;
}

/** The soak's long `corescope run … --json` (long-cli-run.ts): what it was read as, and how it ended. */
export interface LongRunReport {
  command: string;
  minutes: number;
  /** every 30 s of its life, from /proc: atS seconds after it was started */
  readings: Array<{ atS: number; rssBytes: number; fds: number; children: number }>;
  exitCode: number | null;
  stdoutBytes: number;
  stdoutLines: number;
  /** from its JSON (null: it printed none that parsed) */
  summary: { wallMs: number; units: number; states: string[] } | null;
  /** pids of its units still running 2 s after the CLI ended */
  unitsLeft: number[];
  stderr: string;
}

/** the CLI's RSS from the end of its first minute to its last reading */
export const CLI_RSS_GROWTH_MAX_BYTES = 10 * 1024 * 1024;
/** one JSON summary of a few units: its size does not depend on how long the run was */
export const CLI_OUTPUT_MAX_BYTES = 16 * 1024;

/** The long CLI run's verdict: it ran its whole time, printed one bounded summary, did not grow, left nothing. */
export function judgeLongRun(r: LongRunReport): string[] {
  const failures: string[] = [];
  const what = `the ${r.minutes}-minute CLI run`;
  if (r.exitCode !== 0) failures.push(`${what} exited ${r.exitCode}: ${r.stderr.split('\n').slice(-1)[0] ?? ''}`);
  if (!r.summary || r.stdoutLines !== 1) failures.push(`${what} printed ${r.stdoutLines} lines, not one JSON summary`);
  if (r.stdoutBytes > CLI_OUTPUT_MAX_BYTES) failures.push(`${what} printed ${r.stdoutBytes} bytes (at most ${CLI_OUTPUT_MAX_BYTES})`);
  if (r.summary) {
    const notDone = r.summary.states.filter((s) => s !== 'done');
    if (notDone.length) failures.push(`${what}: ${notDone.length} of ${r.summary.units} units ended ${[...new Set(notDone)].join(', ')}`);
    if (r.summary.wallMs < r.minutes * 60_000) failures.push(`${what} ended after ${(r.summary.wallMs / 1000).toFixed(1)} s`);
  }
  if (r.unitsLeft.length) failures.push(`${what}: units ${r.unitsLeft.join(',')} still running 2 s after it ended`);
  const base = r.readings.find((x) => x.atS >= 60);
  const last = r.readings[r.readings.length - 1];
  if (!base || base === last) return [...failures, `${what} was read too few times after its first minute`];
  if (last.rssBytes - base.rssBytes > CLI_RSS_GROWTH_MAX_BYTES)
    failures.push(`${what}: RSS grew ${((last.rssBytes - base.rssBytes) / 2 ** 20).toFixed(1)} MB from ${base.atS} s to ${last.atS} s (at most ${CLI_RSS_GROWTH_MAX_BYTES / 2 ** 20} MB)`);
  for (const x of r.readings.filter((x) => x.atS > base.atS))
    if (x.fds > base.fds) failures.push(`${what}: open fds grew: ${base.fds} at ${base.atS} s, ${x.fds} at ${x.atS} s`);
  return failures;
}
