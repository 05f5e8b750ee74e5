/**
 * Issue 14 in the page, in Debian's chromium against a real `corescope serve`: a unit that throws
 * (CORESCOPE_INJECT_FAULT=unit-throws, in real hosts) shows `failed` with its message in its run's
 * lane; and a page opened mid-run shows the last minute of core history at once (the engine's
 * recentHistory), not a blank that fills from now. (Reconnecting with backoff and a banner is
 * demo.e2e's; --json and the CLI's table are crash-reporting.test's.)
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { launch } from '../support/dashboard-steps.js';
import { openDashboard, type DashboardSession } from '../support/dashboard-session.js';
import { chromiumOrSkip } from '../support/require-chromium.js';

const enabled = chromiumOrSkip();
/** how long the server samples before the late page opens: well over the 30 s window the page is set to */
const BEFORE_LATE_PAGE_MS = 45_000;

/** Each test its own server and browser, closed (and checked for leftovers) even when the test fails. */
async function withDashboard(env: NodeJS.ProcessEnv, body: (session: DashboardSession) => Promise<void>): Promise<void> {
  const session = await openDashboard(['--interval', '250'], '', env);
  try {
    await body(session);
  } finally {
    await session.close();
  }
}

describe.skipIf(!enabled)('reliability in the page', () => {
  it('a unit that throws shows failed with its message in its run’s lane', () =>
    withDashboard({ CORESCOPE_INJECT_FAULT: 'unit-throws' }, async (session) => {
      const { page } = session;
      await launch(page, 'thread', 'cpu', '2', '3');
      const crashes = page.getByRole('list', { name: /^Units of run r\d+ that failed or were killed$/ });
      // in whichever order the units ended
      await expect.poll(async () => (await crashes.locator('li').allTextContents()).sort(), { timeout: 15_000 }).toEqual([
        'unit 0 failed: injected fault: the unit threw',
        'unit 1 failed: injected fault: the unit threw',
      ]);
      await page.screenshot({ path: join(tmpdir(), 'corescope-reliability-unit-throws.png') }); // to look at, not for docs/
      expect(session.errors).toEqual([]);
    }));

  it(
    'a page opened mid-run shows the last minute of core history at once',
    { timeout: BEFORE_LATE_PAGE_MS + 60_000 },
    () =>
      withDashboard({}, async (session) => {
        const { page, browser } = session;
        await launch(page, 'process', 'io-sleep', '2', '120');
        await page.waitForTimeout(BEFORE_LATE_PAGE_MS);

        const late = await browser.newPage({ viewport: { width: 1440, height: 900 } });
        await late.goto(session.served.url);
        await late.getByLabel('Window').selectOption('30000');
        // the History slider reaches back as far as the page's ring holds, less the 30 s window
        const reach = async () => -Number(await late.locator('.history-scroll input[type="range"]').getAttribute('min'));
        await expect.poll(reach, { timeout: 5000, interval: 250 }).toBeGreaterThanOrEqual(BEFORE_LATE_PAGE_MS - 30_000 - 10_000);
        // and the run already going is there too
        await expect.poll(() => late.getByText(/process · io-sleep × 2/).count(), { timeout: 5000 }).toBeGreaterThan(0);
        await late.close();
        expect(session.errors).toEqual([]);
      }),
  );
});
