/**
 * The dashboard as a newcomer uses it, in a real browser against a real `corescope serve`: one chart
 * per core, a run from the launcher fills the cores, its lane and units appear, Stop ends it (and its
 * processes), a bad value is refused next to its field, and the control socket refuses strangers.
 */
import os from 'node:os';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { hostPids, waitFor } from '../integration/helpers.js';
import { busyCores, coreCards, launch, liveUnitRows, stopAll } from '../support/dashboard-steps.js';
import { shotPath } from '../support/shots.js';
import { chromiumOrSkip } from '../support/require-chromium.js';
import { openDashboard, type DashboardSession } from '../support/dashboard-session.js';

const enabled = chromiumOrSkip();
const cores = os.cpus().length;

describe.skipIf(!enabled)('the browser dashboard', () => {
  let session: DashboardSession;
  let page: Page;
  let errors: string[] = [];

  beforeAll(async () => {
    session = await openDashboard(['--interval', '250']);
    ({ page, errors } = session);
  });

  afterAll(() => session?.close());

  it('shows one chart per logical core', async () => {
    await expect.poll(() => coreCards(page).count(), { timeout: 10_000 }).toBe(cores);
  });

  it('takes the token out of the address bar and history, and still connects after a reload', async () => {
    await expect.poll(() => page.url()).not.toContain('token=');
    const token = new URL(session.served.url).searchParams.get('token');
    expect(await page.evaluate(() => sessionStorage.getItem('corescope.token'))).toBe(token);
    // a reload finds the token in this tab's sessionStorage and connects again
    await page.reload();
    await expect.poll(() => coreCards(page).count(), { timeout: 10_000 }).toBe(cores);
    expect(page.url()).not.toContain('token=');
    // replaced, not pushed: Back leaves the dashboard, and Forward comes back to the address without it
    await page.goBack();
    expect(page.url()).not.toContain('token=');
    await page.goForward();
    expect(page.url()).not.toContain('token=');
    await page.reload(); // the page the next tests use: a live one
    await expect.poll(() => coreCards(page).count(), { timeout: 10_000 }).toBe(cores);
  });

  it('runs 2 cpu processes from the launcher: both cores fill, the lane and the units show, Stop ends them', async () => {
    await launch(page, 'process', 'cpu', '2', '30');
    await expect.poll(() => busyCores(page), { timeout: 5000, interval: 250 }).toBeGreaterThanOrEqual(Math.min(2, cores));
    const lane = page.getByText(/process · cpu × 2/);
    await expect.poll(() => lane.count()).toBeGreaterThan(0);
    await expect.poll(() => liveUnitRows(page).count(), { timeout: 3000 }).toBeGreaterThanOrEqual(2);
    expect(hostPids()).toHaveLength(2);

    // a second run in another mode beside it, for the picture a newcomer reads
    await launch(page, 'async', 'io-sleep', '1000', '30');
    await expect.poll(() => page.getByText(/async · io-sleep × 1,?000/).count(), { timeout: 5000 }).toBeGreaterThan(0);
    await page.waitForTimeout(8000); // some history on the charts
    await page.screenshot({ path: shotPath('screenshot.png'), fullPage: true });

    await stopAll(page);
    expect(await waitFor(() => hostPids().length === 0, 3000)).toBe(true);
    // no unit is live any more; the ended ones stay in the table, dimmed, until their runs are dismissed
    await expect.poll(() => page.locator('table.units tbody tr:not(.row-ended):not(.row-pad):not(:has(.empty-row))').count(), { timeout: 3000 }).toBe(0);
    await expect.poll(() => page.locator('table.units tbody tr.row-ended').count(), { timeout: 5000 }).toBeGreaterThanOrEqual(2);
  });

  it('refuses 0 units next to the field and starts nothing', async () => {
    await page.getByRole('radio', { name: 'process' }).check();
    const units = page.getByLabel('Units', { exact: true });
    await units.fill('0');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => page.getByText('units must be between 1 and 256 in process mode').count()).toBeGreaterThan(0);
    // the Units input itself is marked, and its description is the reason
    await expect.poll(() => units.getAttribute('aria-invalid')).toBe('true');
    expect(await units.getAttribute('aria-describedby')).toContain('-error');
    // the engine, asked directly over the socket, names the same field
    const url = new URL(session.served.url);
    const reply = await new Promise<unknown>((resolve, reject) => {
      const ws = new WebSocket(`ws://${url.host}/api?token=${url.searchParams.get('token')}`, { origin: url.origin });
      ws.on('open', () => ws.send(JSON.stringify({ id: 1, method: 'startRun', params: { mode: 'process', workload: 'cpu', units: 0 } })));
      ws.on('message', (data) => {
        const msg = JSON.parse(String(data)) as { id?: number };
        if (msg.id !== 1) return;
        ws.close();
        resolve(msg);
      });
      ws.on('error', reject);
    });
    expect(reply).toEqual({ id: 1, ok: false, error: 'units must be between 1 and 256 in process mode', field: 'units' });
    await page.waitForTimeout(500);
    expect(hostPids()).toHaveLength(0);
  });

  it('refuses the control socket without the token and from another origin', async () => {
    const url = new URL(session.served.url);
    const attempt = (wsUrl: string, origin: string) =>
      new Promise<number | string>((resolve) => {
        const ws = new WebSocket(wsUrl, { origin });
        ws.on('open', () => {
          ws.close();
          resolve('open');
        });
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('error', () => resolve('error'));
      });
    const token = url.searchParams.get('token');
    expect(await attempt(`ws://${url.host}/api`, url.origin)).toBe(401);
    expect(await attempt(`ws://${url.host}/api?token=${token}`, 'http://evil.example')).toBe(403);
    expect(await attempt(`ws://${url.host}/api?token=${token}`, url.origin)).toBe('open');
  });

  it('logged no errors in the page', () => {
    expect(errors).toEqual([]);
  });
});
