/**
 * The soak's browser client: the real dashboard page in Debian's headless chromium, open for the whole
 * soak as a person's would be. While runs are live it measures frames (requestAnimationFrame gaps over
 * a window: the probe costs the page a little, so it runs only then); at rest, after a forced garbage
 * collection, it reads what the page keeps: its JS heap used and its DOM node count (CDP
 * Memory.getDOMCounters: detached nodes still held count too). Missing chromium is said, never hidden.
 */
import type { Browser, CDPSession, Page } from 'playwright-core';
import { percentile } from '../../main/engine/studies/stats.js';
import { hasChromium, launchChromium } from '../../test/support/chromium.js';
import { coreCards } from '../../test/support/dashboard-steps.js';

/** how long a tab is given to draw after it is opened, before its nodes are counted */
const TAB_SETTLE_MS = 1500;

export interface PageFrames {
  frames: number;
  p95Ms: number;
  maxMs: number;
}

export interface PageMemory {
  heapUsedBytes: number;
  /** on the Live tab: the core grid, the run lanes, the totals and the units table */
  domNodes: number;
  /** on the Scenarios tab: the scenario runs and their timelines (fed while the page shows Live too) */
  scenarioDomNodes: number;
  /** the page's event listeners (recorded beside the rest; a leak of them shows here first) */
  listeners: number;
}

export class BrowserClient {
  /** what the page logged as an error or threw (the soak fails on any) */
  readonly errors: string[] = [];

  private constructor(
    private readonly browser: Browser,
    private readonly page: Page,
    private readonly cdp: CDPSession,
  ) {
    page.on('console', (m) => {
      if (m.type() === 'error') this.errors.push(m.text());
    });
    page.on('pageerror', (e) => this.errors.push(String(e)));
  }

  /** null with the reason when this machine has no chromium (the soak reports it and goes on without a page). */
  static async open(url: string): Promise<BrowserClient | { skipped: string }> {
    if (!hasChromium()) return { skipped: 'no chromium (set CORESCOPE_CHROMIUM or install Debian’s chromium): the page was not measured' };
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      // tsx compiles page.evaluate bodies with esbuild's keepNames, which calls a __name helper the page lacks
      await page.addInitScript('window.__name = (f) => f');
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('HeapProfiler.enable');
      const client = new BrowserClient(browser, page, cdp);
      await page.goto(url);
      await coreCards(page).first().waitFor({ timeout: 30_000 });
      return client;
    } catch (e) {
      await browser.close();
      throw e;
    }
  }

  /** Frames for `ms`: the gaps between requestAnimationFrame callbacks, the first one dropped. */
  async frames(ms: number): Promise<PageFrames> {
    const gaps = await this.page.evaluate(
      (windowMs) =>
        new Promise<number[]>((resolve) => {
          const out: number[] = [];
          let last = -1;
          let going = true;
          const loop = (t: number) => {
            if (last >= 0) out.push(t - last);
            last = t;
            if (going) requestAnimationFrame(loop);
          };
          requestAnimationFrame(loop);
          setTimeout(() => {
            going = false;
            resolve(out);
          }, windowMs);
        }),
      ms,
    );
    const round = (x: number) => Math.round(x * 10) / 10;
    return { frames: gaps.length, p95Ms: gaps.length ? round(percentile(gaps, 95)) : 0, maxMs: gaps.length ? round(Math.max(...gaps)) : 0 };
  }

  /** What the page holds after a full garbage collection: what it keeps, not what it has yet to free. */
  async memory(): Promise<PageMemory> {
    const counters = async () => {
      await this.cdp.send('HeapProfiler.collectGarbage');
      return this.cdp.send('Memory.getDOMCounters');
    };
    const live = await counters();
    const heap = await this.cdp.send('Runtime.getHeapUsage');
    await this.openTab('Scenarios');
    const scenarios = await counters();
    await this.openTab('Live');
    return { heapUsedBytes: heap.usedSize, domNodes: live.nodes, scenarioDomNodes: scenarios.nodes, listeners: live.jsEventListeners };
  }

  private async openTab(name: 'Live' | 'Scenarios'): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
    await this.page.waitForTimeout(TAB_SETTLE_MS);
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}
