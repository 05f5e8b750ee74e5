/**
 * What drawing costs: the dashboard in headless chromium, fed a synthetic snapshot stream of 16, 64
 * and 256 cores at 10 Hz, with the whole dashboard on screen. Main-thread busy share = CDP
 * Performance.getMetrics TaskDuration ÷ wall time, over a window with nothing of the bench's own in
 * the page; then frames from requestAnimationFrame gaps in a second window (a rAF probe costs a few %
 * of the main thread itself, so it must not run while the busy share is measured).
 */
import { rendererDir } from '../main/engine/paths.js';
import { startDashboard } from '../main/server/dashboard-server.js';
import { hasChromium, launchChromium } from '../test/support/chromium.js';
import { percentile } from '../main/engine/studies/stats.js';
import { SyntheticApi } from './synthetic-api.js';

interface RendererCostCase {
  cores: number;
  rateHz: number;
  seconds: number;
  mainThreadBusyPct: number;
  frames: number;
  frameP95Ms: number;
  frameMaxMs: number;
  longTasks: number;
}

export type RendererCostResult = { skipped: string } | { cases: RendererCostCase[] };

const CORE_COUNTS = [16, 64, 256];
const RATE_HZ = 10;
const WARMUP_MS = 3000;
const MEASURE_MS = 20_000;
const FRAMES_MS = 10_000;

async function measure(cores: number): Promise<RendererCostCase> {
  const api = new SyntheticApi(cores, RATE_HZ);
  const dashboard = await startDashboard(api, { host: '127.0.0.1', port: 0, rendererDir: rendererDir() });
  const browser = await launchChromium();
  try {
    api.start();
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    // tsx compiles page.evaluate bodies with esbuild's keepNames, which calls a __name helper the page lacks
    await page.addInitScript('window.__name = (f) => f');
    await page.goto(dashboard.url);
    await page.waitForTimeout(WARMUP_MS);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const taskDuration = async () => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      return metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
    };
    const t0 = performance.now();
    const busy0 = await taskDuration();
    await page.waitForTimeout(MEASURE_MS);
    const busy1 = await taskDuration();
    const wallS = (performance.now() - t0) / 1000;

    await page.evaluate(() => {
      const w = window as unknown as { __frames: number[]; __long: number };
      w.__frames = [];
      w.__long = 0;
      let last = performance.now();
      const loop = (t: number) => {
        w.__frames.push(t - last);
        last = t;
        requestAnimationFrame(loop);
      };
      requestAnimationFrame(loop);
      new PerformanceObserver((list) => (w.__long += list.getEntries().length)).observe({ type: 'longtask', buffered: false });
    });
    await page.waitForTimeout(FRAMES_MS);
    const { frames, long } = await page.evaluate(() => {
      const w = window as unknown as { __frames: number[]; __long: number };
      return { frames: w.__frames.slice(1), long: w.__long };
    });
    return {
      cores,
      rateHz: RATE_HZ,
      seconds: Math.round(wallS * 10) / 10,
      mainThreadBusyPct: Math.round(((busy1 - busy0) / wallS) * 1000) / 10,
      frames: frames.length,
      frameP95Ms: Math.round(percentile(frames, 95) * 10) / 10,
      frameMaxMs: Math.round(Math.max(0, ...frames) * 10) / 10,
      longTasks: long,
    };
  } finally {
    api.stop();
    await browser.close();
    await dashboard.close();
  }
}

export async function benchRendererCost(): Promise<RendererCostResult> {
  if (!hasChromium()) return { skipped: 'no chromium at /usr/bin/chromium (apt-get install chromium)' };
  const cases: RendererCostCase[] = [];
  for (const cores of CORE_COUNTS) cases.push(await measure(cores));
  return { cases };
}
