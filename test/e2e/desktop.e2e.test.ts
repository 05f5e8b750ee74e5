/**
 * The same journey in the desktop window, through Playwright's Electron support. It needs Electron's
 * binary and a display: where they are missing (an offline install, CI here), it says so and skips.
 */
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasDisplay } from '../../bin/platform.js';
import { ROOT, TEST_MARK, hostPids, waitFor } from '../integration/helpers.js';
import { busyCores, coreCards, launch, stopAll } from '../support/dashboard-steps.js';

function electronBinary(): string | null {
  try {
    return createRequire(import.meta.url)('electron') as string;
  } catch {
    return null;
  }
}

const binary = electronBinary();
const display = hasDisplay();
const why = !binary ? 'no Electron binary (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1)' : !display ? 'no display' : '';
if (why) console.info(`desktop window e2e skipped: ${why}`);

describe.skipIf(Boolean(why))('the desktop window', () => {
  let app: ElectronApplication;
  let page: Page;
  let profile = '';

  beforeAll(async () => {
    const [key, value] = TEST_MARK.split('=');
    // its own profile, so its single-instance lock never meets a developer's `npm start`
    profile = mkdtempSync(join(os.tmpdir(), 'cs-desktop-e2e-'));
    const env = Object.fromEntries(Object.entries({ ...process.env, [key]: value, CORESCOPE_USER_DATA: profile }).filter((e): e is [string, string] => e[1] !== undefined));
    app = await electron.launch({ executablePath: binary as string, args: [ROOT], cwd: ROOT, env });
    page = await app.firstWindow();
  });

  afterAll(async () => {
    await app?.close();
    expect(await waitFor(() => hostPids().length === 0, 3000)).toBe(true);
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('is isolated: the page has the CoreScope API and no Node', async () => {
    const keys = await page.evaluate(() => Object.keys((window as unknown as { corescope: object }).corescope).sort());
    expect(keys).toContain('startRun');
    expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => typeof (window as unknown as { process?: unknown }).process)).toBe('undefined');
  });

  it('shows one chart per core, runs 2 cpu processes, and stops them', async () => {
    await expect.poll(() => coreCards(page).count(), { timeout: 10_000 }).toBe(os.cpus().length);
    await launch(page, 'process', 'cpu', '2', '30');
    await expect.poll(() => busyCores(page), { timeout: 5000, interval: 250 }).toBeGreaterThanOrEqual(Math.min(2, os.cpus().length));
    await stopAll(page);
    expect(await waitFor(() => hostPids().length === 0, 3000)).toBe(true);
  });

  it('quitting the app ends every run', async () => {
    await launch(page, 'thread', 'io-sleep', '4', '60');
    await waitFor(() => hostPids().length === 1, 5000);
    await app.close();
    expect(await waitFor(() => hostPids().length === 0, 3000)).toBe(true);
  });
});
