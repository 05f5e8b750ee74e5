/**
 * The kill matrix's rows: every kind of process CoreScope starts, how to start a run that has one,
 * how to find it in the process tree, and what the run must say once it has been killed with -9.
 * One table, so the engine, CLI and `serve` columns of the matrix test the same kinds.
 */
import type { UnitState } from '../../contract/domain.js';
import type { RunSpecInput, ScenarioSpecInput } from '../../contract/schemas.js';
import { cmdlineOf, commOf } from './process-tree.js';

type Start = { method: 'startRun'; params: RunSpecInput } | { method: 'runScenario'; params: ScenarioSpecInput };

export interface Kind {
  /** the kind's name, as the test names and the README's "No orphans" list say it */
  name: string;
  start: Start;
  /** is this pid the process of this kind? */
  is: (pid: number) => boolean;
  /**
   * after the kill: 'all-killed' — the victim hosted every unit, so every unit is killed;
   * 'one-killed' — the victim was one unit, killed, while the others finish 'done';
   * 'all-failed' — the victim served the units (the slow HTTP server), whose requests then fail with a reason.
   */
  expect: 'all-killed' | 'one-killed' | 'all-failed';
  /** one-killed: how the others end (a scenario's script may cancel them once one has ended); default done */
  others?: 'done' | 'cancelled';
  /** kill only once a process like this runs below the engine too (a scenario host's units) */
  readyWhen?: (pid: number) => boolean;
}

const runs = (part: string) => (pid: number) => cmdlineOf(pid).includes(part);
// long enough that nothing ends by itself while the test kills; short ones for rows where the others must finish
const LONG_S = 60;
const SHORT_S = 4;
const pythonHost = runs('/workloads/python/host.py');
/** a multiprocessing unit keeps its host's command line but names itself cs-p<unit> */
const pythonUnit = (pid: number) => commOf(pid).startsWith('cs-p') && pythonHost(pid);
const scenarioHost = (mode: 'async' | 'thread'): Kind => ({
  name: `scenario host (${mode})`,
  start: { method: 'runScenario', params: { name: 'semaphore', mode, jobs: 3, limit: 2, jobSeconds: LONG_S } },
  is: runs('scenario-host'),
  expect: 'all-killed',
});
const scenarioUnit = runs('scenario-process-unit');
/** first-completed: hello waits 5 s, bye 2 s, each a process of its own; the first to end cancels the other */
const FIRST_COMPLETED_PROCESS: Start = { method: 'runScenario', params: { name: 'first-completed', mode: 'process' } };

export const KINDS: Kind[] = [
  {
    name: 'process unit',
    start: { method: 'startRun', params: { mode: 'process', workload: 'io-sleep', units: 2, durationS: SHORT_S } },
    is: runs('loop-host'),
    expect: 'one-killed',
  },
  {
    name: 'thread host',
    start: { method: 'startRun', params: { mode: 'thread', workload: 'cpu', units: 2, durationS: LONG_S } },
    is: runs('thread-host'),
    expect: 'all-killed',
  },
  {
    name: 'async loop host',
    start: { method: 'startRun', params: { mode: 'async', workload: 'cpu', units: 4, durationS: LONG_S } },
    is: runs('loop-host'),
    expect: 'all-killed',
  },
  scenarioHost('async'),
  scenarioHost('thread'),
  {
    name: 'scenario host (process)',
    start: FIRST_COMPLETED_PROCESS,
    is: runs('scenario-host'),
    readyWhen: scenarioUnit,
    expect: 'all-killed',
  },
  {
    name: 'scenario process unit',
    start: FIRST_COMPLETED_PROCESS,
    is: scenarioUnit,
    expect: 'one-killed',
    others: 'cancelled',
  },
  {
    name: 'Python host',
    start: { method: 'startRun', params: { runtime: 'python', mode: 'process', workload: 'io-sleep', units: 2, durationS: LONG_S } },
    is: (pid) => pythonHost(pid) && !pythonUnit(pid),
    // its units are up: their end proves PR_SET_PDEATHSIG (a host killed with -9 can't end them itself)
    readyWhen: pythonUnit,
    expect: 'all-killed',
  },
  {
    name: 'Python multiprocessing unit',
    start: { method: 'startRun', params: { runtime: 'python', mode: 'process', workload: 'io-sleep', units: 2, durationS: SHORT_S } },
    is: pythonUnit,
    expect: 'one-killed',
  },
  {
    name: 'Python scenario host',
    start: { method: 'runScenario', params: { name: 'semaphore', runtime: 'python', mode: 'thread', jobs: 3, limit: 2, jobSeconds: LONG_S } },
    is: (pid) => pythonHost(pid) && !pythonUnit(pid),
    expect: 'all-killed',
  },
  {
    name: 'slow HTTP server of gather --workload http',
    start: { method: 'runScenario', params: { name: 'gather', mode: 'async', workload: 'http', tasks: 50, sleepS: LONG_S } },
    is: runs('slow-http-server'),
    expect: 'all-failed',
  },
];

/** The same start as `corescope` arguments, for the CLI column. */
export function cliArgs(start: Start): string[] {
  const flags = (o: Record<string, unknown>, names: Record<string, string>) =>
    Object.entries(o).flatMap(([k, v]) => (k === 'name' ? [] : [`--${names[k] ?? k}`, String(v)]));
  if (start.method === 'startRun') return ['run', ...flags(start.params, { durationS: 'duration' }), '--json'];
  return ['scenario', start.params.name, ...flags(start.params, { jobSeconds: 'job-seconds', sleepS: 'sleep' }), '--json'];
}

/** Do the run's final unit states say what the kill of this kind must leave? */
export function endedAsExpected(kind: Kind, states: UnitState[], victimIndex: number): boolean {
  if (kind.expect === 'all-killed') return states.every((x) => x === 'killed');
  if (kind.expect === 'all-failed') return states.every((x) => x === 'failed');
  return states[victimIndex] === 'killed' && states.every((x, j) => j === victimIndex || x === (kind.others ?? 'done'));
}
