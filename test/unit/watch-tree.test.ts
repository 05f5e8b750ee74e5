import { describe, expect, it } from 'vitest';
import { parseChildren, parseCmdline, parsePasswd, parsePidStat, parseStatusUid, type PidStat } from '../../lib/proc-pid-parse.js';
import { TreeState, type ProcReading } from '../../main/engine/watch/tree-state.js';

// a name with spaces and ')' in it, as a program may set: fields start after the LAST ')'
const STAT = '4242 (my (odd) proc) S 4200 4242 13904 0 -1 4194304 102 0 0 0 150 50 30 20 20 0 3 0 215375 3133440 416 18446744073709551615 1 2 3 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0';

describe('/proc/<pid>/stat of a watched process', () => {
  it('reads name, state, parent, CPU, children CPU, threads, start and core', () => {
    expect(parsePidStat(STAT)).toEqual({
      name: 'my (odd) proc',
      state: 'S',
      ppid: 4200,
      pgrp: 4242,
      cpuTicks: 200,
      childTicks: 50,
      threads: 3,
      startTicks: 215375,
      processor: 1,
    });
  });
  it('reads stopped/traced as T and dead as Z, and refuses text that is no stat', () => {
    expect(parsePidStat(STAT.replace(') S ', ') t '))?.state).toBe('T');
    expect(parsePidStat(STAT.replace(') S ', ') X '))?.state).toBe('Z');
    expect(parsePidStat('garbage')).toBeNull();
  });
  it('reads children, uid, passwd and cmdline', () => {
    expect(parseChildren('12 13 \n')).toEqual([12, 13]);
    expect(parseStatusUid('Name:\tx\nUid:\t1000\t1000\t1000\t1000\n')).toBe(1000);
    expect(parsePasswd('root:x:0:0::/root:/bin/sh\nme:x:1000:1000::/home/me:/bin/sh\n').get(1000)).toBe('me');
    expect(parseCmdline('python3\0-c\0print(1)\0')).toBe("python3 -c 'print(1)'");
  });
});

/** the machine booted at epoch 0 here: a start of 45 ticks is 450 ms into the scripted watch */
const BOOT = 0;
const stat = (over: Partial<PidStat>): PidStat => ({ name: 'p', state: 'R', ppid: 1, pgrp: 1, cpuTicks: 0, childTicks: 0, threads: 1, startTicks: 1, processor: 0, ...over });
const proc = (pid: number, over: Partial<PidStat>): ProcReading => ({ pid, stat: stat(over), threads: [{ tid: pid, stat: stat(over) }], bytes: 1000 });

describe('a watched tree over samples', () => {
  it('counts CPU of children no sample saw from the parent’s child ticks, without counting seen children twice', () => {
    const s = new TreeState(0, 10, false, 0, BOOT);
    s.apply({ t: 500, selfChildTicks: 0, processes: [proc(10, { cpuTicks: 5 }), proc(11, { ppid: 10, cpuTicks: 20, startTicks: 2 })] }, 500);
    s.apply({ t: 1000, selfChildTicks: 0, processes: [proc(10, { cpuTicks: 5 }), proc(11, { ppid: 10, cpuTicks: 30, startTicks: 2 })] }, 500);
    // child 11 (seen at 30 ticks, ended at 40) was reaped, and an unseen child of 25 ticks too: 10 + 25 unseen
    s.apply({ t: 1500, selfChildTicks: 0, processes: [proc(10, { cpuTicks: 6, childTicks: 65 })] }, 500);
    expect(s.endedBetweenSamples()).toEqual({ count: 1, cpuMs: 350 });
    const rows = s.processes('pss');
    expect(rows.map((p) => [p.pid, p.cpuMs, p.endMs])).toEqual([
      [10, 60, null],
      [11, 300, 1500],
    ]);
  });

  it('counts what the root it started used after the last sample, from CoreScope’s own child ticks', () => {
    const s = new TreeState(0, 10, false, 100, BOOT);
    s.apply({ t: 500, selfChildTicks: 100, processes: [proc(10, { cpuTicks: 20 })] }, 500);
    s.rootReaped(100 + 50, 0, new Map());
    expect(s.endedBetweenSamples().cpuMs).toBe(300);
    expect(s.rootExitCode).toBe(0);
  });

  it('does not count an attached process’s past children as its own', () => {
    const s = new TreeState(0, 10, true, null, BOOT);
    s.apply({ t: 500, selfChildTicks: 0, processes: [proc(10, { childTicks: 9999 })] }, 500);
    expect(s.endedBetweenSamples().cpuMs).toBe(0);
  });

  it('gives each thread a unit with its rate and the process memory once', () => {
    const s = new TreeState(0, 10, false, 0, BOOT);
    s.apply({ t: 500, selfChildTicks: 0, processes: [proc(10, { cpuTicks: 0 })] }, 500);
    s.apply({ t: 1000, selfChildTicks: 0, processes: [proc(10, { cpuTicks: 25 })] }, 500);
    const [u] = s.samples('r1', 500);
    expect(u).toMatchObject({ runId: 'r1', pid: 10, tid: 10, cpuPct: 50, bytes: 1000, state: 'running', watch: { os: 'R', ppid: 1 } });
  });
});

/**
 * Scripted /proc readings: each process as the text its /proc/<pid>/stat would hold, read through the
 * parser the scanner uses. Ticks are clock ticks (10 ms each).
 */
interface Script {
  ppid: number;
  utime: number;
  stime?: number;
  cutime?: number;
  cstime?: number;
  start?: number;
  name?: string;
}
const statText = (pid: number, s: Script) =>
  `${pid} (${s.name ?? 'python3'}) R ${s.ppid} ${pid} 0 0 -1 4194304 0 0 0 0 ${s.utime} ${s.stime ?? 0} ${s.cutime ?? 0} ${s.cstime ?? 0} 20 0 1 0 ${s.start ?? pid} 0 0 0 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0`;
const read = (pid: number, s: Script): ProcReading => {
  const parsed = parsePidStat(statText(pid, s));
  if (!parsed) throw new Error(`scripted stat of ${pid} does not parse`);
  return { pid, stat: parsed, threads: [{ tid: pid, stat: parsed }], bytes: 1000, cmdline: parsed.name };
};
/** what `watch --json` sums as the tree's cpuMs (watch-summary.ts): the rows, the ended-between-samples, the folded */
const totalMs = (s: TreeState) => s.processes('pss').reduce((n, p) => n + p.cpuMs, 0) + s.endedBetweenSamples().cpuMs + s.foldedAway.cpuMs;

describe('the root exits within one interval of its workers', () => {
  // a multiprocessing.Pool(2): root 10 forks workers 11 and 12, which spin; CoreScope's own child ticks were 0 at the start
  const pool = () => {
    const s = new TreeState(0, 10, false, 0, BOOT);
    s.apply({ t: 500, selfChildTicks: 0, processes: [read(10, { ppid: 1, utime: 5 }), read(11, { ppid: 10, utime: 90, stime: 10 }), read(12, { ppid: 10, utime: 95, stime: 5 })] }, 500);
    s.apply({ t: 1000, selfChildTicks: 0, processes: [read(10, { ppid: 1, utime: 6 }), read(11, { ppid: 10, utime: 140, stime: 10 }), read(12, { ppid: 10, utime: 145, stime: 5 })] }, 500);
    return s;
  };

  it('counts the workers’ seen CPU once: the root’s reaped total holds them, less what their rows hold', () => {
    const s = pool();
    // before the next sample: the workers end at 180 ticks each, the root waits for them (its cutime+cstime = 360)
    // and exits at 8 ticks of its own; CoreScope reaps it: its own child ticks grow by 8 + 360
    s.rootReaped(368, 0, new Map());
    expect(totalMs(s)).toBe(3680);
    // what no sample saw: the root's last 2 ticks and the workers' last 30 each
    expect(s.endedBetweenSamples().cpuMs).toBe(620);
    expect(s.processes('pss').map((p) => [p.pid, p.cpuMs, p.endMs === null])).toEqual([
      [10, 60, false],
      [11, 1500, false],
      [12, 1500, false],
    ]);
  });

  it('leaves a worker that outlives the root alive, and does not take its ticks from the root’s', () => {
    const s = pool();
    // worker 12 was not waited for and still runs (re-parented): the root's reaped total holds 11's 180 only
    s.rootReaped(8 + 180, 0, new Map([[12, 12]]));
    expect(s.known()).toEqual(new Map([[12, 12]]));
    s.apply({ t: 1500, selfChildTicks: 188, processes: [read(12, { ppid: 1, utime: 190, stime: 5 })] }, 500);
    s.apply({ t: 2000, selfChildTicks: 188, processes: [] }, 500);
    // 8 + 180 + 195: 12's last ticks after 1500 ms went to init's children, not ours to see
    expect(totalMs(s)).toBe(3830);
  });

  it('does not let a reading taken before the exit, applied after it, count the ended processes again', () => {
    const s = pool();
    s.rootReaped(368, 0, new Map());
    s.apply({ t: 1100, selfChildTicks: 0, processes: [read(10, { ppid: 1, utime: 7 }), read(11, { ppid: 10, utime: 160, stime: 10 }), read(12, { ppid: 10, utime: 165, stime: 5 })] }, 500);
    expect(totalMs(s)).toBe(3680);
  });
});

describe('a process seen in one sample only', () => {
  it('is a helper that lived less than an interval: no row, its CPU in ended-between-samples (a pyenv shim’s)', () => {
    const s = new TreeState(0, 10, false, 0, BOOT);
    s.apply({ t: 500, selfChildTicks: 0, processes: [read(10, { ppid: 1, utime: 1, name: 'bash' }), read(11, { ppid: 10, utime: 1, name: 'pyenv-version-n' })] }, 500);
    // the shim waited for its helper (3 ticks in all) and exec'd python3 (same pid)
    s.apply({ t: 1000, selfChildTicks: 0, processes: [read(10, { ppid: 1, utime: 40, cutime: 3 })] }, 500);
    s.apply({ t: 1500, selfChildTicks: 0, processes: [read(10, { ppid: 1, utime: 90, cutime: 3 })] }, 500);
    expect(s.processes('pss').map((p) => p.pid)).toEqual([10]);
    expect(s.endedBetweenSamples()).toEqual({ count: 1, cpuMs: 30 });
    expect(totalMs(s)).toBe(930);
  });

  it('keeps its seen CPU when no parent in the tree waited for it', () => {
    const s = new TreeState(0, 10, false, 0, BOOT);
    s.apply({ t: 500, selfChildTicks: 0, processes: [read(10, { ppid: 1, utime: 1 }), read(20, { ppid: 1, utime: 7, start: 45 })] }, 500);
    s.apply({ t: 1000, selfChildTicks: 0, processes: [read(10, { ppid: 1, utime: 2 })] }, 500);
    expect(s.processes('pss').map((p) => p.pid)).toEqual([10]);
    expect(s.endedBetweenSamples()).toEqual({ count: 1, cpuMs: 70 });
    expect(totalMs(s)).toBe(90);
  });

  it('is a helper still when a sampler catching up read it twice, 60 ms apart', () => {
    const s = new TreeState(0, 10, false, 0, BOOT);
    s.apply({ t: 500, selfChildTicks: 0, processes: [read(10, { ppid: 1, utime: 1, name: 'bash' }), read(11, { ppid: 10, utime: 1, start: 40 })] }, 500);
    s.apply({ t: 560, selfChildTicks: 0, processes: [read(10, { ppid: 1, utime: 2, name: 'bash' }), read(11, { ppid: 10, utime: 2, start: 40 })] }, 500);
    s.apply({ t: 1000, selfChildTicks: 0, processes: [read(10, { ppid: 1, utime: 30, cutime: 4 })] }, 500);
    expect(s.processes('pss').map((p) => p.pid)).toEqual([10]);
    expect(s.endedBetweenSamples()).toEqual({ count: 1, cpuMs: 40 });
    expect(totalMs(s)).toBe(340);
  });

  it('keeps its row when it was older than an interval (attached to a program whose child then ended)', () => {
    const s = new TreeState(10_000, 10, true, null, BOOT);
    // started 1 s after boot, first seen 9.5 s later at the first reading of the watch
    s.apply({ t: 10_500, selfChildTicks: 0, processes: [read(10, { ppid: 1, utime: 500 }), read(11, { ppid: 10, utime: 300, start: 100 })] }, 500);
    s.apply({ t: 11_000, selfChildTicks: 0, processes: [read(10, { ppid: 1, utime: 510, cutime: 305 })] }, 500);
    expect(s.processes('pss').map((p) => [p.pid, p.cpuMs, p.endMs])).toEqual([
      [10, 5100, null],
      [11, 3000, 1000],
    ]);
    expect(s.endedBetweenSamples()).toEqual({ count: 1, cpuMs: 50 });
  });

  it('is folded too when it is gone at the root’s exit, and the root keeps its row however short', () => {
    const s = new TreeState(0, 10, false, 0, BOOT);
    s.apply({ t: 500, selfChildTicks: 0, processes: [read(10, { ppid: 1, utime: 2 }), read(11, { ppid: 10, utime: 4 })] }, 500);
    // 11 ended at 6 ticks, the root at 3: 9 in CoreScope's child ticks
    s.rootReaped(9, 0, new Map());
    expect(s.processes('pss').map((p) => [p.pid, p.exitCode])).toEqual([[10, 0]]);
    expect(s.endedBetweenSamples()).toEqual({ count: 1, cpuMs: 70 });
    expect(totalMs(s)).toBe(90);
  });
});
