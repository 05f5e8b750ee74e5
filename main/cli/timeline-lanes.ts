/**
 * A scenario's timeline as text lanes, one row per unit, time running left to right: what the app
 * draws, in the terminal. Pure: a function of the timeline so far and the time shown.
 */
import type { UnitState } from '../../contract/domain.js';
import type { TimelineEntry } from '../../contract/run-events.js';
import { formatMs } from '../../lib/format.js';

/** What a lane shows while a unit is in a state, and the mark where it ended. */
const GLYPH: Record<UnitState, string> = {
  queued: ' ',
  starting: '·',
  running: '█',
  'waiting(lock)': '▒',
  'waiting(semaphore)': '░',
  'waiting(io)': '─',
  done: '✓',
  cancelled: '×',
  failed: '!',
  killed: '†',
};
const FINAL = new Set<UnitState>(['done', 'cancelled', 'failed', 'killed']);
export const LANE_LEGEND = '█ running  ─ waiting(io)  ▒ waiting(lock)  ░ waiting(semaphore)  ✓ done  × cancelled  † killed  ! failed';

const MAX_LANES = 16;

/** Each unit's entries in order of time, units in order of first appearance. */
function byUnit(timeline: readonly TimelineEntry[]): Map<string, TimelineEntry[]> {
  const lanes = new Map<string, TimelineEntry[]>();
  for (const e of timeline) {
    const lane = lanes.get(e.unit) ?? [];
    lane.push(e);
    lanes.set(e.unit, lane);
  }
  return lanes;
}

/** One lane, `width` columns for `spanMs`: each column shows the state the unit was in at its start. */
function lane(entries: readonly TimelineEntry[], spanMs: number, width: number): string {
  let out = '';
  let i = 0;
  let ended = false;
  for (let col = 0; col < width; col++) {
    const until = col === width - 1 ? Infinity : ((col + 1) * spanMs) / width; // the last column takes what ends at spanMs
    let mark: string | null = null;
    while (i < entries.length && entries[i].tMs < until) {
      if (FINAL.has(entries[i].state)) mark = GLYPH[entries[i].state];
      i++;
    }
    const state = i > 0 ? entries[i - 1].state : 'starting';
    if (ended) out += ' ';
    else if (mark) {
      out += mark;
      ended = true;
    } else out += GLYPH[state];
  }
  return out;
}

export function renderLanes(timeline: readonly TimelineEntry[], spanMs: number, columns = 80): string {
  const lanes = byUnit(timeline);
  const names = [...lanes.keys()];
  const nameWidth = Math.min(18, Math.max(4, ...names.map((n) => n.length)));
  const width = Math.max(20, Math.min(100, columns - nameWidth - 3));
  const span = Math.max(spanMs, 1);
  const rows = names.slice(0, MAX_LANES).map((n) => `${n.slice(0, nameWidth).padEnd(nameWidth)} │${lane(lanes.get(n) ?? [], span, width)}`);
  if (names.length > MAX_LANES) {
    const ends = new Map<string, number>();
    for (const entries of lanes.values()) {
      const last = entries[entries.length - 1].state;
      ends.set(last, (ends.get(last) ?? 0) + 1);
    }
    const counts = [...ends].map(([s, n]) => `${n} ${s}`).join(', ');
    rows.push(`${''.padEnd(nameWidth)}  … and ${names.length - MAX_LANES} more units (all ${names.length} now: ${counts})`);
  }
  const axis = `${''.padEnd(nameWidth)} └${'0'.padEnd(width - formatMs(span).length, '─')}${formatMs(span)}`;
  return [...rows, axis].join('\n');
}
