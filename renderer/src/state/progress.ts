/**
 * How far along a run is, for its lane: by time when the run has a duration (every unit runs that
 * long), by units ended when it has a fixed amount of work (nobody knows the time in advance).
 */
import { LIMITS } from '../../../contract/limits.js';
import { type RunSpec } from '../../../contract/schemas.js';
import type { WatchInfo, WatchSummary } from '../../../contract/watch.js';
import { formatMs } from '../../../lib/format.js';
import type { RunSummary } from '../../../contract/run-events.js';
import type { RunLane } from './runs.js';

export interface Progress {
  /** 0 … 1 */
  fraction: number;
  basis: 'time' | 'units';
  elapsedMs: number;
  /** null when it can't be told (work-based before any unit ended) */
  remainingMs: number | null;
  /** true when the remaining time is extrapolated from the rate so far, not known */
  estimated: boolean;
}

/** A unit was killed or cancelled (Stop, or the engine shutting down) rather than every unit finishing. */
const stoppedEarly = (summary: RunSummary): boolean => summary.unitResults.some((u) => u.state === 'killed' || u.state === 'cancelled');

/** The duration every unit runs, as the workload host applies it (its default when neither is given). */
function durationOf(spec: RunSpec): number | null {
  if (spec.durationS !== undefined) return spec.durationS;
  return spec.work === undefined ? LIMITS.durationS.default : null;
}

export function progressOf(lane: RunLane, now: number): Progress {
  const units = Math.max(1, lane.spec.units);
  const byUnits = Math.min(1, lane.unitsEnded / units);
  if (lane.summary) {
    // a run stopped early shows how far it got (by time, or by the units that finished), not 100 %
    const d = durationOf(lane.spec);
    const reached = !stoppedEarly(lane.summary)
      ? 1
      : d !== null
        ? Math.min(1, lane.summary.wallMs / (d * 1000))
        : lane.summary.unitResults.filter((u) => u.state === 'done').length / units;
    return { fraction: reached, basis: d !== null ? 'time' : 'units', elapsedMs: lane.summary.wallMs, remainingMs: 0, estimated: false };
  }

  const elapsedMs = Math.max(0, (lane.endedAt ?? now) - lane.startedAt); // a lost lane stops its clock where it was lost
  const durationS = durationOf(lane.spec);
  if (durationS !== null) {
    const totalMs = durationS * 1000;
    const fraction = Math.min(1, Math.max(elapsedMs / totalMs, byUnits));
    return { fraction, basis: 'time', elapsedMs, remainingMs: Math.max(0, totalMs - elapsedMs), estimated: false };
  }
  // work-based: the units that ended so far give a rate; say "about" because units may not be even
  const remainingMs = byUnits > 0 ? (elapsedMs * (1 - byUnits)) / byUnits : null;
  return { fraction: byUnits, basis: 'units', elapsedMs, remainingMs, estimated: true };
}

/** The lane's title: "process · cpu × 4". */
export const laneTitle = (spec: RunSpec): string => `${spec.mode} · ${spec.workload} × ${spec.units.toLocaleString('en-US')}`;

/** What each unit does, in a few words: "5 s each", "work 400 blocks, split", "64 MB per unit, 5 s each". */
export function laneDetail(spec: RunSpec): string {
  const duration = durationOf(spec);
  const parts: string[] = [];
  if (spec.workload === 'mem') parts.push(`${spec.mb ?? LIMITS.mb.default} MB per unit`);
  if (spec.work !== undefined) parts.push(`work ${spec.work} blocks, split`);
  else if (duration !== null) parts.push(`${duration} s each`);
  if (spec.runtime !== 'node') parts.push(spec.runtime);
  return parts.join(', ');
}

/**
 * The word on a lane's badge. "stopped" when a unit was killed or cancelled (Stop, or the engine
 * shutting down) rather than every unit finishing; "connection lost" while the page can't know.
 */
export function laneStatus(lane: RunLane, connected: boolean, stopping: boolean): string {
  if (lane.lost) return 'connection lost';
  if (lane.summary) return stoppedEarly(lane.summary) ? 'stopped' : 'ended';
  if (lane.endedAt !== null) return 'ended';
  if (!connected) return 'connection lost';
  if (stopping) return 'stopping…';
  return lane.unitsEnded > 0 ? 'finishing' : 'running';
}

const MAX_TITLE_CHARS = 72;

/** A watched program's lane title: "watch · python3 train.py" (a long command line cut with …). */
export function watchTitle(w: WatchInfo): string {
  const cmd = w.command.length > MAX_TITLE_CHARS ? `${w.command.slice(0, MAX_TITLE_CHARS - 1)}…` : w.command;
  return `watch · ${cmd}`;
}

/** What Stop does to it: an attached process is left running, a started command's whole tree ends. */
export const watchDetail = (w: WatchInfo): string =>
  w.attached ? `pid ${w.rootPid}, attached: Stop detaches and leaves it running` : `pid ${w.rootPid}, started here: Stop ends its whole tree`;

/** What an ended watch's lane adds to the run summary: its exit code, CPU no sample saw, and its note (threads left out). */
export function watchEndNotes(w: Pick<WatchSummary, 'attached' | 'exitCode' | 'endedBetweenSamples' | 'note'>): string[] {
  const notes: string[] = [];
  if (!w.attached && w.exitCode !== null) notes.push(`exit code ${w.exitCode}`);
  if (w.endedBetweenSamples.cpuMs > 0) notes.push(`${formatMs(w.endedBetweenSamples.cpuMs)} CPU in children that ended between samples (in the CPU time)`);
  if (w.note) notes.push(w.note);
  return notes;
}
