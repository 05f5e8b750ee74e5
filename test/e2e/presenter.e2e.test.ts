/**
 * Presenter mode and the view-only link in a real browser against a real `corescope serve`: ?present
 * shows one scenario with its card's "watch this" words, the keyboard moves and runs it, its outcome
 * and the core grid fill the screen (the screenshot docs/presenter.png); the view-only link shows no
 * launcher, disables Run, and Enter in its presenter starts nothing.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIO_CATALOG } from '../../main/engine/scenarios/scenario-catalog.js';
import { chromiumOrSkip } from '../support/require-chromium.js';
import { shotPath } from '../support/shots.js';
import { openDashboard, type DashboardSession } from '../support/dashboard-session.js';

const enabled = chromiumOrSkip();
const watchOf = (name: string) => SCENARIO_CATALOG.find((s) => s.name === name)?.watch;

describe.skipIf(!enabled)('presenter mode and the view-only link', () => {
  let session: DashboardSession;
  let page: Page;

  beforeAll(async () => {
    session = await openDashboard(['--interval', '250'], '&present');
    page = session.page;
  });

  afterAll(() => session?.close());

  const stage = () => page.locator('main.presenter');

  it('shows one scenario at a time with its narration; the arrow keys move through them', async () => {
    await expect.poll(() => stage().getAttribute('data-scenario'), { timeout: 15_000 }).toBe(SCENARIO_CATALOG[0].name);
    expect(await page.locator('.presenter-count').innerText()).toBe(`1 / ${SCENARIO_CATALOG.length}`);
    expect(await page.locator('.presenter-narration').innerText()).toContain(watchOf(SCENARIO_CATALOG[0].name));
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => stage().getAttribute('data-scenario')).toBe(SCENARIO_CATALOG[1].name);
    expect(await page.locator('.presenter-narration').innerText()).toContain(watchOf(SCENARIO_CATALOG[1].name));
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft'); // stops at the first
    await expect.poll(() => stage().getAttribute('data-scenario')).toBe(SCENARIO_CATALOG[0].name);
  });

  it('runs the scenario on Enter and shows its outcome above the cores', async () => {
    await page.keyboard.press('Enter');
    const verdict = () => page.locator('main.presenter .outcome').getAttribute('data-verdict');
    // the run's banner replaces the ready one (it may already have ended on a fast machine)
    await expect.poll(verdict, { timeout: 60_000 }).toMatch(/^(agrees|differs)$/);
    expect(await page.locator('.presenter-refused').count()).toBe(0);
    expect(await page.locator('.presenter-cores .core').count()).toBeGreaterThan(0);
    await page.screenshot({ path: shotPath('presenter.png') });
    expect(session.errors).toEqual([]);
  });

  it('a view-only page shows no launcher, disables Run, and its presenter starts nothing', async () => {
    const viewUrl = session.served.viewUrl();
    expect(viewUrl).not.toBeNull();
    const viewer = await session.browser.newPage({ viewport: { width: 1440, height: 900 } });
    await viewer.goto(`${viewUrl}#scenarios`);
    await expect.poll(() => viewer.locator('.scenario-card').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await viewer.getByRole('button', { name: `Run ${SCENARIO_CATALOG[0].name}` }).isDisabled()).toBe(true);
    await viewer.getByRole('tab', { name: 'Live' }).click();
    await expect.poll(() => viewer.getByRole('heading', { name: 'View-only link' }).count()).toBe(1);
    expect(await viewer.getByRole('heading', { name: 'Launch a run' }).count()).toBe(0);

    await viewer.goto(`${viewUrl}&present`);
    await expect.poll(() => viewer.locator('main.presenter').getAttribute('data-scenario'), { timeout: 15_000 }).toBe(SCENARIO_CATALOG[0].name);
    await viewer.keyboard.press('ArrowRight');
    await viewer.keyboard.press('Enter');
    await new Promise((r) => setTimeout(r, 1500)); // time for a run to have started, were it allowed
    expect(await viewer.locator('main.presenter .outcome-verdict').innerText()).toContain('view-only');
    await viewer.keyboard.press('Escape');
    await expect.poll(() => new URL(viewer.url()).searchParams.has('present')).toBe(false);
    await viewer.close();
  });
});
