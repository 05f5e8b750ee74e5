import { describe, expect, it } from 'vitest';
import { busyPctBetween, parseProcStat, parseSmapsRollup, parseTaskStat } from '../../lib/proc-parse.js';
import { asciiKey, kbFieldBytes, parseProcStatInto, parseStatInto } from '../../lib/proc-bytes.js';

const STAT_A = `cpu  100 0 100 800 0 0 0 0 0 0
cpu0 50 0 50 400 0 0 0 0 0 0
cpu1 50 0 50 400 0 0 0 0 0 0
intr 1234
ctxt 5678`;
const STAT_B = `cpu  300 0 100 1000 0 0 0 0 0 0
cpu0 150 0 50 400 0 0 0 0 0 0
cpu1 100 0 50 550 0 0 0 0 0 0
intr 1300`;

describe('/proc/stat', () => {
  it('reads one entry per logical core, not the aggregate line', () => {
    expect(parseProcStat(STAT_A)).toEqual([
      { busy: 100, total: 500 },
      { busy: 100, total: 500 },
    ]);
  });

  it('turns two readings into busy % per core', () => {
    expect(busyPctBetween(parseProcStat(STAT_A), parseProcStat(STAT_B))).toEqual([100, 25]);
  });

  it('reads 0 for a core with no elapsed ticks instead of dividing by zero', () => {
    expect(busyPctBetween(parseProcStat(STAT_A), parseProcStat(STAT_A))).toEqual([0, 0]);
  });
});

describe('/proc/<pid>/task/<tid>/stat', () => {
  it('splits after the last ")" so names with spaces and parentheses parse', () => {
    const fields = Array.from({ length: 50 }, (_, i) => String(i + 3)); // field k holds k
    const text = `4242 (cs (t) 3) ${fields.join(' ')}`;
    expect(parseTaskStat(text)).toEqual({ cpuTicks: 14 + 15, userTicks: 14, systemTicks: 15, processor: 39 });
  });

  it('refuses text that is not a stat line', () => {
    expect(parseTaskStat('garbage')).toBeNull();
  });
});

describe('/proc/<pid>/smaps_rollup', () => {
  it('gives RSS, PSS and USS (private clean + dirty) in bytes', () => {
    const text = `55d0-7ffd ---p 00000000 00:00 0  [rollup]
Rss:               45000 kB
Pss:               17000 kB
Pss_Anon:           8000 kB
Shared_Clean:      28000 kB
Private_Clean:       500 kB
Private_Dirty:      7500 kB`;
    expect(parseSmapsRollup(text)).toEqual({ rss: 45000 * 1024, pss: 17000 * 1024, uss: 8000 * 1024 });
  });
});

describe('the allocation-free parsers agree with the text ones', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);

  it('/proc/stat per core', () => {
    const busy = new Float64Array(8);
    const total = new Float64Array(8);
    const b = bytes(STAT_A);
    expect(parseProcStatInto(b, b.length, busy, total)).toBe(2);
    expect(parseProcStat(STAT_A)).toEqual([0, 1].map((i) => ({ busy: busy[i], total: total[i] })));
  });

  it('a task stat line, its name holding spaces and parentheses', () => {
    const fields = Array.from({ length: 50 }, (_, i) => String(i + 3)); // field k holds k
    const b = bytes(`4242 (cs (t) 3) ${fields.join(' ')}`);
    const out = { cpuTicks: 0, processor: 0, rssPages: 0 };
    expect(parseStatInto(b, b.length, out)).toBe(true);
    expect(out).toEqual({ cpuTicks: 14 + 15, processor: 39, rssPages: 24 });
    expect(parseStatInto(bytes('no stat here'), 12, out)).toBe(false);
  });

  it('a kB line of meminfo or smaps_rollup, in bytes', () => {
    const b = bytes('MemTotal:       24683548 kB\nMemFree:  1 kB\nMemAvailable:   1000 kB\n');
    expect(kbFieldBytes(b, b.length, asciiKey('MemAvailable:'))).toBe(1000 * 1024);
    expect(kbFieldBytes(b, b.length, asciiKey('Pss:'))).toBe(-1);
  });
});
