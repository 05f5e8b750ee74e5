/**
 * Replay in a real browser: a real run recorded with `run --record`, served by `corescope replay`,
 * scrubbed to its middle (both cores busy, as the file says) and back to its start (before the run:
 * no unit on any core); then a file dropped on a live dashboard plays there, and nothing can be started;
 * and the desktop window's ?replay page plays the file the shell opened, asked over its preload.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticRecording } from '../../bench/synthetic-recording.js';
import { formatPct } from '../../lib/format.js';
import { decodeRecording, timeSpan } from '../../lib/recording/decode.js';
import { runCli, startCli } from '../integration/helpers.js';
import { launchChromium } from '../support/chromium.js';
import { openDashboard } from '../support/dashboard-session.js';
import { chromiumOrSkip } from '../support/require-chromium.js';
import { shotPath } from '../support/shots.js';

const enabled = chromiumOrSkip();
const dir = mkdtempSync(join(tmpdir(), 'corescope-replay-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const corePcts = async (page: Page) => page.locator('.core .core-pct').allTextContents();

/** Moves the scrubber as a drag does: the input's value, then its input event (what React listens to). */
async function scrub(page: Page, ms: number): Promise<void> {
  await page.getByLabel('replay position').evaluate((el, v) => {
    const input = el as HTMLInputElement;
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, String(v));
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }, ms);
}

/** What the cores read at a position: the last snapshot at or before it, as the player hands them out. */
function coresAt(file: string, posMs: number): number[] {
  const rec = decodeRecording(readFileSync(file));
  const until = timeSpan(rec).startT + posMs;
  const snaps = rec.frames.flatMap((f) => (f.stream === 'snapshot' && f.t <= until ? [f.data] : []));
  return snaps.at(-1)!.cores;
}

describe.skipIf(!enabled)('replay', () => {
  const file = join(dir, 'r.corescope');
  let browser: Browser;
  let replay: ReturnType<typeof startCli>;

  beforeAll(async () => {
    const run = await runCli(['run', '--mode', 'thread', '--units', '2', '--workload', 'cpu', '--duration', '3', '--interval', '200', '--record', file, '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/recorded \d+ frames \(\d+ KB\) to /);
    browser = await launchChromium();
  });

  afterAll(async () => {
    replay?.kill('SIGINT');
    await browser?.close();
  });

  it('scrubs a recorded run: the middle reads both cores busy, the start reads them as before the run', async () => {
    replay = startCli(['replay', file]);
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      replay.stdout?.on('data', (d) => {
        out += d;
        const m = /http:\/\/\S+/.exec(out);
        if (m) resolve(m[0]);
      });
      replay.on('exit', (code) => reject(new Error(`replay exited ${code}: ${out}`)));
    });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(url);
    const scrubber = page.getByLabel('replay position');
    const span = Number(await scrubber.getAttribute('max'));
    expect(span).toBeGreaterThan(3000);

    await scrub(page, span / 2);
    const middle = coresAt(file, span / 2);
    expect(middle.every((v) => v >= 60)).toBe(true); // 2 cpu threads on 2 cores, whatever else runs
    await expect.poll(() => corePcts(page), { timeout: 5000 }).toEqual(middle.map((v) => formatPct(v)));
    await expect.poll(() => page.locator('.core .chip').count()).toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: shotPath('replay.png') });

    await scrub(page, 0);
    await expect.poll(() => corePcts(page), { timeout: 5000 }).toEqual(coresAt(file, 0).map((v) => formatPct(v)));
    await expect.poll(() => page.locator('.core .chip').count()).toBe(0); // no unit had started
    expect(errors).toEqual([]);
  });

  it('plays a file dropped on a live dashboard: idle, then busy; Start is refused', async () => {
    const dropped = join(dir, 'dropped.corescope');
    writeSyntheticRecording(dropped, { cores: 2, hz: 5, seconds: 8, units: 2 }, (tS) => (tS <= 3 ? 3 : 97));
    const session = await openDashboard();
    try {
      const { page } = session;
      await expect.poll(() => page.locator('.core').count(), { timeout: 10_000 }).toBeGreaterThan(0);
      const b64 = readFileSync(dropped).toString('base64');
      await page.evaluate((data) => {
        const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
        const dt = new DataTransfer();
        dt.items.add(new File([bytes], 'dropped.corescope'));
        window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      }, b64);
      await expect(page.getByLabel('replay position').getAttribute('max')).resolves.toBe('8000');
      await scrub(page, 1000);
      await expect.poll(() => corePcts(page), { timeout: 5000 }).toEqual(['3%', '3%']);
      await scrub(page, 6000);
      await expect.poll(() => corePcts(page), { timeout: 5000 }).toEqual(['97%', '97%']);
      await page.getByRole('button', { name: 'Play', exact: true }).click();
      await expect.poll(() => page.getByLabel('replay time').textContent(), { timeout: 5000 }).not.toMatch(/^6\.0 s/);
      await page.getByRole('button', { name: 'Pause', exact: true }).click();
      // nothing can be started from a recording: the page offers no Run that can be pressed (the
      // replay bridge refuses every control method of the table: test/unit/renderer-replay.test.ts)
      expect(await page.getByRole('button', { name: 'Run', exact: true, disabled: false }).count()).toBe(0);
      await page.getByRole('button', { name: 'Back to live' }).click();
      await expect.poll(() => page.getByLabel('replay position').count()).toBe(0);
    } finally {
      await session.close();
    }
  });

  it('in the desktop window, a ?replay page plays the file File → Open recording… read, asked of the shell', async () => {
    const opened = join(dir, 'opened.corescope');
    writeSyntheticRecording(opened, { cores: 2, hz: 5, seconds: 8, units: 2 }, (tS) => (tS <= 3 ? 3 : 97));
    const session = await openDashboard();
    try {
      const page = await session.browser.newPage({ viewport: { width: 1024, height: 700 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      // the preload's shape (preload/index.ts): every IPC method answers main's envelope; here main
      // has opened `opened.corescope` (test/unit/electron-open-recording.test.ts drives the real shell)
      // and answers nothing else, so the page can only have played it through openedRecording
      await page.addInitScript((data) => {
        const answer = (result: unknown) => Promise.resolve({ ok: true, result });
        const methods = new Proxy({} as Record<string, unknown>, {
          get: (_t, key: string) =>
            key.startsWith('on')
              ? () => () => undefined
              : key === 'openedRecording'
                ? () => answer(data && { name: 'opened.corescope', bytes: Uint8Array.from(atob(data), (c) => c.charCodeAt(0)) })
                : () => Promise.resolve({ ok: false, error: `${key}: not in this window` }),
        });
        (window as unknown as { corescope: unknown }).corescope = methods;
      }, readFileSync(opened).toString('base64'));
      // served by `corescope serve`, which has no RECORDING_PATH: no fetch could have found the file
      await page.goto(`${new URL(session.served.url).origin}/?replay=opened.corescope`);
      await expect(page.getByLabel('replay position').getAttribute('max')).resolves.toBe('8000');
      expect(await page.locator('.replay-file b').textContent()).toBe('opened.corescope');
      await scrub(page, 6000);
      await expect.poll(() => corePcts(page), { timeout: 5000 }).toEqual(['97%', '97%']);
      expect(await page.getByRole('button', { name: 'Run', exact: true, disabled: false }).count()).toBe(0);
      // the live dashboard is one click away, and a reload then shows live, not the file again
      await expect(page.getByRole('button', { name: 'Back to live' }).count()).resolves.toBe(1);
      await page.getByRole('button', { name: 'Back to live' }).click();
      expect(new URL(page.url()).search).toBe('');
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      await session.close();
    }
  });
});
