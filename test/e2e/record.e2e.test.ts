/**
 * The Record button in Debian's chromium against a real `corescope serve --recordings DIR`, at 800 px:
 * the top bar wraps without a sideways scroll with Record, Stop recording and what it saved; a short
 * run recorded between them lands in DIR as a valid recording (read with the project's reader), and
 * dropped back on the page while another run is live it replays the recorded run — starting nothing,
 * and the live run still going on Back to live. Pictures of the bar at 800, 1024 and 1440 px.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunEvent } from '../../contract/run-events.js';
import { decodeRecording, timeSpan } from '../../lib/recording/decode.js';
import { hostPids, waitFor } from '../integration/helpers.js';
import { launchChromium } from '../support/chromium.js';
import { launch } from '../support/dashboard-steps.js';
import { chromiumOrSkip } from '../support/require-chromium.js';
import { serve, type Served } from '../support/serve.js';
import { shotPath } from '../support/shots.js';

const enabled = chromiumOrSkip();
const dir = mkdtempSync(join(tmpdir(), 'corescope-record-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

/** Everything in the bar inside the page's width, and the monitor chip at its right end. */
async function barFits(page: Page, width: number): Promise<void> {
  expect(await sideways(page)).toBeLessThanOrEqual(width);
  for (const box of await page.locator('.topbar button, .topbar select, .record-saved, .self-cost').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().right)))
    expect(box).toBeLessThanOrEqual(width);
  const bar = await page.locator('.topbar').boundingBox();
  const chip = await page.locator('.self-cost').boundingBox();
  expect(bar!.x + bar!.width - (chip!.x + chip!.width)).toBeLessThan(24); // the padding, not a gap
}

/** Drops a file on the page as a person does (a DragEvent carrying it). */
async function drop(page: Page, file: string): Promise<void> {
  await page.evaluate(
    ([data, name]) => {
      const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], name));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    },
    [readFileSync(file).toString('base64'), file.split('/').pop() as string] as const,
  );
}

describe.skipIf(!enabled)('the Record button', () => {
  let served: Served;
  let browser: Browser;

  beforeAll(async () => {
    served = await serve(['--interval', '250', '--recordings', dir]);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await served?.close();
    expect(await waitFor(() => hostPids().length === 0, 3000)).toBe(true);
  });

  it('at 800 px records a run into a valid file, which replays the run and starts nothing', async () => {
    const page = await browser.newPage({ viewport: { width: 800, height: 700 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(served.url);
    await page.locator('.cores-panel[data-newest-t]').waitFor();
    const record = page.getByRole('button', { name: 'Record', exact: true });
    await record.waitFor();
    await barFits(page, 800);

    await record.click();
    await expect.poll(() => page.getByRole('button', { name: 'Stop recording' }).getAttribute('aria-pressed')).toBe('true');
    await barFits(page, 800);
    await page.screenshot({ path: shotPath('record-800-recording.png'), clip: { x: 0, y: 0, width: 800, height: 160 } });

    await launch(page, 'thread', 'cpu', '2', '2');
    await expect.poll(() => page.locator('.lane-ended').count(), { timeout: 20_000 }).toBe(1);
    await page.getByRole('button', { name: 'Stop recording' }).click();
    const saved = page.locator('.record-saved');
    await saved.waitFor();
    await barFits(page, 800);
    await page.screenshot({ path: shotPath('record-800-saved.png'), clip: { x: 0, y: 0, width: 800, height: 160 } });
    for (const width of [1024, 1440]) {
      await page.setViewportSize({ width, height: 700 });
      await barFits(page, width);
      await page.screenshot({ path: shotPath(`record-${width}-saved.png`), clip: { x: 0, y: 0, width, height: 160 } });
    }
    await page.setViewportSize({ width: 800, height: 700 });

    // the button's file: in the recordings folder, where the status (and its hint) says
    const file = /corescope replay "(.+)"$/.exec((await saved.getAttribute('title')) ?? '')?.[1] ?? '';
    expect(dirname(file)).toBe(dir);
    expect(await saved.textContent()).toContain(file.split('/').pop());
    const rec = decodeRecording(readFileSync(file));
    expect([rec.damage, rec.indexed]).toEqual([null, true]);
    const events = rec.frames.flatMap((f) => (f.stream === 'runEvent' ? [f.data as RunEvent] : []));
    const started = events.find((e) => e.type === 'run-started');
    expect(started).toMatchObject({ spec: { mode: 'thread', workload: 'cpu', units: 2 } });
    expect(events.some((e) => e.type === 'run-ended' && e.runId === started!.runId)).toBe(true);
    expect(rec.frames.filter((f) => f.stream === 'snapshot').length).toBeGreaterThanOrEqual(8); // ≥ 2 s at 4 Hz

    // dropped on the page while another run is live: the recording plays, nothing starts or stops
    await launch(page, 'async', 'io-sleep', '1', '60');
    await expect.poll(() => hostPids().length, { timeout: 10_000 }).toBe(1);
    const hostsBefore = hostPids();
    await drop(page, file);
    const scrubber = page.getByLabel('replay position');
    const span = timeSpan(rec).endT - timeSpan(rec).startT;
    await expect.poll(async () => Math.abs(Number((await scrubber.getAttribute('max')) ?? NaN) - span), { timeout: 5000 }).toBeLessThanOrEqual(1);
    const scrub = (ms: number) =>
      scrubber.evaluate((el, v) => {
        const input = el as HTMLInputElement;
        Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, String(v));
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }, ms);
    // in the middle of the recorded run its two threads are on the cores, as they were
    const ended = events.find((e) => e.type === 'run-ended')!;
    await scrub((started!.t + ended.t) / 2 - timeSpan(rec).startT);
    await expect.poll(() => page.locator('.core .chip').count(), { timeout: 5000 }).toBeGreaterThanOrEqual(2);
    await scrub(span);
    const lane = page.locator('.lane', { has: page.locator('.lane-id', { hasText: started!.runId }) });
    await expect.poll(() => lane.locator('h3').textContent(), { timeout: 5000 }).toBe('thread · cpu × 2');
    expect(await page.locator('.lane').count()).toBe(1); // the recorded run only: the live one is not in the file
    // the page knows it is a replay: read-only, said as such, and no "could not reach the engine"
    await expect(page.getByRole('heading', { name: 'Replay of a recording' }).count()).resolves.toBe(1);
    expect(await page.getByText('Could not reach the engine').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Run', exact: true, disabled: false }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Stop run / }).count()).toBe(0);
    expect(hostPids()).toEqual(hostsBefore);
    await barFits(page, 800);

    await page.getByRole('button', { name: 'Back to live' }).click();
    await expect.poll(() => page.getByRole('button', { name: /^Stop run r\d+$/ }).count(), { timeout: 5000 }).toBe(1);
    expect(hostPids()).toEqual(hostsBefore);
    await page.getByRole('button', { name: /^Stop run r\d+$/ }).click();
    expect(await waitFor(() => hostPids().length === 0, 5000)).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });
});
