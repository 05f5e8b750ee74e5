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
}

export const RSS_GROWTH_MAX_BYTES = 20 * 1024 * 1024;
export const LOOP_P99_MAX_MS = 50;

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
  return failures;
}
