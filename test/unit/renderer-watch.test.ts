/**
 * The Live tab's "Watch a program" logic, apart from drawing: the command line split as a shell would
 * (and refused as the contract refuses it), where the command field shows, a watched tree's threads
 * collected into timeline lanes from snapshots, and its threads nested under their process in the table.
 */
import { describe, expect, it } from 'vitest';
import type { OsState } from '../../contract/domain.js';
import type { RunEvent, RunSummary } from '../../contract/run-events.js';
import type { Snapshot, UnitSample } from '../../contract/snapshot.js';
import { splitCommandLine } from '../../lib/command-line.js';
import { watchDetail, watchEndNotes, watchTitle } from '../../renderer/src/state/progress.js';
import { EMPTY_RUNS, runsReducer } from '../../renderer/src/state/runs.js';
import { DEFAULT_SORT, tableRows } from '../../renderer/src/state/units-table.js';
import { checkCommand, commandFormShown } from '../../renderer/src/state/watch-form.js';
import { EMPTY_WATCH_RUNS, MAX_WATCHED_THREADS, watchEvents, watchLanes, watchSnapshot } from '../../renderer/src/state/watch-threads.js';

describe('the command line', () => {
  it('splits words as a shell does: quotes keep spaces, a backslash keeps the next character', () => {
    expect(splitCommandLine('  python3   train.py --epochs 3 ')).toEqual({ ok: true, argv: ['python3', 'train.py', '--epochs', '3'] });
    expect(splitCommandLine(`python3 -c 'import os; print("hi")'`)).toEqual({ ok: true, argv: ['python3', '-c', 'import os; print("hi")'] });
    expect(splitCommandLine(`echo "a \\"b\\" \\\\ c" d\\ e ''`)).toEqual({ ok: true, argv: ['echo', 'a "b" \\ c', 'd e', ''] });
    expect(splitCommandLine('echo $HOME *.py | wc')).toEqual({ ok: true, argv: ['echo', '$HOME', '*.py', '|', 'wc'] }); // no shell: what is typed runs
  });

  it('refuses an unclosed quote or a lone backslash, and an empty command, in one line', () => {
    expect(checkCommand(`python3 -c 'print(1)`)).toEqual({ ok: false, error: 'a single quote is not closed' });
    expect(checkCommand('sleep "1')).toEqual({ ok: false, error: 'a double quote is not closed' });
    expect(checkCommand('ls \\')).toEqual({ ok: false, error: 'the command ends with a lone backslash' });
    expect(checkCommand('   ')).toEqual({ ok: false, error: 'give a command to watch, e.g. python3 train.py' });
    expect(checkCommand(`'' x`)).toEqual({ ok: false, error: 'the command is empty' });
    expect(checkCommand('make -j2')).toEqual({ ok: true, argv: ['make', '-j2'] });
  });

  it('shows the command field on the desktop transport only, and only when the API carries watchCommand', () => {
    const desktopApi = { watchCommand: async () => ({ runId: 'r1' }) };
    expect(commandFormShown('electron', desktopApi)).toBe(true);
    expect(commandFormShown('websocket', desktopApi)).toBe(false);
    expect(commandFormShown('replay', desktopApi)).toBe(false);
    expect(commandFormShown('electron', {})).toBe(false);
  });
});

const T0 = 1_000_000;
const started: RunEvent = { type: 'run-started', runId: 'r1', spec: { mode: 'process', runtime: 'node', workload: 'cpu', units: 4096 }, t: T0, watch: { command: 'python3 x.py', rootPid: 10, attached: true } };
const thread = (unitId: number, pid: number, tid: number, os: OsState, name = 'python3'): UnitSample => ({
  runId: 'r1',
  unitId,
  pid,
  tid,
  cpuPct: os === 'R' ? 90 : 0,
  bytes: 0,
  core: 0,
  state: 'running',
  watch: { name, ppid: 1, os },
});
const snap = (t: number, units: UnitSample[], live = units.length): Snapshot => ({
  t,
  intervalMs: 250,
  cores: [0],
  memory: { totalBytes: 1, usedBytes: 0, availableBytes: 1 },
  runs: [{ runId: 'r1', mode: 'process', live, states: {}, cpuPct: 0, bytes: 0, cores: [] }],
  units,
  self: { cpuPct: 0, hostsCpuPct: 0, bytes: 0 },
});

describe('a watched tree’s threads over time', () => {
  it('turns each thread’s kernel states into a lane, the process first and its threads under it, and marks threads that ended', () => {
    let s = watchEvents(EMPTY_WATCH_RUNS, [started]);
    s = watchSnapshot(s, snap(T0 + 250, [thread(1, 10, 11, 'R'), thread(0, 10, 10, 'S')]));
    s = watchSnapshot(s, snap(T0 + 500, [thread(0, 10, 10, 'S'), thread(1, 10, 11, 'D'), thread(2, 20, 20, 'R', 'worker')]));
    s = watchSnapshot(s, snap(T0 + 750, [thread(0, 10, 10, 'S'), thread(2, 20, 20, 'T', 'worker')])); // every unit listed: tid 11 ended
    const lanes = watchLanes(s.runs[0], 1000);
    expect(lanes.map((l) => l.name)).toEqual(['python3 10', '↳ python3 11', 'worker 20']);
    expect(lanes[1].segments).toEqual([
      { state: 'running', startMs: 250, endMs: 500 },
      { state: 'disk wait', startMs: 500, endMs: 750 },
      { state: 'ended', startMs: 750, endMs: 750 },
    ]);
    expect(lanes[2].segments.map((x) => x.state)).toEqual(['running', 'stopped']);
    expect(lanes[0].segments).toEqual([{ state: 'sleeping', startMs: 250, endMs: 1000 }]);
  });

  it('does not end a thread the snapshot merely did not list (more live units than listed)', () => {
    let s = watchEvents(EMPTY_WATCH_RUNS, [started]);
    s = watchSnapshot(s, snap(T0 + 250, [thread(0, 10, 10, 'S'), thread(1, 10, 11, 'R')]));
    s = watchSnapshot(s, snap(T0 + 500, [thread(0, 10, 10, 'S')], 2));
    expect(watchLanes(s.runs[0], 600)[1].state).toBe('running');
    s = watchEvents(s, [{ type: 'run-ended', runId: 'r1', t: T0 + 700, summary: {} as never }]);
    expect(watchLanes(s.runs[0], 700).map((l) => l.state)).toEqual(['ended', 'ended']);
    expect(watchSnapshot(s, snap(T0 + 900, [thread(0, 10, 10, 'R')]))).toBe(s); // an ended watch takes no more
  });

  it('keeps at most MAX_WATCHED_THREADS lanes, counting the rest, and ignores runs that are not watches', () => {
    let s = watchEvents(EMPTY_WATCH_RUNS, [{ ...started, watch: undefined }]);
    expect(s).toBe(EMPTY_WATCH_RUNS);
    s = watchEvents(s, [started]);
    const many = Array.from({ length: MAX_WATCHED_THREADS + 10 }, (_, i) => thread(i, 10, 10 + i, 'S'));
    s = watchSnapshot(s, snap(T0 + 250, many));
    expect(s.runs[0].threads).toHaveLength(MAX_WATCHED_THREADS);
    expect(s.runs[0].threadsLeftOut).toBe(10);
  });
});

describe('the unit table with a watched tree', () => {
  it('nests each process’s threads under it, where its busiest row sorts', () => {
    const other: UnitSample = { runId: 'r2', unitId: 0, pid: 99, tid: null, cpuPct: 50, bytes: 0, core: 1, state: 'running' };
    const units = [thread(0, 10, 10, 'S'), thread(1, 10, 11, 'R'), thread(2, 10, 12, 'R'), thread(3, 20, 20, 'S', 'worker'), other];
    units[1].cpuPct = 95;
    units[2].cpuPct = 40;
    const { rows } = tableRows(units, () => 'process', DEFAULT_SORT);
    expect(rows.map((r) => `${r.pid}/${r.tid}/${r.depth}`)).toEqual(['10/10/0', '10/11/1', '10/12/1', '99/null/0', '20/20/0']);
  });
});

describe('a watched tree’s lane', () => {
  it('says what is watched and what Stop does, and once ended its exit code, unseen CPU and note', () => {
    let runs = runsReducer(EMPTY_RUNS, { type: 'events', events: [started] });
    const lane = runs.lanes[0];
    expect(lane.watch).toEqual({ command: 'python3 x.py', rootPid: 10, attached: true });
    expect(watchTitle(lane.watch!)).toBe('watch · python3 x.py');
    expect(watchTitle({ ...lane.watch!, command: `python3 ${'a'.repeat(100)}` })).toBe(`watch · python3 ${'a'.repeat(63)}…`); // the command cut at 72 characters
    expect(watchDetail(lane.watch!)).toBe('pid 10, attached: Stop detaches and leaves it running');
    expect(watchDetail({ ...lane.watch!, attached: false })).toBe('pid 10, started here: Stop ends its whole tree');

    const summary = { runId: 'r1', command: 'sh x', rootPid: 10, attached: false, exitCode: 3, wallMs: 900, cores: { count: 1, busyPct: [50] }, cpuMs: 1200, endedBetweenSamples: { count: 4, cpuMs: 860 }, processes: [], note: '12 threads not read at the end: over 4096, the busiest processes kept theirs' };
    const runSummary = { runId: 'r1', mode: 'process', runtime: 'node', workload: 'cpu', units: 0, wallMs: 900, cpuMs: 1200, cores: summary.cores, memory: { peakTotalBytes: 0, baselineBytes: 0, perUnitBytes: 0, measure: 'pss' }, spawn: { p50Ms: 0, maxMs: 0 }, unitResults: [] } satisfies RunSummary;
    runs = runsReducer(runs, { type: 'events', events: [{ type: 'run-ended', runId: 'r1', t: T0 + 900, summary: runSummary, watch: summary }] });
    expect(watchEndNotes(runs.lanes[0].watchSummary!)).toEqual(['exit code 3', '860 ms CPU in children that ended between samples (in the CPU time)', summary.note]);
    expect(watchEndNotes({ attached: true, exitCode: null, endedBetweenSamples: { count: 0, cpuMs: 0 } })).toEqual([]);
  });
});
