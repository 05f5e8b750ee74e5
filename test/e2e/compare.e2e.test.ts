/**
 * The Compare tab in a real browser against a real `corescope serve`: a compare with 2 units reads
 * three speedups with their min–max over 3 rounds from the page, drawn with error bars (processes and
 * threads gain on 2 cores, async tasks on one event loop show no measurable gain), a memory study reads bytes per unit (process > thread > async > 0), a result saves as CSV,
 * and no workload host is left behind. Margins are wide: CPU-bound legs share this machine.
 */
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumOrSkip } from '../support/require-chromium.js';
import { shotPath } from '../support/shots.js';
import { openDashboard, type DashboardSession } from '../support/dashboard-session.js';
import { READ_EXPORTED_BOXES, exportView, inside, overlaps, pngSize, type ExportedBoxes } from '../support/png-export.js';
import { saveAndOpenReport } from '../support/report-check.js';

const enabled = chromiumOrSkip();
const cores = os.cpus().length;

async function openCompare(page: Page, url: string): Promise<void> {
  await page.goto(`${url}#compare`);
  const run = page.getByRole('button', { name: 'Run compare' });
  // the tab may need a click where the hash alone doesn't open it
  if (!(await run.isVisible().catch(() => false))) {
    const tab = page.getByRole('tab', { name: /^compare/i }).or(page.getByRole('link', { name: /^compare/i }));
    if (await tab.count()) await tab.first().click();
  }
  await run.waitFor({ timeout: 10_000 });
}

/** A compare result on the page: run alone (-t), a small compare is enough to have every chart, the leg heat timelines and the table. */
async function haveCompare(page: Page): Promise<void> {
  if (await page.getByTestId('speedup-async').count()) return;
  await page.getByLabel('Units (N)', { exact: true }).fill('2');
  await page.getByLabel('Total work (blocks)').fill('30');
  await page.getByLabel('Rounds').fill('1');
  await page.getByRole('button', { name: 'Run compare' }).click();
  await page.getByTestId('speedup-async').waitFor({ timeout: 90_000 });
}

const numberOf = async (page: Page, testId: string): Promise<number> => Number(await page.getByTestId(testId).textContent());

describe.skipIf(!enabled)('the Compare tab', () => {
  let session: DashboardSession;
  let page: Page;
  let errors: string[] = [];

  beforeAll(async () => {
    session = await openDashboard(['--interval', '250']);
    ({ page, errors } = session);
    await openCompare(page, session.served.url);
  });

  afterAll(() => session?.close());

  // one retry: the legs are timed on a shared 2-core machine, and a burst of other work during one 1-unit leg is
  // enough to sink a speedup (the leg heat timelines in docs/compare.png show such a burst when it happens)
  it.skipIf(cores < 2)('runs a compare with 2 units: processes and threads speed up, async tasks do not', { retry: 1 }, async () => {
    await page.getByLabel('Units (N)', { exact: true }).fill('2');
    await page.getByLabel('Total work (blocks)').fill('150');
    await page.getByLabel('Rounds').fill('3');
    await page.getByRole('button', { name: 'Run compare' }).click();
    // the legs show while they run, and the result when the last one has ended
    const leg = page.getByText(/^Leg \d+ of \d+/);
    await expect.poll(() => leg.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await expect.poll(() => leg.count(), { timeout: 150_000, interval: 250 }).toBe(0);
    await page.getByTestId('speedup-async').waitFor({ timeout: 5000 });
    await page.screenshot({ path: shotPath('compare.png'), fullPage: true });

    const speedup = { process: await numberOf(page, 'speedup-process'), thread: await numberOf(page, 'speedup-thread'), async: await numberOf(page, 'speedup-async') };
    const range = async (mode: string) => (await page.getByTestId(`speedup-range-${mode}`).textContent())!.split('–').map(Number);
    const [processLow] = await range('process');
    const [threadLow] = await range('thread');
    const [, asyncHigh] = await range('async');
    // the interval, not one ratio: every round of processes and threads gained (its low end clears 1: one
    // round of three read 1.27 in CI while a neighbour held a core); async didn't clear 1
    expect(speedup.process).toBeGreaterThanOrEqual(1.5);
    expect(processLow).toBeGreaterThanOrEqual(1.15);
    expect(speedup.thread).toBeGreaterThanOrEqual(1.5);
    expect(threadLow).toBeGreaterThanOrEqual(1.15);
    expect(speedup.async).toBeLessThanOrEqual(1.2);
    expect(asyncHigh).toBeGreaterThanOrEqual(speedup.async);
    expect(await page.getByTestId('verdict-async').textContent()).toMatch(/no measurable gain|slower/);
    // whiskers on the speedup, efficiency and both wall-time series: one per mode on each
    await expect.poll(() => page.locator('.recharts-errorBars').count()).toBe(4);
    // every leg's heat timeline is drawn: 3 rounds of 6 legs, more if other programs made some rounds busy
    await expect.poll(() => page.locator('.leg canvas').count()).toBeGreaterThanOrEqual(18);
    expect((await page.locator('.leg canvas').count()) % 6).toBe(0);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save CSV' }).first().click()]);
    const csv = await readFile(await download.path(), 'utf8');
    expect(csv.split('\n')[0]).toMatch(/^mode,runtime,workload,units,work,/);
    expect(csv).toMatch(/\nasync,node,cpu,2,150,/);
  });

  it('saves the compare as a slide-ready PNG: ≥ 1600 px wide, titles in their own charts, legends and the table', async () => {
    const panel = page.locator('section.compare-panel');
    await haveCompare(page);
    // each chart is named by what it shows, not by its tick labels
    expect(await panel.getByRole('img', { name: /^Speedup chart: process \d+\.\d\d×, thread \d+\.\d\d×, async \d+\.\d\d×; ideal \d+×$/ }).count()).toBe(1);
    expect(await panel.getByRole('img', { name: /^Efficiency chart: process \d+%/ }).count()).toBe(1);
    const { png, svg } = await exportView(page, () => panel.getByRole('button', { name: 'Save PNG' }).click());
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    const { width, height } = pngSize(png);
    expect(width).toBeGreaterThanOrEqual(1600);
    expect(height).toBeGreaterThan(600);
    await writeFile(join(os.tmpdir(), 'corescope-compare-export.png'), png); // to look at; not a README picture

    // what the PNG shows, laid out again by the same browser: boxes read from the exported document itself
    const view = await session.browser.newPage({ viewport: { width: 1800, height: 1000 } });
    try {
      await view.setContent(`<!doctype html><body style="margin:0">${svg}</body>`);
      const boxes = (await view.evaluate(READ_EXPORTED_BOXES)) as ExportedBoxes;
      expect(boxes.svgWidth).toBe(width);
      // three chart titles, each within its own chart's box, none over another
      expect(boxes.charts).toHaveLength(3);
      for (const c of boxes.charts) expect(inside(c.title, c.box)).toBe(true);
      for (let i = 0; i < boxes.charts.length; i++)
        for (let j = i + 1; j < boxes.charts.length; j++) expect(overlaps(boxes.charts[i].title, boxes.charts[j].title)).toBe(false);
      // no two runs of text anywhere in the picture print over each other
      expect(boxes.overlappingText).toEqual([]);
      // the legends (the wall-time chart's and the heat timelines') and the table, drawn
      expect(boxes.legendItems).toBeGreaterThanOrEqual(3);
      expect(boxes.heatLegend?.ramp).toBe(true);
      expect(boxes.heatLegend?.box.width).toBeGreaterThan(100);
      expect(boxes.tableRows).toBe(3);
      expect(boxes.table?.height).toBeGreaterThan(60);
      expect(boxes.legCanvasImages).toBeGreaterThanOrEqual(6);
      // the Save buttons are not in the picture
      expect(boxes.saveButtonsVisible).toBe(false);
    } finally {
      await view.close();
    }
  });

  it('saves the compare as one self-contained HTML report that opens offline: title, machine, date, the charts as SVG, the table', async () => {
    const panel = page.locator('section.compare-panel');
    await haveCompare(page);
    const shot = join(os.tmpdir(), 'corescope-compare-report.png'); // to look at; not a README picture
    const r = await saveAndOpenReport(page, session.browser, () => panel.getByRole('button', { name: 'Save report' }).click(), shot);
    expect(r.fileName).toMatch(/^corescope-compare-.*\.html$/);
    expect(r.html).toMatch(/^<!doctype html>/);
    // nothing it could fetch: no web address at all, no script, no stylesheet or font link
    expect(r.html.match(/.{0,80}https?:.{0,40}/)?.[0]).toBeUndefined();
    console.log(`compare report: ${(r.html.length / 1024).toFixed(0)} KB, ${r.svgs} svg elements, ${r.tableRows} table rows`);
    expect(r.html).not.toMatch(/<script|<link|@import|url\(/i);
    // opened from disk, offline: it asked for nothing and logged no error (its CSP would have said so)
    expect(r.requests).toEqual([]);
    expect(r.errors).toEqual([]);
    expect(r.title).toMatch(/^CoreScope compare · cpu work \d+ blocks · 2 units vs 1 · node$/);
    expect(r.heading).toBe(r.title);
    expect(r.meta).toMatch(/\d+ logical cores · .+ memory · .+ · \d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
    // the view as an SVG: the three charts (themselves SVG) and the table's three modes, drawn at a readable size
    expect(r.svgs).toBeGreaterThanOrEqual(4);
    expect(r.tableRows).toBe(3);
    expect(r.view.width).toBeGreaterThan(600);
    expect(r.view.height).toBeGreaterThan(400);
    expect(r.html).toContain('Speedup');
    // the Save buttons are not in the report
    expect(r.html).not.toContain('Save report');
  });

  it('measures memory per unit at N = 1, 2, 4: process > thread > async > 0', async () => {
    await page.getByLabel('Units (N), comma-separated').fill('1,2,4');
    await page.getByRole('button', { name: 'Measure memory' }).click();
    const row = page.getByTestId('bytes-per-unit-async');
    await row.waitFor({ timeout: 90_000 });
    const bytes = async (mode: string) => Number(await page.getByTestId(`bytes-per-unit-${mode}`).getAttribute('data-bytes'));
    const perUnit = { process: await bytes('process'), thread: await bytes('thread'), async: await bytes('async') };
    expect(perUnit.process).toBeGreaterThan(perUnit.thread);
    expect(perUnit.thread).toBeGreaterThan(perUnit.async);
    expect(perUnit.async).toBeGreaterThan(0);
    const panel = page.locator('section', { has: page.getByRole('heading', { name: /Memory cost per unit/ }) });
    await panel.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: shotPath('memory.png') });

    // the chart as PNG, drawn in the page from the charts' SVG
    const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Save PNG' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^corescope-memory-.*\.png$/);
    const png = await readFile(await download.path());
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.length).toBeGreaterThan(5000);
    if (process.env.CORESCOPE_KEEP_PNG) await download.saveAs(process.env.CORESCOPE_KEEP_PNG);
  });

  it('logs no errors in the page', () => {
    expect(errors).toEqual([]);
  });
});
