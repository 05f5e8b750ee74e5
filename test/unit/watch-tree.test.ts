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

const stat = (over: Partial<PidStat>): PidStat => ({ name: 'p', state: 'R', ppid: 1, pgrp: 1, cpuTicks: 0, childTicks: 0, threads: 1, startTicks: 1, processor: 0, ...over });
const proc = (pid: number, over: Partial<PidStat>): ProcReading => ({ pid, stat: stat(over), threads: [{ tid: pid, stat: stat(over) }], bytes: 1000 });

describe('a watched tree over samples', () => {
  it('counts CPU of children no sample saw from the parent’s child ticks, without counting seen children twice', () => {
    const s = new TreeState(0, 10, false, 0);
    s.apply({ t: 500, selfChildTicks: 0, processes: [proc(10, { cpuTicks: 5 }), proc(11, { ppid: 10, cpuTicks: 30, startTicks: 2 })] });
    // child 11 (seen at 30 ticks, ended at 40) was reaped, and an unseen child of 25 ticks too: 10 + 25 unseen
    s.apply({ t: 1000, selfChildTicks: 0, processes: [proc(10, { cpuTicks: 6, childTicks: 65 })] });
    expect(s.endedBetweenSamples()).toEqual({ count: 1, cpuMs: 350 });
    const rows = s.processes('pss');
    expect(rows.map((p) => [p.pid, p.cpuMs, p.endMs])).toEqual([
      [10, 60, null],
      [11, 300, 1000],
    ]);
  });

  it('counts what the root it started used after the last sample, from CoreScope’s own child ticks', () => {
    const s = new TreeState(0, 10, false, 100);
    s.apply({ t: 500, selfChildTicks: 100, processes: [proc(10, { cpuTicks: 20 })] });
    s.rootReaped(100 + 50, 0);
    expect(s.endedBetweenSamples().cpuMs).toBe(300);
    expect(s.rootExitCode).toBe(0);
  });

  it('does not count an attached process’s past children as its own', () => {
    const s = new TreeState(0, 10, true);
    s.apply({ t: 500, selfChildTicks: 0, processes: [proc(10, { childTicks: 9999 })] });
    expect(s.endedBetweenSamples().cpuMs).toBe(0);
  });

  it('gives each thread a unit with its rate and the process memory once', () => {
    const s = new TreeState(0, 10, false, 0);
    s.apply({ t: 500, selfChildTicks: 0, processes: [proc(10, { cpuTicks: 0 })] });
    s.apply({ t: 1000, selfChildTicks: 0, processes: [proc(10, { cpuTicks: 25 })] });
    const [u] = s.samples('r1', 500);
    expect(u).toMatchObject({ runId: 'r1', pid: 10, tid: 10, cpuPct: 50, bytes: 1000, state: 'running', watch: { os: 'R', ppid: 1 } });
  });
});
