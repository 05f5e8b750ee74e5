/**
 * Save PNG and Save report in the desktop app's page (window.corescope as the preload builds it, the
 * real IPC handlers and the shell's real save-file handlers; only Electron's save dialog is a stand-in
 * that answers a temp path): the page makes the files — the PNG at 2×, ≥ 1600 px wide, as in the
 * browser, not the window's pixels at 1× — and the shell writes them where the dialog says.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDashboard, type DashboardSession } from '../support/dashboard-session.js';
import { emulateDesktop, type EmulatedDesktop } from '../support/emulated-desktop.js';
import { pngSize } from '../support/png-export.js';
import { chromiumOrSkip } from '../support/require-chromium.js';

const dialog = vi.hoisted(() => ({ next: '', asked: [] as Array<{ defaultPath?: string; filters?: unknown }> }));
vi.mock('electron', () => {
  const showSaveDialog = async (_win: unknown, options: { defaultPath?: string; filters?: unknown }) => {
    dialog.asked.push(options);
    return { canceled: false, filePath: dialog.next };
  };
  return { dialog: { showSaveDialog }, default: { dialog: { showSaveDialog } } };
});

const { savePngHandler, saveReportHandler } = await import('../../main/electron/save-file.js');
const enabled = chromiumOrSkip();

describe.skipIf(!enabled)('Save PNG and Save report in the desktop app’s page', () => {
  let session: DashboardSession;
  let desktop: EmulatedDesktop | undefined;
  const dir = mkdtempSync(join(os.tmpdir(), 'cs-desktop-save-'));

  beforeAll(async () => {
    session = await openDashboard();
    const win = {} as never;
    desktop = await emulateDesktop(session, { savePng: savePngHandler(win), saveReport: saveReportHandler(win), openedRecording: async () => null });
  });

  afterAll(async () => {
    await desktop?.close();
    await session?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the page’s own 2× PNG (≥ 1600 px wide) and its HTML report where the dialog says', async () => {
    const { page } = session;
    await page.setViewportSize({ width: 1024, height: 700 }); // a laptop's window: its own pixels would be < 1600 wide
    await page.getByRole('tab', { name: 'Scenarios' }).click();
    await page.getByRole('button', { name: 'Run first-completed' }).click();
    const view = page.locator('.scenario-run[data-scenario="first-completed"]');
    await expect.poll(() => view.locator('.timeline-svg').getAttribute('data-live'), { timeout: 20_000, interval: 250 }).toBe('false');

    dialog.next = join(dir, 'picked.png');
    await view.getByRole('button', { name: 'Save PNG' }).click();
    await expect.poll(() => view.getByText(`saved to ${dialog.next}`).count(), { timeout: 20_000 }).toBe(1);
    expect(dialog.asked.at(-1)).toMatchObject({ defaultPath: expect.stringMatching(/^corescope-scenario-first-completed-.*\.png$/), filters: [{ name: 'PNG image', extensions: ['png'] }] });
    const png = readFileSync(dialog.next);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const { width, height } = pngSize(png);
    expect(width).toBeGreaterThanOrEqual(1600);
    expect(height).toBeGreaterThan(300);
    console.log(`desktop Save PNG: ${width}×${height} px, ${(png.length / 1024).toFixed(0)} KB, from a ${1024}×700 window`);

    dialog.next = join(dir, 'picked.html');
    await view.getByRole('button', { name: 'Save report' }).click();
    await expect.poll(() => view.getByText(`saved to ${dialog.next}`).count(), { timeout: 20_000 }).toBe(1);
    const html = readFileSync(dialog.next, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('timeline-svg');
    expect(html).not.toMatch(/https?:|<script/i);
    await page.screenshot({ path: join(os.tmpdir(), 'corescope-desktop-saved.png') }); // to look at
    expect(session.errors).toEqual([]);
  });
});
