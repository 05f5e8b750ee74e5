/**
 * One watched program: a command CoreScope started (its own session and process group, with a
 * watchdog that ends its tree if CoreScope dies), or a running process it attached to. Read once per
 * sample through the tree scanner; ends when the root has exited (a started command: once its tree is
 * gone too — what outlives the root is ended, as for our own runs), or on stop: a started command's
 * tree is asked to stop (SIGINT, as Ctrl-C would), then SIGTERM, then SIGKILL; an attached process is
 * left running.
 */
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { constants } from 'node:os';
import { InvalidInput } from '../../../contract/refusal.js';
import type { UnitSample } from '../../../contract/snapshot.js';
import type { WatchInfo } from '../../../contract/watch.js';
import { parseCmdline, parsePidStat } from '../../../lib/proc-pid-parse.js';
import { hostScript } from '../paths.js';
import { TreeScanner } from './tree-scan.js';
import { TreeState } from './tree-state.js';

/** after SIGINT, how long before SIGTERM, and after that before SIGKILL */
const STOP_STEP_MS = 1000;

const statNow = (pid: number) => {
  try {
    return parsePidStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return null;
  }
};

/** epoch ms of the machine's boot, from /proc/uptime (to 10 ms): processes' start ticks count from it */
const bootMs = () => {
  try {
    return Date.now() - Number.parseFloat(readFileSync('/proc/uptime', 'utf8')) * 1000;
  } catch {
    return 0; // no uptime: every process reads as old, and keeps its row
  }
};

const signal = (pid: number, sig: NodeJS.Signals) => {
  try {
    process.kill(pid, sig);
  } catch {
    // gone already
  }
};

export class Watch extends EventEmitter<{ exited: [] }> {
  readonly t0 = Date.now();
  /** epoch ms the watch ended (0 while it goes) */
  endedAt = 0;
  readonly state: TreeState;
  readonly ended: Promise<void>;
  private readonly scanner = new TreeScanner();
  private lastReadingAt = this.t0;
  private rootExited = false;
  private done = false;
  private stopping = false;
  private readonly told = new Set<string>();
  private readonly timers: NodeJS.Timeout[] = [];
  /** an attached process is no child of ours: this keeps CoreScope's loop alive while it is watched */
  private readonly keepAlive = setInterval(() => undefined, 60_000);

  private constructor(
    readonly id: string,
    readonly info: WatchInfo,
    child: ChildProcess | null,
    private readonly watchdog: ChildProcess | null,
    selfChildTicksAtStart: number | null,
  ) {
    super();
    this.state = new TreeState(this.t0, info.rootPid, info.attached, selfChildTicksAtStart, bootMs());
    this.ended = new Promise((resolve) => this.once('exited', resolve));
    child?.once('exit', (code, sig) => {
      this.rootExited = true;
      const self = statNow(process.pid);
      this.state.rootReaped(self?.childTicks ?? 0, code ?? (sig ? 128 + (constants.signals[sig] ?? 0) : null), this.aliveMembers());
      this.endTreeIfRootGone();
    });
  }

  /** Start argv[0] (found on PATH) in a session of its own, with its watchdog. Throws InvalidInput if it cannot start. */
  static start(id: string, argv: readonly string[], stdio: StdioOptions = 'ignore'): Watch {
    const before = statNow(process.pid)?.childTicks ?? 0;
    const child = spawn(argv[0], argv.slice(1), { detached: true, stdio });
    if (child.pid === undefined) {
      child.once('error', () => undefined); // spawn reports ENOENT on the next tick: already answered below
      throw new InvalidInput(`cannot start ${argv[0]}: no such program on PATH`);
    }
    const start = statNow(child.pid)?.startTicks ?? 0;
    const watchdog = spawn(process.execPath, [hostScript('tree-watchdog'), String(child.pid), String(start)], {
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    watchdog.unref();
    watchdog.stdin?.on('error', () => undefined);
    return new Watch(id, { command: argv.join(' '), rootPid: child.pid, attached: false }, child, watchdog, before);
  }

  /** Attach to a running process. Throws InvalidInput when there is no such process to read. */
  static attach(id: string, pid: number): Watch {
    if (pid === process.pid) throw new InvalidInput('CoreScope cannot watch itself');
    const stat = statNow(pid);
    if (!stat) throw new InvalidInput(`no process ${pid} (or it cannot be read)`);
    let command = stat.name;
    try {
      command = parseCmdline(readFileSync(`/proc/${pid}/cmdline`, 'utf8')) || stat.name;
    } catch {
      // the name from stat will do
    }
    return new Watch(id, { command, rootPid: pid, attached: true }, null, null, null);
  }

  get active(): boolean {
    return !this.done;
  }

  /** Read the tree now (the sampler's interval: intervalMs): the snapshot's units for this watch. */
  async sample(intervalMs: number): Promise<UnitSample[]> {
    if (this.done) return [];
    const exitedBefore = this.rootExited;
    const reading = await this.scanner.read({ rootPid: this.info.rootPid, known: this.state.known(), knownNames: this.state.knownNames(), busiestFirst: this.state.busiestFirst() });
    // the root exited between the scan and now: the reading is of the tree before that, which the exit handler
    // has accounted for up to the exit (a process first seen in it would be counted twice): the next one reads what is left
    const fresh = exitedBefore || !this.rootExited;
    if (fresh) this.state.apply(reading, intervalMs);
    const sinceLastMs = reading.t - this.lastReadingAt;
    if (fresh) this.lastReadingAt = reading.t;
    this.tellWatchdog();
    const units = this.state.samples(this.id, sinceLastMs);
    if (this.info.attached && !this.state.rootAlive) this.finish();
    else this.endTreeIfRootGone();
    return this.done ? [] : units;
  }

  /** threads of the tree left out of the last reading (over WATCH_LIMITS.threads) */
  get threadsLeftOut(): number {
    return this.scanner.threadsLeftOut;
  }

  /** Attached: detach now. Started: ask the tree to stop, then make it. */
  stop(): Promise<void> {
    if (this.info.attached) this.finish();
    else if (!this.stopping) {
      this.stopping = true;
      this.signalTree('SIGINT');
      this.timers.push(setTimeout(() => this.signalTree('SIGTERM'), STOP_STEP_MS));
      this.timers.push(setTimeout(() => this.kill(), 2 * STOP_STEP_MS));
    }
    return this.ended;
  }

  /** Last resort (CoreScope on its way out): SIGKILL a started command's whole tree now. */
  kill(): void {
    if (this.info.attached) return this.finish();
    this.signalTree('SIGKILL');
    if (this.rootExited) this.finish();
  }

  /** Every live member of a started tree, and its process group (the root's pid: it leads it). */
  private signalTree(sig: NodeJS.Signals): void {
    if (this.info.attached) return;
    signal(-this.info.rootPid, sig);
    for (const pid of this.state.known().keys()) signal(pid, sig);
  }

  /** The tree's members still running now (pid → start ticks), the root aside. */
  private aliveMembers(): Map<number, number> {
    return new Map([...this.state.known()].filter(([pid, start]) => pid !== this.info.rootPid && statNow(pid)?.startTicks === start));
  }

  /** A started root has exited: what it left behind is ended; the watch ends once nothing of it lives. */
  private endTreeIfRootGone(): void {
    if (this.info.attached || !this.rootExited || this.done) return;
    if (this.aliveMembers().size === 0) return this.finish();
    if (!this.stopping) void this.stop();
  }

  /** The watchdog hears of every member, so it can end even those that left the process group. */
  private tellWatchdog(): void {
    if (!this.watchdog?.stdin?.writable) return;
    const lines: string[] = [];
    for (const [pid, start] of this.state.known()) {
      const key = `${pid} ${start}`;
      if (!this.told.has(key)) lines.push(key);
    }
    // only the live members are remembered here, so a long watch does not grow without bound
    this.told.clear();
    for (const [pid, start] of this.state.known()) this.told.add(`${pid} ${start}`);
    if (lines.length) this.watchdog.stdin.write(`${lines.join('\n')}\n`);
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    this.endedAt = Date.now();
    for (const t of this.timers) clearTimeout(t);
    clearInterval(this.keepAlive);
    this.scanner.close();
    if (this.watchdog?.stdin?.writable) this.watchdog.stdin.end('detach\n');
    this.emit('exited');
  }
}
