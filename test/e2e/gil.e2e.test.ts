/**
 * Python in the app, in a real browser against a real `corescope serve`: the launcher offers the
 * Python runtime (with its version) and a python run starts from it; the gil scenario shows its two
 * legs as lanes — 2 Python threads on the left, 2 Python processes on the right, the core grid between
 * them — and the threads keep about one core busy while the processes keep two; the Python setting
 * refuses what is no Python. Saves the screenshot the README shows. Skipped where there is no python3
 * (CI has one).
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPython } from '../../main/engine/runs/python-runtime.js';
import { MEASURES_CPU } from '../integration/helpers.js';
import { chromiumOrSkip } from '../support/require-chromium.js';
import { shotPath } from '../support/shots.js';
import { openDashboard, type DashboardSession } from '../support/dashboard-session.js';

const python = await findPython();
const enabled = chromiumOrSkip() && python !== null;

describe.skipIf(!enabled)('Python in the app', () => {
  let session: DashboardSession;
  let page: Page;
  let errors: string[] = [];

  beforeAll(async () => {
    session = await openDashboard([], '#scenarios');
    ({ page, errors } = session);
  });

  afterAll(() => session?.close());

  const lane = (leg: string): Locator => page.locator(`.gil-lane[data-leg="${leg}"]`);

  it(
    'runs the gil: two lanes with the cores between them; threads keep about one core busy, processes two',
    MEASURES_CPU,
    async () => {
      await expect.poll(() => page.getByRole('tab', { name: 'Scenarios' }).getAttribute('aria-selected')).toBe('true');
      await expect.poll(() => page.locator('.scenario-card[data-scenario="gil"]').count(), { timeout: 10_000 }).toBe(1);
      const started = Date.now();
      await page.getByRole('button', { name: 'Run gil' }).click();

      // the two lanes and, between them, the one core grid
      await expect.poll(() => page.locator('.gil-lane').count(), { timeout: 10_000 }).toBe(2);
      expect(await lane('threads').locator('.gil-title').textContent()).toBe('2 Python threads');
      expect(await lane('processes').locator('.gil-title').textContent()).toBe('2 Python processes');
      const order = await page.locator('.gil-stage > *').evaluateAll((els) => els.map((e) => e.getAttribute('data-leg') ?? e.className));
      expect(order).toEqual(['threads', 'gil-cores', 'processes']);
      expect(await page.locator('.cores-panel').count()).toBe(1);
      expect(await page.locator('.gil-cores .cores-panel').count()).toBe(1);

      // live: the threads run first, then the processes
      await expect.poll(() => lane('threads').getAttribute('data-phase'), { timeout: 10_000, interval: 100 }).toBe('running');
      expect(await lane('processes').getAttribute('data-phase')).toBe('waiting');
      // the processes' leg is queued behind the threads: said so, and no chip of theirs on a core yet
      expect(await lane('processes').locator('.gil-unit').evaluateAll((els) => els.map((e) => e.getAttribute('data-state')))).toEqual(['queued', 'queued']);
      const runId = await page.locator('.scenario-run[data-scenario="gil"]').getAttribute('data-run-id');
      // for a few snapshots while the processes still wait: none of their chips on a core
      for (const until = Date.now() + 800; Date.now() < until; await page.waitForTimeout(100)) {
        const chips = await page.locator('.chip', { hasText: new RegExp(`^${runId}·u[23]$`) }).count();
        if ((await lane('processes').getAttribute('data-phase')) !== 'waiting') break; // their leg began meanwhile
        expect(chips).toBe(0);
      }
      await expect.poll(() => lane('processes').getAttribute('data-phase'), { timeout: 15_000, interval: 100 }).toBe('running');

      // the outcome: each leg's figure in its lane and in the banner
      await expect.poll(() => lane('processes').getAttribute('data-busy-cores'), { timeout: 30_000, interval: 250 }).not.toBeNull();
      const threads = Number(await lane('threads').getAttribute('data-busy-cores'));
      const processes = Number(await lane('processes').getAttribute('data-busy-cores'));
      expect(threads).toBeGreaterThan(0.5);
      expect(threads).toBeLessThanOrEqual(1.4);
      // the browser drawing the page takes part of a core on this 2-core machine (1.57–1.65 read in CI
      // runs), so the processes leg is held side by side with the threads leg, not to a fixed 2
      expect(processes).toBeGreaterThanOrEqual(1.4);
      expect(processes - threads, `threads ${threads}, processes ${processes}`).toBeGreaterThanOrEqual(0.4);
      const banner = page.locator('.scenario-run[data-scenario="gil"]').getByLabel('outcome');
      expect(await banner.locator('.outcome-expected').textContent()).toBe("The article: Python threads don't run in parallel (the GIL) — processes do.");
      expect(await banner.locator('.outcome-actual').textContent()).toMatch(
        // each figure with its lowest and highest half second
        new RegExp(`^Here: threads used ${threads.toFixed(2)} cores? \\(\\d\\.\\d\\d–\\d\\.\\d\\d per half second\\), processes ${processes.toFixed(2)} cores \\(\\d\\.\\d\\d–\\d\\.\\d\\d per half second\\)`),
      );
      expect(await banner.getAttribute('data-verdict')).toBe('agrees');
      expect(await lane('threads').locator('.gil-value').textContent()).toBe(threads.toFixed(2));
      expect(await lane('processes').locator('.gil-value').textContent()).toBe(processes.toFixed(2));
      console.log(`gil in the app: threads ${threads} cores, processes ${processes} cores, ${Date.now() - started} ms from Run to outcome`);

      // clicking Run scrolled the page to the card: back to the top, so the run's title shows
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.mouse.move(0, 0);
      await page.screenshot({ path: shotPath('scenario-gil.png') });
    },
  );

  it('the launcher offers Python beside its version, and starts a python run', async () => {
    await page.getByRole('tab', { name: 'Live' }).click();
    const runtime = page.getByLabel('Runtime');
    await expect.poll(() => runtime.count(), { timeout: 10_000 }).toBe(1);
    expect(await runtime.locator('option').allTextContents()).toEqual(['Node', `Python ${python?.version ?? ''}`]);
    await runtime.selectOption('python');
    expect(await page.locator('#runtime-hint').textContent()).toBe(python?.path);
    await page.getByRole('radio', { name: 'thread' }).check();
    await page.getByLabel('Units', { exact: true }).fill('2');
    await page.getByLabel('Duration (s)', { exact: true }).fill('1');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const started = page.locator('.lane').filter({ has: page.locator('.lane-detail', { hasText: '1 s each, python' }) });
    await expect.poll(() => started.count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => started.locator('.lane-status').textContent(), { timeout: 15_000, interval: 250 }).toBe('ended');
  });

  it('the Python setting refuses a path that is no Python, and takes one that is', async () => {
    await page.locator('.python-setting summary').click();
    const input = page.getByLabel('Python path');
    await input.fill('/bin/sh');
    await page.getByRole('button', { name: 'Use', exact: true }).click();
    await expect.poll(() => page.locator('#python-path-error').textContent()).toBe('python must name a python executable (python3, python3.11 …)');
    await input.fill(python?.path ?? '');
    await page.getByRole('button', { name: 'Use', exact: true }).click();
    await expect.poll(() => page.locator('#python-path-error').count()).toBe(0);
    expect(await page.getByLabel('Runtime').locator('option').allTextContents()).toEqual(['Node', `Python ${python?.version ?? ''}`]);
    await page.locator('.python-setting summary').click();
  });

  it('logged no errors in the page', () => {
    expect(errors).toEqual([]);
  });
});
