/**
 * Demo-ready, in Debian's chromium against a real `corescope serve`: at 800 px the page never scrolls
 * sideways and a bad duration (empty, 0, "ten", 99999) is an inline error that starts no process; at
 * 1024×700 a scenario run from its card brings its outcome into view, its lanes showing each read and
 * write with the counter's value; a server killed and restarted
 * with the same --port and --token-file is found again by the open page, which shows live cores
 * without a reload; a reloaded Live tab draws the last minute at once. Saves the Live and scenario
 * pictures at 1024 and 1440.
 */
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostPids, waitFor } from '../integration/helpers.js';
import { launchChromium } from '../support/chromium.js';
import { chromiumOrSkip } from '../support/require-chromium.js';
import { serve, type Served } from '../support/serve.js';
import { shotPath } from '../support/shots.js';

const enabled = chromiumOrSkip();

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

const newestT = (page: Page) => page.locator('.cores-panel').getAttribute('data-newest-t').then(Number);

describe.skipIf(!enabled)('demo-ready dashboard', () => {
  let served: Served;
  let browser: Browser;

  beforeAll(async () => {
    served = await serve(['--interval', '250']);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await served?.close();
    expect(await waitFor(() => hostPids().length === 0, 3000)).toBe(true);
  });

  it('at 800 px: no sideways scroll, and a bad duration is refused next to the field with no process started', async () => {
    const page = await browser.newPage({ viewport: { width: 800, height: 700 } });
    await page.goto(served.url);
    const duration = page.getByRole('textbox', { name: /duration/i });
    await duration.waitFor();
    await page.locator('.cores-panel[data-newest-t]').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(800);
    const cases: Array<[string, RegExp]> = [
      ['', /duration is required/],
      ['0', /between 0.1 and 3600/],
      ['ten', /must be a number/],
      ['99999', /between 0.1 and 3600/],
    ];
    for (const [typed, reason] of cases) {
      await duration.fill(typed);
      await page.getByRole('button', { name: /^run$/i }).click();
      await expect.poll(() => page.locator('#durationS-error').textContent()).toMatch(reason);
      expect(await duration.getAttribute('aria-invalid')).toBe('true');
    }
    await page.waitForTimeout(1000);
    expect(hostPids()).toEqual([]);
    expect(await page.locator('.lane').count()).toBe(0);
    await page.close();
  });

  it('at 1024×700: Run on a card brings the outcome into view, then shows it settled', async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 700 } });
    await page.goto(`${served.url}#scenarios`);
    await page.getByRole('button', { name: 'Run race' }).click();
    const outcome = page.locator('.scenario-run[data-scenario="race"] .outcome');
    await outcome.waitFor();
    await expect.poll(() => outcome.getAttribute('data-verdict'), { timeout: 20_000 }).not.toBe('running');
    // the race's point on its lanes: both read 0, one wrote 10, the other 20, the update lost
    const notes = (unit: string) => page.locator(`.tl-lane[data-unit="${unit}"] .tl-notes`).textContent();
    expect(await notes('increase(10)')).toMatch(/read 0 → wrote 10/);
    expect(await notes('increase(20)')).toMatch(/read 0 → wrote 20/);
    const box = await outcome.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y + box!.height).toBeLessThanOrEqual(700);
    await page.screenshot({ path: shotPath('demo-scenario-1024.png') });
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.screenshot({ path: shotPath('demo-scenario-1440.png') });
    await page.close();
  });

  it('event-loop-block shows the worker leg\'s io tasks ending on time, the loop\'s all at once', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(`${served.url}#scenarios`);
    await page.getByRole('button', { name: 'Run event-loop-block' }).click();
    // while the loop's leg runs, the worker's leg is queued, not 'starting'
    const workerCpu = page.locator('.tl-lane[data-unit="cpu in a worker"]');
    await expect.poll(() => workerCpu.getAttribute('data-state'), { timeout: 10_000, interval: 100 }).toBe('queued');
    expect(await page.locator('.tl-lane[data-unit="cpu on the loop"]').getAttribute('data-state')).not.toBe('queued');
    const outcome = page.locator('.scenario-run[data-scenario="event-loop-block"] .outcome');
    await expect.poll(() => outcome.getAttribute('data-verdict'), { timeout: 30_000 }).not.toBe('running');
    await page.getByRole('button', { name: /Show all \d+ lanes/ }).click();
    const ends = (leg: string) =>
      page.locator(`.tl-lane[data-unit^="${leg} io "] .tl-end`).evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-start-ms'))));
    const worker = await ends('worker');
    const loop = await ends('loop');
    expect(worker).toHaveLength(50);
    expect(loop).toHaveLength(50);
    const spread = (xs: number[]) => Math.max(...xs) - Math.min(...xs);
    // due at an even spread over the 1 s CPU task: in a worker they end spread out like that, on the loop
    // (after the first few) together, when the CPU task lets go
    expect(spread(worker)).toBeGreaterThan(600);
    expect(spread(loop.slice(5))).toBeLessThan(250);
    // the worker leg's lanes begin queued, then start after the loop's leg
    const first = await workerCpu.locator('.tl-seg').first().getAttribute('data-state');
    expect(first).toBe('queued');
    await page.close();
  });

  it('a reloaded Live tab keeps its charts: the machine charts still span the seconds before the reload', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(served.url);
    const cpu = page.getByTestId('cpu-chart');
    const span = async () => Number(/over the last (\d+) s/.exec((await cpu.getAttribute('aria-label')) ?? '')?.[1] ?? 0);
    await expect.poll(span, { timeout: 15_000, interval: 250 }).toBeGreaterThanOrEqual(6);
    await page.reload();
    const reloaded = Date.now();
    await expect.poll(span, { timeout: 5000, interval: 100 }).toBeGreaterThanOrEqual(6);
    // read within a moment of the reload: the span came with the page (the engine's recent history), not from waiting
    expect(Date.now() - reloaded).toBeLessThan(4000);
    expect(await page.getByTestId('memory-chart').getAttribute('aria-label')).toMatch(/^Memory chart: .+ used now, peak .+ over the last \d+ s$/);
    await page.close();
  });

  it('pictures Live during a run at 1024 and 1440', async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 700 } });
    await page.goto(served.url);
    await page.getByRole('textbox', { name: /duration/i }).fill('4');
    await page.getByRole('button', { name: /^run$/i }).click();
    await page.locator('.lane').first().waitFor();
    await page.waitForTimeout(1500);
    await page.screenshot({ path: shotPath('demo-live-1024.png') });
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: shotPath('demo-live-1440.png') });
    await expect.poll(() => page.locator('.lane-status').first().textContent(), { timeout: 15_000 }).toBe('ended');
    await page.close();
  });

  it('reconnects by itself when serve restarts on the same port and token, and shows live cores again', async () => {
    const port = String(await freePort());
    const tokenFile = join(mkdtempSync(join(tmpdir(), 'cs-demo-')), 'token');
    let first: Served | null = await serve(['--port', port, '--token-file', tokenFile, '--interval', '250']);
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    try {
      const servedUrl = first.url;
      await page.goto(first.url);
      await page.locator('.cores-panel[data-newest-t]').waitFor();
      await page.evaluate(() => Object.assign(window, { sameDocument: true }));
      await first.close();
      first = null;
      await page.getByRole('alert').filter({ hasText: /connection lost/i }).waitFor({ timeout: 10_000 });
      expect(await page.getByRole('button', { name: /^run$/i }).isDisabled()).toBe(true);
      const before = await newestT(page);

      const firstUrl = new URL(page.url()).origin;
      const second = await serve(['--port', port, '--token-file', tokenFile, '--interval', '250']);
      try {
        // the same port and token: the URL it prints is the one the page was opened with (the page keeps its token in sessionStorage)
        expect(new URL(second.url).origin).toBe(firstUrl);
        expect(second.url).toBe(servedUrl);
        const back = Date.now();
        await expect.poll(() => page.locator('.link-open').count(), { timeout: 10_000, interval: 200 }).toBe(1);
        await expect.poll(() => newestT(page), { timeout: 10_000 - (Date.now() - back), interval: 200 }).toBeGreaterThan(before);
        expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
        expect(await page.getByRole('alert').filter({ hasText: /connection lost/i }).count()).toBe(0);
        expect(await page.getByRole('button', { name: /^run$/i }).isDisabled()).toBe(false);
      } finally {
        await second.close();
      }
    } finally {
      await page.close();
      await first?.close();
    }
  });
});
