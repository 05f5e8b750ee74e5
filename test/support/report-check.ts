/**
 * Reading a saved HTML report back in an end-to-end test: click Save report, take the download, and
 * open the file as a reader would — from disk (file://) in a browser context that is offline — with
 * every request, console error and page error recorded. Screenshots go to the temp folder.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';

export interface OpenedReport {
  html: string;
  fileName: string;
  /** every URL the opened file asked for, besides itself */
  requests: string[];
  errors: string[];
  title: string;
  heading: string;
  meta: string;
  /** <svg> elements in the report: the view's, and the charts inside it */
  svgs: number;
  tableRows: number;
  /** the view's drawn size in the offline page (px) */
  view: { width: number; height: number };
}

/** Clicks Save report, then opens the downloaded file offline from disk; screenshot to shotFile (full page). */
export async function saveAndOpenReport(page: Page, browser: Browser, click: () => Promise<void>, shotFile: string): Promise<OpenedReport> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), click()]);
  const html = await readFile(await download.path(), 'utf8');
  const dir = mkdtempSync(join(os.tmpdir(), 'cs-report-'));
  const file = join(dir, 'report.html');
  writeFileSync(file, html);
  const context = await browser.newContext({ offline: true, viewport: { width: 1280, height: 900 } });
  try {
    const reader = await context.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    const self = pathToFileURL(file).href;
    reader.on('request', (r) => r.url() !== self && requests.push(r.url()));
    reader.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    reader.on('pageerror', (e) => errors.push(String(e)));
    await reader.goto(self, { waitUntil: 'load' });
    await reader.screenshot({ path: shotFile, fullPage: true });
    const read = await reader.evaluate(() => {
      const view = document.querySelector('body > svg.view')?.getBoundingClientRect();
      return {
        title: document.title,
        heading: document.querySelector('h1')?.textContent ?? '',
        meta: document.querySelector('.meta')?.textContent ?? '',
        svgs: document.querySelectorAll('svg').length,
        tableRows: document.querySelectorAll('svg.view foreignObject table tbody tr').length,
        view: { width: view?.width ?? 0, height: view?.height ?? 0 },
      };
    });
    return { html, fileName: download.suggestedFilename(), requests, errors, ...read };
  } finally {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
