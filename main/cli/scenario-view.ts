/**
 * What `corescope scenario` prints without --json: the timeline as lanes and the outcome next to what
 * the article says. Pure functions of the result and the catalog's words.
 */
import type { ScenarioInfo } from '../../contract/catalog.js';
import type { Runtime } from '../../contract/domain.js';
import type { LowHigh } from '../../contract/host-protocol.js';
import type { ScenarioResult, TimelineEntry } from '../../contract/run-events.js';
import { formatMs } from '../../lib/format.js';
import { LANE_LEGEND, renderLanes } from './timeline-lanes.js';

const modeWords = { process: 'processes', thread: 'worker threads', async: 'async tasks' } as const;
const pythonModeWords = { process: 'Python processes (multiprocessing)', thread: 'Python threads', async: 'asyncio tasks' } as const;

function scenarioHeader(info: ScenarioInfo, mode: keyof typeof modeWords, runtime: Runtime = 'node'): string {
  const as = info.name === 'gil' ? 'Python threads, then Python processes' : (runtime === 'python' ? pythonModeWords : modeWords)[mode];
  return `CoreScope · ${info.title} (${info.name}) as ${as}\n${info.summary}`;
}

/** The live view: lanes so far. */
export function liveScenarioView(
  info: ScenarioInfo,
  mode: keyof typeof modeWords,
  timeline: readonly TimelineEntry[],
  elapsedMs: number,
  columns: number,
  runtime: Runtime = 'node',
) {
  return [scenarioHeader(info, mode, runtime), `running · ${formatMs(elapsedMs)}`, renderLanes(timeline, elapsedMs, columns)].join('\n');
}

const isLowHigh = (v: unknown): v is LowHigh => typeof v === 'object' && v !== null && 'min' in v && 'max' in v;

/** "expected 30 · actual 20", one line per array-valued field that is better on lines of its own. */
function outcomeLines(outcome: ScenarioResult['outcome']): string[] {
  if (!outcome) return ['no outcome: the scenario was stopped before it could say'];
  const inline: string[] = [];
  const own: string[] = [];
  for (const [key, value] of Object.entries(outcome)) {
    if (Array.isArray(value) && value.some((v) => typeof v === 'string' && v.length > 12)) own.push(...value.map((v) => `  ${v}`));
    else inline.push(`${key} ${Array.isArray(value) ? `[${value.join(', ')}]` : isLowHigh(value) ? `${value.min}–${value.max}` : String(value)}`);
  }
  return [inline.join(' · '), ...own];
}

export function finalScenarioView(info: ScenarioInfo, result: ScenarioResult, columns: number): string {
  const end = Math.max(result.wallMs, ...result.timeline.map((e) => e.tMs));
  const [first, ...rest] = outcomeLines(result.outcome);
  return [
    scenarioHeader(info, result.mode, result.runtime),
    '',
    renderLanes(result.timeline, end, columns),
    LANE_LEGEND,
    '',
    `outcome   ${first}`,
    ...rest.map((l) => `          ${l}`),
    `article   ${info.article}`,
    `watch     ${info.watch}`,
    `wall      ${formatMs(result.wallMs)} (run ${result.runId}, host start-up included)`,
  ].join('\n');
}
