/**
 * One end-to-end session: a real `corescope serve`, Debian's chromium, a 1440×900 page on the
 * dashboard collecting the page's errors, and a close that checks no workload process is left.
 */
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { hostPids, waitFor } from '../integration/helpers.js';
import { launchChromium } from './chromium.js';
import { serve, type Served } from './serve.js';

export interface DashboardSession {
  served: Served;
  browser: Browser;
  page: Page;
  /** console errors and uncaught exceptions of the page */
  errors: string[];
  close(): Promise<void>;
}

export async function openDashboard(serveArgs: string[] = [], hash = '', env: NodeJS.ProcessEnv = {}): Promise<DashboardSession> {
  const served = await serve(serveArgs, env);
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${served.url}${hash}`);
  return {
    served,
    browser,
    page,
    errors,
    close: async () => {
      await browser.close();
      await served.close();
      expect(await waitFor(() => hostPids().length === 0, 3000)).toBe(true);
    },
  };
}
