/**
 * The soak's long CLI run: one `corescope run … --json` of N minutes (10 in a soak of 10 minutes or
 * more), a child process of the soak beside the server. On its own clock (every CLI_READ_EVERY_MS) it
 * reads the CLI's RSS, open fds and live descendants from /proc; when the CLI exits it keeps what
 * the CLI printed (its size, whether it is one JSON summary) and checks, OUTLIVE_MS later, that no
 * unit of that summary is still running. The verdict is judgeLongRun (judge.ts).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { RunSummary } from '../../contract/run-events.js';
import { OUTLIVE_MS } from './busy-user.js';
import type { LongRunReport } from './judge.js';
import { fdsOf, isRunning, liveDescendants, rssOf } from './proc-readings.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI_READ_EVERY_MS = 30_000;
/** light on a shared 2-core machine (the soak's server is what is under test), yet real processes sampled every 200 ms */
const longRunArgs = (minutes: number) => ['run', '--mode', 'process', '--workload', 'io-sleep', '--units', '4', '--duration', String(minutes * 60), '--interval', '200', '--json'];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class LongCliRun {
  private readonly report: LongRunReport;
  private readonly done: Promise<void>;
  private timer: NodeJS.Timeout | null = null;
  private readonly kill: () => void;

  constructor(minutes: number) {
    const args = longRunArgs(minutes);
    const t0 = Date.now();
    const child = spawn(process.execPath, [`${ROOT}bin/corescope.js`, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const pid = child.pid as number;
    this.kill = () => child.kill('SIGKILL');
    this.report = { command: `corescope ${args.join(' ')}`, minutes, readings: [], exitCode: null, stdoutBytes: 0, stdoutLines: 0, summary: null, unitsLeft: [], stderr: '' };
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
    const read = () => {
      const rssBytes = rssOf(pid);
      if (rssBytes) this.report.readings.push({ atS: Math.round((Date.now() - t0) / 1000), rssBytes, fds: fdsOf(pid), children: liveDescendants(pid).length }); // 0: it is ending
    };
    this.timer = setInterval(read, CLI_READ_EVERY_MS);
    this.done = new Promise<void>((resolve) =>
      child.once('exit', (code, signal) => {
        if (this.timer) clearInterval(this.timer);
        this.report.exitCode = code ?? (signal ? -1 : null);
        this.report.stdoutBytes = Buffer.byteLength(stdout);
        this.report.stdoutLines = stdout.split('\n').filter((l) => l.trim()).length;
        this.report.stderr = stderr.trim();
        try {
          const s = JSON.parse(stdout) as RunSummary;
          this.report.summary = { wallMs: s.wallMs, units: s.units, states: s.unitResults.map((u) => u.state) };
          // every unit the CLI ran is gone OUTLIVE_MS after the CLI itself ended
          void sleep(OUTLIVE_MS).then(() => {
            this.report.unitsLeft = s.unitResults.map((u) => u.pid).filter(isRunning);
            resolve();
          });
        } catch {
          resolve();
        }
      }),
    );
  }

  /** Waits for the CLI to end (it ends by itself after its minutes; `timeoutMs` later it is killed) and says how it went. */
  async finish(timeoutMs: number): Promise<LongRunReport> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>((r) => (timer = setTimeout(() => r(true), timeoutMs)));
    const timedOut = await Promise.race([this.done.then(() => false), late]);
    clearTimeout(timer); // else it holds the soak's process open until it fires
    if (timedOut) {
      this.kill();
      await this.done;
      this.report.stderr = `killed: still going ${timeoutMs} ms after the soak asked it to finish. ${this.report.stderr}`;
    }
    return this.report;
  }

  /** Ends it now (the soak is ending early: an error elsewhere). */
  abort(): void {
    if (this.timer) clearInterval(this.timer);
    this.kill();
  }
}
