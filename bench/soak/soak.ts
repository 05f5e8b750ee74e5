/**
 * The soak: a real `corescope serve` driven for M minutes through its socket by a busy user and four
 * dashboard clients. Once a minute the user stops what is going and the server is read at rest: its
 * RSS, open fds and live children from /proc (outside), its heap, event-loop delay and listener counts
 * from the `health` method, and the sampler's interval drift from the snapshots' own timestamps. The
 * dashboard page stays open in headless chromium throughout (browser-client.ts): its frames are
 * measured while the user's runs are live, its heap and DOM at rest beside the server's readings. A
 * soak of 10 minutes or more also runs a 10-minute `corescope run … --json` beside it (long-cli-run.ts).
 * The verdict (judge.ts): after the warm-up nothing may grow, no child may outlive its run, the loop
 * and the page stay quick, and the CLI run ends done, flat and with one bounded summary.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { EngineHealth } from '../../contract/health.js';
import type { SystemInfo } from '../../contract/catalog.js';
import { BrowserClient, type PageFrames } from './browser-client.js';
import { BusyUser, OUTLIVE_MS } from './busy-user.js';
import { DashboardClients } from './dashboard-clients.js';
import { judge, judgeLongRun, type LongRunReport, type Reading } from './judge.js';
import { LongCliRun } from './long-cli-run.js';
import { fdsOf, liveDescendants, rssOf } from './proc-readings.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MINUTE_MS = 60_000;
/** the user acts this often: busy, as a person clicking through the app would be */
const STEP_MS = 1500;
const QUIESCE_MS = 30_000;
const STUDY_TIMEOUT_MS = 120_000;
/** the page's frames are measured over this long once a minute, from when runs are live */
const FRAME_WINDOW_MS = 10_000;
/** …and not in the minute's first seconds, while a study may still be winding down */
const FRAME_WINDOW_AFTER_MS = 5000;

export interface SoakOptions {
  minutes: number;
  /** readings before this minute are the warm-up (default: 5, or a third of a short soak) */
  warmupMinutes?: number;
  /** a study every this many minutes (default 3; a short soak fits one of each) */
  studyEveryMinutes?: number;
  /** extra environment for the server (CORESCOPE_LEAK_PER_RUN=1: the deliberately leaking build) */
  env?: Record<string, string>;
  /** minutes of the long `corescope run … --json` started beside the server (default: 10 in a soak of 10 minutes or more, else none) */
  cliRunMinutes?: number;
  /**
   * keep the dashboard page open in headless chromium and judge its frames and memory (default: in a
   * soak of 10 minutes or more). The short soak in npm test goes without: on 2 cores chromium's own
   * drawing competes with the server, and its frames with the busy user's runs, so in 3 minutes the
   * server's loop delay and the page's frames would measure the machine rather than a leak.
   */
  page?: boolean;
  log?: (line: string) => void;
}

export interface SoakReport {
  minutes: number;
  warmupMinutes: number;
  passed: boolean;
  failures: string[];
  readings: Reading[];
  /** the browser client: 'chromium', or why the page was not measured */
  browser: 'chromium' | { skipped: string };
  /** the long CLI run (null: this soak started none) */
  longRun: LongRunReport | null;
  activity: { runsStarted: number; runsEnded: number; refused: number; studies: number; reconnects: number; drops: number };
  startedAt: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const p99 = (xs: number[]) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.99))] : 0);

function startServe(env: Record<string, string>): Promise<{ pid: number; url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [`${ROOT}bin/corescope.js`, 'serve', '--port', '0'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const stop = async () => {
    child.kill('SIGINT');
    await Promise.race([exited, sleep(10_000)]);
    child.kill('SIGKILL');
  };
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`corescope serve printed no URL: ${out}`)), 30_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const url = /http:\/\/\S+/.exec(out)?.[0];
      if (url) {
        clearTimeout(timer);
        resolve({ pid: child.pid as number, url, stop });
      }
    });
    child.once('exit', (code) => reject(new Error(`corescope serve exited (${code}): ${out}`)));
  });
}

export async function soak(options: SoakOptions): Promise<SoakReport> {
  const { minutes, env = {}, log = () => undefined } = options;
  const warmupMinutes = options.warmupMinutes ?? Math.min(5, Math.max(1, Math.floor(minutes / 3)));
  const studyEvery = options.studyEveryMinutes ?? 3;
  const cliRunMinutes = options.cliRunMinutes ?? (minutes >= 10 ? 10 : 0);
  if (cliRunMinutes > minutes) throw new Error(`the CLI run (${cliRunMinutes} min) must fit in the soak (${minutes} min)`);
  const startedAt = new Date().toISOString();
  const serve = await startServe(env);
  const clients = new DashboardClients(serve.url);
  const readings: Reading[] = [];
  let browser: BrowserClient | null = null;
  let cliRun: LongCliRun | null = null;
  let skipped = '';
  try {
    const opened = (options.page ?? minutes >= 10) ? await BrowserClient.open(serve.url) : { skipped: 'not asked for (page: false; a soak of 10 minutes or more opens it)' };
    if ('skipped' in opened) log(`browser client skipped: ${(skipped = opened.skipped)}`);
    else browser = opened;
    const c = await clients.open();
    const python = (await c.call<SystemInfo>('system')).python !== null;
    const user = new BusyUser(c, python);
    // the sampler's drift: how far each snapshot's own timestamp is from one interval after the last
    let drifts: number[] = [];
    let lastT = 0;
    c.onPush((p) => {
      if (p.push !== 'snapshot') return;
      if (lastT) drifts.push(Math.abs(p.data.t - lastT - p.data.intervalMs));
      lastT = p.data.t;
    });

    const read = async (minute: number, frames: PageFrames | null, liveRuns: number) => {
      await user.quiesce(QUIESCE_MS);
      await sleep(OUTLIVE_MS + 500); // every run's processes have had their 2 s
      const health = await c.call<EngineHealth>('health');
      const r: Reading = {
        minute,
        rssBytes: rssOf(serve.pid),
        heapUsedBytes: health.heapUsedBytes,
        fds: fdsOf(serve.pid),
        children: liveDescendants(serve.pid).length,
        loopP99Ms: health.loopDelayMs.p99,
        loopMaxMs: health.loopDelayMs.max,
        samplerDriftP99Ms: p99(drifts),
        listeners: health.listeners,
        heldRuns: health.heldRuns,
        runsStarted: user.started,
        page: browser ? { frameP95Ms: frames?.p95Ms ?? null, frames: frames?.frames ?? 0, liveRuns, ...(await browser.memory()) } : null,
      };
      drifts = [];
      readings.push(r);
      const page = r.page
        ? `; page: frame p95 ${r.page.frameP95Ms ?? '–'} ms (${r.page.frames} frames, ${liveRuns} runs live), heap ${(r.page.heapUsedBytes / 2 ** 20).toFixed(1)} MB, DOM nodes ${r.page.domNodes} live / ${r.page.scenarioDomNodes} scenarios`
        : '';
      log(`minute ${minute}: rss ${(r.rssBytes / 2 ** 20).toFixed(1)} MB, heap ${(r.heapUsedBytes / 2 ** 20).toFixed(1)} MB, fds ${r.fds}, children ${r.children}, loop p99 ${r.loopP99Ms} ms, drift p99 ${r.samplerDriftP99Ms} ms, listeners ${r.listeners}, runs ${user.started}${page}`);
    };

    await read(0, null, 0);
    if (cliRunMinutes > 0) cliRun = new LongCliRun(cliRunMinutes);
    for (let minute = 1; minute <= minutes; minute++) {
      const start = Date.now();
      const end = start + MINUTE_MS - (OUTLIVE_MS + 500);
      if (minute % studyEvery === 1 || studyEvery === 1) await user.runStudy(STUDY_TIMEOUT_MS);
      let frames: Promise<PageFrames> | null = null;
      let liveRuns = 0;
      while (Date.now() < end) {
        await user.step();
        // the page's frames while it has runs to draw, measured alongside the user's next steps
        if (browser && !frames && user.liveRuns > 0 && Date.now() - start >= FRAME_WINDOW_AFTER_MS && end - Date.now() > FRAME_WINDOW_MS) {
          liveRuns = user.liveRuns;
          frames = browser.frames(FRAME_WINDOW_MS);
        }
        await sleep(STEP_MS);
      }
      await read(minute, frames ? await frames : null, liveRuns);
      await clients.reconnect();
    }
    const longRun = cliRun ? await cliRun.finish(2 * MINUTE_MS) : null;
    cliRun = null;
    if (longRun) {
      const [first, last] = [longRun.readings[0], longRun.readings[longRun.readings.length - 1]];
      const mb = (x?: { rssBytes: number }) => (x ? (x.rssBytes / 2 ** 20).toFixed(1) : '–');
      log(`CLI run (${longRun.command}): exit ${longRun.exitCode}, RSS ${mb(first)} MB at ${first?.atS ?? '–'} s → ${mb(last)} MB at ${last?.atS ?? '–'} s, fds ${first?.fds ?? '–'} → ${last?.fds ?? '–'}, printed ${longRun.stdoutBytes} bytes`);
    }
    const violations = [...user.violations, ...(browser?.errors ?? []).map((e) => `the page: ${e}`)];
    const failures = [...judge(readings, warmupMinutes, violations), ...(longRun ? judgeLongRun(longRun) : [])];
    return {
      minutes,
      warmupMinutes,
      passed: failures.length === 0,
      failures,
      readings,
      browser: browser ? 'chromium' : { skipped },
      longRun,
      activity: { runsStarted: user.started, runsEnded: user.ended, refused: user.refused, studies: user.studies, reconnects: clients.reconnects, drops: clients.drops },
      startedAt,
    };
  } finally {
    cliRun?.abort();
    await browser?.close();
    await clients.close();
    await serve.stop();
  }
}
