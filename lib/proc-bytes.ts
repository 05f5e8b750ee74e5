/**
 * Allocation-free parsers for the /proc files the sampler reads ten times a second: bytes in (the
 * sampler's one reused buffer), numbers out into objects or arrays the caller keeps. No strings, no
 * split(), no regular expressions, so a sample of 64 threads makes no garbage. The text parsers in
 * proc-parse.ts say the same in readable form (and the tests hold the two to the same answers).
 */

const SPACE = 0x20;
const NL = 0x0a;
const ZERO = 0x30;
const NINE = 0x39;
const CLOSE = 0x29; // ')'

/** The unsigned integer starting at i (skipping spaces), and where it ended. */
function numberAt(buf: Uint8Array, i: number, end: number, out: { value: number; next: number }): void {
  while (i < end && (buf[i] < ZERO || buf[i] > NINE) && buf[i] !== NL) i++;
  let v = 0;
  while (i < end && buf[i] >= ZERO && buf[i] <= NINE) v = v * 10 + (buf[i++] - ZERO);
  out.value = v;
  out.next = i;
}

const cursor = { value: 0, next: 0 };

export interface StatFields {
  /** utime + stime, clock ticks */
  cpuTicks: number;
  /** field 39: the CPU the task last ran on (-1 when absent) */
  processor: number;
  /** field 24: resident pages */
  rssPages: number;
}

/**
 * /proc/<pid>/stat or /proc/<pid>/task/<tid>/stat into `out`. The name (field 2) may hold spaces and
 * ')', so fields are counted from the last ')'. Returns false when the text is not a stat line.
 */
export function parseStatInto(buf: Uint8Array, len: number, out: StatFields): boolean {
  let close = -1;
  for (let i = len - 1; i >= 0; i--)
    if (buf[i] === CLOSE) {
      close = i;
      break;
    }
  if (close < 0) return false;
  // field 3 (state) starts at close + 2; count spaces to reach field k
  let field = 3;
  let utime = 0;
  out.processor = -1;
  out.rssPages = 0;
  for (let i = close + 2; i < len && field <= 39; i++) {
    if (buf[i] === SPACE) {
      field++;
      if (field === 14 || field === 15 || field === 24 || field === 39) {
        numberAt(buf, i + 1, len, cursor);
        if (field === 14) utime = cursor.value;
        else if (field === 15) out.cpuTicks = utime + cursor.value;
        else if (field === 24) out.rssPages = cursor.value;
        else out.processor = cursor.value;
        i = cursor.next - 1;
      }
    }
  }
  return field >= 15;
}

/**
 * /proc/stat's "cpuN" lines into cumulative busy and total jiffies per core (busy: user nice system
 * irq softirq steal; idle: idle iowait). Returns how many cores it found.
 */
export function parseProcStatInto(buf: Uint8Array, len: number, busy: Float64Array, total: Float64Array): number {
  let core = 0;
  let i = 0;
  while (i < len && core < busy.length) {
    // a line "cpuN …" (not the "cpu " total line)
    if (buf[i] === 0x63 && buf[i + 1] === 0x70 && buf[i + 2] === 0x75 && buf[i + 3] !== SPACE) {
      i += 3;
      while (i < len && buf[i] !== SPACE) i++; // skip N
      let b = 0;
      let t = 0;
      for (let k = 0; k < 8; k++) {
        numberAt(buf, i, len, cursor);
        i = cursor.next;
        t += cursor.value;
        if (k !== 3 && k !== 4) b += cursor.value; // 3 idle, 4 iowait
      }
      busy[core] = b;
      total[core] = t;
      core++;
    } else if (core > 0 && buf[i] !== 0x63) break; // the cpu lines come first: past them, stop
    while (i < len && buf[i] !== NL) i++;
    i++;
  }
  return core;
}

/** The value in kB of the first line starting with `key` (e.g. "MemAvailable:"), in bytes; -1 if absent. */
export function kbFieldBytes(buf: Uint8Array, len: number, key: Uint8Array): number {
  let i = 0;
  while (i < len) {
    let match = true;
    for (let k = 0; k < key.length; k++)
      if (buf[i + k] !== key[k]) {
        match = false;
        break;
      }
    if (match) {
      numberAt(buf, i + key.length, len, cursor);
      return cursor.value * 1024;
    }
    while (i < len && buf[i] !== NL) i++;
    i++;
  }
  return -1;
}

/** A key for kbFieldBytes, made once. */
export const asciiKey = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
