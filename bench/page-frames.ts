/**
 * The dashboard page's frames while a big run goes (issues 14 and 11: frame p95 < 50 ms), repeatable:
 * a real `corescope serve` on loopback, the page in Debian's headless chromium (1440×900, the Live tab),
 * the run started through the socket as the page's own Run would, then over a window: the gaps between
 * requestAnimationFrame callbacks (p50/p95/max), long tasks (> 50 ms, PerformanceObserver) and the main
 * thread's busy share (CDP Performance TaskDuration ÷ wall). With --profile a second, separate window
 * records a CDP CPU profile (the profiler slows the page, so never during the frame window) and prints
 * the functions with the most self time; the .cpuprofile is written for DevTools.
 *
 *   npm run build && npx tsx bench/page-frames.ts [gather-http|async-10k|async-100k …] [--seconds S] [--profile DIR] [--out FILE]
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { percentile } from '../main/engine/studies/stats.js';
import { hostPids, waitFor } from '../test/integration/helpers.js';
import { hasChromium, launchChromium } from '../test/support/chromium.js';
import { coreCards } from '../test/support/dashboard-steps.js';
import { serve } from '../test/support/serve.js';
import { connect, type SocketClient } from './soak/socket-client.js';

interface Case {
  /** what it starts (again as soon as it ends, so the window is never without it) */
  start: (c: SocketClient) => Promise<string>;
  /** how long after the start the window opens */
  settleMs: number;
}

const CASES: Record<string, Case> = {
  // the soak's gather: 500 tasks, each an HTTP request to a slow local server (0.5 s)
  'gather-http': {
    start: (c) => c.call<{ runId: string }>('runScenario', { name: 'gather', mode: 'async', tasks: 500, sleepS: 0.5, workload: 'http' }).then((r) => r.runId),
    settleMs: 500,
  },
  // the article's gather as a run: 10,000 awaited sleeps
  'async-10k': {
    start: (c) => c.call<{ runId: string }>('startRun', { mode: 'async', workload: 'io-sleep', units: 10_000, durationS: 8 }).then((r) => r.runId),
    settleMs: 1000,
  },
  // issue 11's: 100,000 awaited sleeps (the async limit); the run's first second is its start-up
  'async-100k': {
    start: (c) => c.call<{ runId: string }>('startRun', { mode: 'async', workload: 'io-sleep', units: 100_000, durationS: 8 }).then((r) => r.runId),
    settleMs: 1000,
  },
};

interface Window {
  frames: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  longTasks: number;
  longTaskMs: number;
  mainThreadBusyPct: number;
  /** shares of the main thread: script, layout, style recalculation (the rest of busy is paint and the like) */
  scriptPct: number;
  layoutPct: number;
  stylePct: number;
  domNodes: number;
  /** DOM mutation records a second, by panel (its heading's id) */
  mutationsPerS: Record<string, number>;
  runsStarted: number;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** Keeps the case going: starts it again each time its run ends, until stopped. */
function keepGoing(c: SocketClient, kase: Case): { stop: () => Promise<void>; started: () => number } {
  let live: string | null = null;
  let n = 0;
  let going = true;
  const ended = new Set<string>();
  c.onPush((p) => {
    if (p.push !== 'run-event') return;
    const e = p.data;
    if (e.type === 'run-ended') ended.add(e.runId);
  });
  const loop = (async () => {
    while (going) {
      live = await kase.start(c);
      n++;
      while (going && !ended.has(live)) await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return {
    started: () => n,
    stop: async () => {
      going = false;
      if (live && !ended.has(live)) await c.call('stopRun', live).catch(() => undefined);
      await loop;
    },
  };
}

async function frameWindow(page: Page, cdp: CDPSession, ms: number): Promise<Omit<Window, 'runsStarted'>> {
  const metrics = async () => new Map((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const m0 = await metrics();
  const t0 = performance.now();
  const { gaps, long, mutations } = await page.evaluate(
    (windowMs) =>
      new Promise<{ gaps: number[]; long: number[]; mutations: Record<string, number> }>((resolve) => {
        const gaps: number[] = [];
        const long: number[] = [];
        // DOM changes by the panel they fall in: what re-renders, and how often, whatever the machine's load
        const mutations: Record<string, number> = {};
        const mo = new MutationObserver((records) => {
          for (const r of records) {
            const el = r.target instanceof Element ? r.target : r.target.parentElement;
            const panel = el?.closest('section[aria-labelledby]')?.getAttribute('aria-labelledby') ?? el?.closest('[class]')?.className.toString().split(' ')[0] ?? '?';
            mutations[panel] = (mutations[panel] ?? 0) + 1;
          }
        });
        mo.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
        const obs = new PerformanceObserver((list) => {
          for (const e of list.getEntries()) long.push(e.duration);
        });
        obs.observe({ type: 'longtask', buffered: false });
        let last = -1;
        let going = true;
        const loop = (t: number) => {
          if (last >= 0) gaps.push(t - last);
          last = t;
          if (going) requestAnimationFrame(loop);
        };
        requestAnimationFrame(loop);
        setTimeout(() => {
          going = false;
          obs.disconnect();
          mo.disconnect();
          resolve({ gaps, long, mutations });
        }, windowMs);
      }),
    ms,
  );
  const wallS = (performance.now() - t0) / 1000;
  const m1 = await metrics();
  const share = (name: string) => round1((((m1.get(name) ?? 0) - (m0.get(name) ?? 0)) / wallS) * 100);
  return {
    frames: gaps.length,
    p50Ms: round1(percentile(gaps, 50)),
    p95Ms: round1(percentile(gaps, 95)),
    maxMs: round1(Math.max(0, ...gaps)),
    longTasks: long.length,
    longTaskMs: Math.round(long.reduce((a, b) => a + b, 0)),
    mainThreadBusyPct: share('TaskDuration'),
    scriptPct: share('ScriptDuration'),
    layoutPct: share('LayoutDuration'),
    stylePct: share('RecalcStyleDuration'),
    domNodes: m1.get('Nodes') ?? 0,
    mutationsPerS: Object.fromEntries(Object.entries(mutations).sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, Math.round(v / wallS)])),
  };
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
}

/**
 * Time by the page's own React component it was spent under (the nearest capitalised function of the
 * page's bundle up the stack: a component's render and what it calls, recharts included), and the rest.
 */
function byComponent(profile: { nodes: Array<ProfileNode & { children?: number[] }>; samples?: number[]; timeDeltas?: number[] }, n: number): Array<{ fn: string; ms: number }> {
  const parent = new Map<number, number>();
  for (const x of profile.nodes) for (const c of x.children ?? []) parent.set(c, x.id);
  const byId = new Map(profile.nodes.map((x) => [x.id, x]));
  const owner = (id: number): string => {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const f = byId.get(at)?.callFrame;
      if (f && /^[A-Z]/.test(f.functionName) && /index-[^/]*\.js$/.test(f.url)) return f.functionName;
    }
    const f = byId.get(id)?.callFrame;
    return f?.url ? 'script outside a component' : (f?.functionName ?? '?');
  };
  const sum = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const k = owner(samples[i]);
    sum.set(k, (sum.get(k) ?? 0) + (deltas[i + 1] ?? deltas[i] ?? 0) / 1000);
  }
  return [...sum]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([fn, ms]) => ({ fn, ms: Math.round(ms) }));
}

/** The functions with the most self time in a CPU profile (samples × sampling interval). */
function topSelf(profile: { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] }, n: number): Array<{ fn: string; ms: number }> {
  const byId = new Map(profile.nodes.map((x) => [x.id, x]));
  const self = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const node = byId.get(samples[i]);
    if (!node) continue;
    const f = node.callFrame;
    const file = f.url.split('/').pop() ?? '';
    const key = `${f.functionName || '(anonymous)'} ${file ? `${file}:${f.lineNumber + 1}:${f.columnNumber + 1}` : ''}`.trim();
    self.set(key, (self.get(key) ?? 0) + (deltas[i + 1] ?? deltas[i] ?? 0) / 1000);
  }
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([fn, ms]) => ({ fn, ms: Math.round(ms) }));
}

async function measure(name: string, kase: Case, seconds: number, profileDir: string | null): Promise<Window & { profileTop?: Array<{ fn: string; ms: number }> }> {
  const served = await serve(['--interval', '100']);
  const browser = await launchChromium();
  let sock: SocketClient | null = null;
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    // tsx compiles page.evaluate bodies with esbuild's keepNames, which calls a __name helper the page lacks
    await page.addInitScript('window.__name = (f) => f');
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(served.url);
    await coreCards(page).first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(2000); // the page's first draws and a few samples
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    sock = await connect(served.url);
    const going = keepGoing(sock, kase);
    await page.waitForTimeout(kase.settleMs);
    const w = await frameWindow(page, cdp, seconds * 1000);
    let profileTop: Array<{ fn: string; ms: number }> | undefined;
    if (profileDir) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
      await page.waitForTimeout(Math.min(seconds, 8) * 1000);
      const { profile } = await cdp.send('Profiler.stop');
      writeFileSync(join(profileDir, `page-${name}.cpuprofile`), JSON.stringify(profile));
      profileTop = [...byComponent(profile as never, 12), { fn: '— by self time —', ms: 0 }, ...topSelf(profile as never, 12)];
    }
    await going.stop();
    if (errors.length) throw new Error(`the page threw: ${errors[0]}`);
    return { ...w, runsStarted: going.started(), ...(profileTop && { profileTop }) };
  } finally {
    await sock?.close();
    await browser.close();
    await served.close();
    await waitFor(() => hostPids().length === 0, 3000);
  }
}

const args = process.argv.slice(2);
const opt = (flag: string) => {
  const i = args.indexOf(flag);
  return i >= 0 ? args.splice(i, 2)[1] : undefined;
};
const seconds = Number(opt('--seconds') ?? 10);
const profileDir = opt('--profile') ?? null;
const out = opt('--out');
const names = args.length ? args : Object.keys(CASES);
const unknown = names.filter((n) => !(n in CASES));
if (unknown.length) {
  console.error(`page-frames: no case ${unknown.join(', ')} (cases: ${Object.keys(CASES).join(', ')})`);
  process.exit(2);
}
if (!hasChromium()) {
  console.error('page-frames: no chromium at /usr/bin/chromium (apt-get install chromium, or set CORESCOPE_CHROMIUM)');
  process.exit(2);
}
const { loadavg } = await import('node:os');
const results: Record<string, unknown> = { at: new Date().toISOString(), loadBefore: loadavg().map(round1), seconds };
for (const name of names) {
  const r = await measure(name, CASES[name], seconds, profileDir);
  results[name] = r;
  const { profileTop, ...figures } = r;
  console.log(`${name}: ${JSON.stringify(figures)}`);
  if (profileTop) for (const p of profileTop) console.log(`  ${String(p.ms).padStart(6)} ms  ${p.fn}`);
}
results.loadAfter = loadavg().map(round1);
if (out) writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
