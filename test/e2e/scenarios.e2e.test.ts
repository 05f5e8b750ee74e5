/**
 * The Scenarios tab as a newcomer uses it, in a real browser against a real `corescope serve`: the tab
 * lives in the URL hash beside the token, a bad flag is refused next to its field, the semaphore runs
 * from its card and its timeline shows three waves of at most three jobs, two seconds apart, and the
 * deadlock's wait-for graph shows the cycle, first-completed shows the time hello lost to its cancel
 * and saves as a PNG. Saves the screenshots the README shows.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEASURES_CPU, hostPids, waitFor } from '../integration/helpers.js';
import { chromiumOrSkip } from '../support/require-chromium.js';
import { shotPath } from '../support/shots.js';
import { READ_EXPORTED_BOXES, exportView, overlaps, pngSize, type Box, type ExportedBoxes } from '../support/png-export.js';
import { openDashboard, type DashboardSession } from '../support/dashboard-session.js';
import { saveAndOpenReport } from '../support/report-check.js';

const enabled = chromiumOrSkip();

/** Group start times: a time more than `gapMs` after the current group's first opens a new group. */
function clusters(times: number[], gapMs: number): number[][] {
  const groups: number[][] = [];
  for (const t of [...times].sort((a, b) => a - b)) {
    const g = groups[groups.length - 1];
    if (!g || t - g[0] > gapMs) groups.push([t]);
    else g.push(t);
  }
  return groups;
}

/** The most spans overlapping at one moment (an end and a start at the same moment don't overlap). */
function maxOverlap(spans: Array<[number, number]>): number {
  const edges = spans.flatMap(([a, b]): Array<[number, number]> => [
    [a, 1],
    [b, -1],
  ]);
  edges.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  let now = 0;
  let max = 0;
  for (const [, d] of edges) max = Math.max(max, (now += d));
  return max;
}

describe.skipIf(!enabled)('the Scenarios tab', () => {
  let session: DashboardSession;
  let page: Page;
  let errors: string[] = [];

  beforeAll(async () => {
    session = await openDashboard(['--interval', '250']);
    ({ page, errors } = session);
  });

  afterAll(() => session?.close());

  const card = (name: string): Locator => page.locator(`.scenario-card[data-scenario="${name}"]`);
  const runView = (name: string): Locator => page.locator(`.scenario-run[data-scenario="${name}"]`);

  it('opens the Scenarios tab; the hash names it, and the page still connects after a reload (its token out of the address bar)', async () => {
    await page.getByRole('tab', { name: 'Scenarios' }).click();
    await expect.poll(() => page.getByRole('tab', { name: 'Scenarios' }).getAttribute('aria-selected')).toBe('true');
    const url = new URL(page.url());
    expect(url.hash).toBe('#scenarios');
    expect(url.searchParams.get('token')).toBeNull();
    await page.reload();
    await expect.poll(() => page.getByRole('tab', { name: 'Scenarios' }).getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => page.locator('.scenario-card').count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(7);
    await expect.poll(() => page.getByText('live · web dashboard').count()).toBe(1);
  });

  it('refuses 0 permits next to the field and starts nothing', async () => {
    await card('semaphore').getByLabel('Permits').fill('0');
    await page.getByRole('button', { name: 'Run semaphore' }).click();
    await expect.poll(() => card('semaphore').getByText('limit must be between 1 and 256').count()).toBe(1);
    await page.waitForTimeout(300);
    expect(hostPids()).toHaveLength(0);
    await card('semaphore').getByLabel('Permits').fill('3'); // back to the default: an empty field is refused too
  });

  it('runs the semaphore (thread, 7 jobs × 2 s, 3 permits): three waves on the timeline, at most 3 at once', MEASURES_CPU, async () => {
    const started = Date.now();
    await page.getByRole('button', { name: 'Run semaphore' }).click();
    const timeline = runView('semaphore').locator('.timeline-svg');
    await expect.poll(() => timeline.getAttribute('data-live'), { timeout: 5000 }).toBe('true');
    await expect.poll(() => timeline.getAttribute('data-live'), { timeout: 30_000, interval: 250 }).toBe('false');
    const ranMs = Date.now() - started;
    // the last units' 'done' may be drawn a batch after the run has ended: wait for all seven
    await expect.poll(() => runView('semaphore').locator('[data-state="done"].tl-end').count(), { timeout: 5000 }).toBe(7);

    const lanes = runView('semaphore').locator('.tl-lane');
    expect(await lanes.count()).toBe(7);
    const permits = (await lanes.evaluateAll((els) => els.map((el) => el.getAttribute('data-permit-ms')))).map(Number);
    expect(permits.every((t) => Number.isFinite(t))).toBe(true);

    // three waves: 3 + 3 + 1 jobs got their permits together, about 2 s apart
    const waves = clusters(permits, 1000);
    expect(waves.map((w) => w.length)).toEqual([3, 3, 1]);
    for (let i = 1; i < waves.length; i++) expect(Math.abs(waves[i][0] - waves[i - 1][0] - 2000)).toBeLessThan(400);
    expect(await runView('semaphore').locator('.tl-wave').count()).toBe(3);

    // what each job did with its permit, from it to the job's end: a sleep, so drawn waiting (io) —
    // the permit's own 'running' is a moment, not a span; never more than 3 at once
    const held = await lanes.evaluateAll((els) =>
      els.map((el) => {
        const permit = Number(el.getAttribute('data-permit-ms'));
        const inState: Record<string, number> = {};
        let end = permit;
        for (const seg of el.querySelectorAll('[data-start-ms]')) {
          const [a, b] = [Number(seg.getAttribute('data-start-ms')), Number(seg.getAttribute('data-end-ms'))];
          const state = seg.getAttribute('data-state') ?? '';
          if (a < permit || state === 'done') continue;
          inState[state] = (inState[state] ?? 0) + b - a;
          end = Math.max(end, b);
        }
        return { inState, span: [permit, end] as [number, number] };
      }),
    );
    for (const h of held) {
      expect(h.inState['waiting(io)']).toBeGreaterThan(1500);
      expect(h.inState.running ?? 0).toBeLessThan(50);
    }
    const spans = held.map((h) => h.span);
    for (const [a, b] of spans) expect(b - a).toBeGreaterThan(1500);
    expect(maxOverlap(spans)).toBe(3);

    const banner = runView('semaphore').getByLabel('outcome');
    expect(await banner.getAttribute('data-verdict')).toBe('agrees');
    expect(await banner.textContent()).toContain('Here: at most 3 at once, 3 waves');
    // every wave's label inside the timeline (the last one, near the right edge, writes leftwards)
    const svgBox = (await runView('semaphore').locator('.timeline-svg').boundingBox())!;
    const labels: Box[] = [];
    for (const label of await runView('semaphore').locator('.tl-wave text').all()) {
      const b = (await label.boundingBox())!;
      expect(b.x).toBeGreaterThanOrEqual(svgBox.x - 1);
      expect(b.x + b.width).toBeLessThanOrEqual(svgBox.x + svgBox.width + 1);
      expect(b.y).toBeGreaterThanOrEqual(svgBox.y - 1);
      // and none prints over another
      for (const other of labels) expect(overlaps(b, other)).toBe(false);
      labels.push(b);
    }
    console.log(`semaphore: ran in ${ranMs} ms; permits at ${permits.sort((a, b) => a - b).join(', ')} ms`);
    await page.screenshot({ path: shotPath('scenario-semaphore.png') });
  });

  it('runs the deadlock: the wait-for graph shows the cycle, the watchdog stops both units', async () => {
    await page.getByRole('button', { name: 'Run deadlock' }).click();
    const timeline = runView('deadlock').locator('.timeline-svg');
    await expect.poll(() => timeline.getAttribute('data-live'), { timeout: 20_000, interval: 250 }).toBe('false');

    const graph = runView('deadlock').locator('.waitfor-svg');
    expect(await graph.getAttribute('data-cycle')).toBe('function_a,function_b');
    expect(await graph.locator('.wf-edge[data-in-cycle="true"]').count()).toBe(4);
    expect(await graph.locator('.wf-edge[data-kind="waits"]').count()).toBe(2);
    expect(await graph.locator('.wf-edge[data-kind="held"]').count()).toBe(2);
    const banner = runView('deadlock').getByLabel('outcome');
    expect(await banner.getAttribute('data-verdict')).toBe('agrees');
    expect(await banner.textContent()).toContain('function_a holds A, waits B; function_b holds B, waits A');
    expect(await runView('deadlock').locator('.tl-lane[data-state="killed"]').count()).toBe(2);
    expect(await runView('deadlock').locator('.tl-deadlock').count()).toBe(1);
    expect(await waitFor(() => hostPids().length === 0, 3000)).toBe(true);
    await page.screenshot({ path: shotPath('scenario-deadlock.png') });
  });

  it("runs first-completed: hello's cancel shows the 3 s it lost, and the run saves as a slide-ready PNG", async () => {
    await page.getByRole('tab', { name: 'Scenarios' }).click(); // already open after the first test; run alone (-t) it opens here
    await page.getByRole('button', { name: 'Run first-completed' }).click();
    const view = runView('first-completed');
    await expect.poll(() => view.locator('.timeline-svg').getAttribute('data-live'), { timeout: 20_000, interval: 250 }).toBe('false');
    const banner = view.getByLabel('outcome');
    expect(await banner.textContent()).toMatch(/bye won after 2(\.\d+)? s; hello cancelled (2\.\d+|3(\.\d+)?) s before it would have finished/);
    // on hello's lane, after its cancel mark: the rest of its 5 s wait, ending at 5 s
    const lost = view.locator('.tl-lane[data-unit="hello"] .tl-lost');
    const lostMs = Number(await lost.getAttribute('data-lost-ms'));
    expect(lostMs).toBeGreaterThan(2500);
    expect(lostMs).toBeLessThan(3200);
    const hello = view.locator('.tl-lane[data-unit="hello"]');
    const cancelMs = Number(await hello.locator('[data-state="cancelled"]').getAttribute('data-start-ms'));
    const waitMs = Number(await hello.locator('[data-state="waiting(io)"]').first().getAttribute('data-start-ms'));
    // it ends about where hello's 5 s wait would have
    expect(Math.abs(cancelMs + lostMs - (waitMs + 5000))).toBeLessThan(400);
    expect(await view.locator('.tl-lane[data-unit="bye"] .tl-lost').count()).toBe(0);
    // the lost box ends where its lane's 5 s would be, within the timeline
    const [laneBox, lostBox] = [await view.locator('.tl-lane[data-unit="hello"] .tl-track').boundingBox(), await lost.locator('rect').boundingBox()];
    expect(lostBox!.x + lostBox!.width).toBeLessThanOrEqual(laneBox!.x + laneBox!.width + 1);

    const { png, svg } = await exportView(page, () => view.getByRole('button', { name: 'Save PNG' }).click());
    expect(pngSize(png).width).toBeGreaterThanOrEqual(1600);
    await writeFile(join(tmpdir(), 'corescope-first-completed-export.png'), png); // to look at; not a README picture
    const picture = await session.browser.newPage({ viewport: { width: 1800, height: 1000 } });
    try {
      await picture.setContent(`<!doctype html><body style="margin:0">${svg}</body>`);
      const boxes = (await picture.evaluate(READ_EXPORTED_BOXES)) as ExportedBoxes;
      expect(boxes.overlappingText).toEqual([]);
      // the banner, the timeline with hello's lost time, and the legend are in the picture; Stop and the buttons are not
      expect(svg).toContain('before it would have finished');
      expect(svg).toContain('lost to the cancel');
      expect(svg).toContain('tl-legend');
      expect(boxes.saveButtonsVisible).toBe(false);
    } finally {
      await picture.close();
    }

    // and as one HTML report that opens offline: the banner, the timeline as SVG, the machine and the date
    const shot = join(tmpdir(), 'corescope-first-completed-report.png'); // to look at; not a README picture
    const r = await saveAndOpenReport(page, session.browser, () => view.getByRole('button', { name: 'Save report' }).click(), shot);
    expect(r.fileName).toMatch(/^corescope-scenario-first-completed-.*\.html$/);
    expect(r.html).not.toMatch(/https?:|<script|<link|url\(/i);
    expect(r.requests).toEqual([]);
    expect(r.errors).toEqual([]);
    expect(r.title).toMatch(/^CoreScope scenario · .+ · async/);
    expect(r.meta).toMatch(/logical cores · .+ UTC$/);
    expect(r.html).toContain('before it would have finished');
    expect(r.html).toContain('timeline-svg');
    expect(r.svgs).toBeGreaterThanOrEqual(2);
  });

  it('logged no errors in the page', () => {
    expect(errors).toEqual([]);
  });
});
