/**
 * Watching a program from the Live tab, in a real browser. In the dashboard (`corescope serve`): a real
 * Python program with two busy threads, started by the test, is found in the picker by searching,
 * attached to, and shows as a lane, as chips on the cores, as its process with its threads nested in
 * the unit table and as a timeline of its threads' states; the command field is absent. With the
 * desktop transport — the preload emulated as preload/index.ts builds it (each IPC method of the
 * table invoked on its channel, each stream pushed on its own), served by the real registerIpc and
 * forwardStreams over a real engine — the command field is there, and a command started from it is
 * watched and ended by Stop.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../main/engine/engine.js';
import { alive, waitFor } from '../integration/helpers.js';
import { openDashboard, type DashboardSession } from '../support/dashboard-session.js';
import { emulateDesktop, type EmulatedDesktop } from '../support/emulated-desktop.js';
import { chromiumOrSkip } from '../support/require-chromium.js';
import { shotPath } from '../support/shots.js';

const enabled = chromiumOrSkip();
const MARK = `cs-watch-e2e-${process.pid}`;
/** two threads that compute, the main thread waiting for them; at most a minute (the test kills it sooner) */
const TWO_BUSY_THREADS = `
import sys, threading, time
def spin():
    t = time.time()
    while time.time() - t < 60: pass
ts = [threading.Thread(target=spin) for _ in range(2)]
[t.start() for t in ts]; [t.join() for t in ts]
`;

const commandField = (page: Page) => page.locator('#watch-command');

describe.skipIf(!enabled)('watching a program in the browser dashboard', () => {
  let session: DashboardSession;
  let page: Page;
  let program: ChildProcess;

  beforeAll(async () => {
    program = spawn('python3', ['-c', TWO_BUSY_THREADS, MARK], { stdio: 'ignore' });
    session = await openDashboard(['--interval', '250']);
    page = session.page;
  });

  afterAll(async () => {
    program?.kill('SIGKILL');
    await session?.close();
  });

  it('offers no command field: the browser dashboard never starts programs', async () => {
    await expect.poll(() => page.getByRole('heading', { name: 'Watch a program' }).count(), { timeout: 10_000 }).toBe(1);
    expect(await commandField(page).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Start and watch' }).count()).toBe(0);
  });

  it('finds the program by searching, attaches, and shows its lane, chips, threads and timeline', async () => {
    const pid = program.pid as number;
    await page.locator('#watch-search').fill(MARK);
    const attach = page.getByRole('button', { name: `Attach to python3 (pid ${pid})` });
    // the search narrows the list to it (the busiest of the machine show before the search is answered)
    await expect.poll(() => page.locator('table.processes tbody tr').count(), { timeout: 5000 }).toBe(1);
    expect(await attach.count()).toBe(1);
    await attach.click();

    const lane = page.locator('article.lane', { has: page.getByText(`pid ${pid}, attached: Stop detaches and leaves it running`) });
    await expect.poll(() => lane.count(), { timeout: 5000 }).toBe(1);
    const runId = (await lane.locator('.lane-id').textContent()) as string;
    expect(await lane.getByRole('heading', { name: /^watch · \S*python3 -c .*import sys, threading/ }).count()).toBe(1);

    // its threads on the cores: the busy ones each named on the core it last ran on
    await expect.poll(() => page.locator('.core .chip', { hasText: runId }).count(), { timeout: 5000 }).toBeGreaterThanOrEqual(2);
    // in the unit table: the process's row, its two computing threads nested under it
    const rows = page.locator('table.units tbody tr', { has: page.locator('td', { hasText: new RegExp(`^${runId}$`) }) });
    await expect.poll(() => rows.count(), { timeout: 5000 }).toBeGreaterThanOrEqual(3);
    expect(await rows.locator('td.unit-thread').count()).toBeGreaterThanOrEqual(2);
    expect(await rows.first().locator('td.unit-thread').count()).toBe(0); // the process first, then its threads
    // the timeline: a lane per thread, the computing ones running
    const timeline = page.locator(`svg.timeline-svg[data-run-id="${runId}"]`);
    await expect.poll(() => timeline.locator('.tl-lane').count(), { timeout: 5000 }).toBeGreaterThanOrEqual(3);
    await expect.poll(() => timeline.locator('.tl-seg[data-state="running"]').count(), { timeout: 5000 }).toBeGreaterThanOrEqual(2);
    await page.waitForTimeout(2500); // a few seconds of history on the timeline, for the picture
    await page.screenshot({ path: shotPath('watch.png'), fullPage: true });

    // Stop detaches: the program goes on
    await lane.getByRole('button', { name: `Stop run ${runId}` }).click();
    await expect.poll(() => lane.locator('.lane-status').textContent(), { timeout: 5000 }).toBe('ended');
    expect(alive(pid)).toBe(true);
    expect(session.errors).toEqual([]);
  });
});

describe.skipIf(!enabled)('watching a program in the desktop app’s page', () => {
  let session: DashboardSession;
  let engine: Engine;
  let desktop: EmulatedDesktop | undefined;

  beforeAll(async () => {
    session = await openDashboard();
    desktop = await emulateDesktop(session, { savePng: async () => ({ saved: null }), saveReport: async () => ({ saved: null }), openedRecording: async () => null });
    engine = desktop.engine;
  });

  afterAll(async () => {
    await desktop?.close();
    await session?.close();
  });

  it('offers the command field, and a command started from it is watched until Stop ends its tree', async () => {
    const { page } = session;
    await expect.poll(() => commandField(page).count(), { timeout: 10_000 }).toBe(1);
    // the form's own check: an unclosed quote is refused next to the field, nothing is started
    await commandField(page).fill('sleep "41.5');
    await page.getByRole('button', { name: 'Start and watch' }).click();
    await expect.poll(() => page.locator('#watch-command-error').textContent()).toBe('a double quote is not closed');
    expect(engine.activeRuns()).toBe(0);

    await commandField(page).fill("sh -c 'sleep 41.5 & sleep 41.5; wait'");
    await page.getByRole('button', { name: 'Start and watch' }).click();
    const lane = page.locator('article.lane', { has: page.getByRole('heading', { name: /^watch · sh -c sleep 41\.5/ }) });
    await expect.poll(() => lane.count(), { timeout: 5000 }).toBe(1);
    await expect.poll(() => lane.getByText(/started here: Stop ends its whole tree/).count()).toBe(1);
    const runId = (await lane.locator('.lane-id').textContent()) as string;
    const rows = page.locator('table.units tbody tr', { has: page.locator('td', { hasText: new RegExp(`^${runId}$`) }) });
    await expect.poll(() => rows.count(), { timeout: 5000 }).toBeGreaterThanOrEqual(3); // sh and its two sleeps
    const sleeps = () => (engine.latestSnapshot?.units ?? []).filter((u) => u.runId === runId && u.watch?.name === 'sleep').map((u) => u.pid);
    const pids = await waitFor(() => sleeps().length === 2 && sleeps(), 5000);
    expect(pids).toHaveLength(2);

    await lane.getByRole('button', { name: `Stop run ${runId}` }).click();
    await expect.poll(() => lane.locator('.lane-status').textContent(), { timeout: 8000 }).toMatch(/ended|stopped/);
    expect(await waitFor(() => (pids as number[]).every((p) => !alive(p)), 3000)).toBe(true);
    expect(session.errors).toEqual([]);
  });
});
