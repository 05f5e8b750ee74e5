/**
 * The desktop app's life against the strict `electron` stand-in (test/support/electron-standin.ts):
 * a second launch, a start that fails, the app scheme's answers, a capture under zoom. The real entry
 * (main/electron/index.ts) is loaded fresh for each launch, as Electron would load it.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { launchDesktop, quitDesktop, readyWithWindow, settle, type StandIn } from '../support/desktop-launch.js';

vi.mock('electron', () => import('../support/electron-standin.js'));

const scratch = mkdtempSync(join(tmpdir(), 'cs-electron-'));
const profile = join(scratch, 'userData');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let quitAfter: StandIn | null = null;

afterEach(async () => {
  // every engine a test started is stopped the way the app stops it: through quit
  await quitDesktop(quitAfter);
  quitAfter = null;
});

const launch = (before?: (s: StandIn) => void | Promise<void>) => launchDesktop(profile, before);

describe('a second launch', { timeout: 15_000 }, () => {
  it('quits before ready and sets nothing up: no engine, no window, no handlers', async () => {
    const s = await launch((s) => s.anotherInstanceHolds(profile));
    expect(s.state.quitRequested).toBe(1);
    s.becomeReady();
    await settle();
    expect(s.state.windows).toHaveLength(0);
    expect(s.state.protocolHandlers.size).toBe(0);
    expect(s.handlers.size).toBe(0);
    expect(s.state.errorBoxes).toEqual([]);
    expect(s.state.exitCode).toBe(0);
  });

  it('brings the first instance’s window to the front', async () => {
    const s = await launch();
    quitAfter = s;
    expect(s.state.userData).toBe(profile);
    s.becomeReady();
    for (let i = 0; i < 400 && s.state.windows.length === 0; i++) await settle(); // the engine's start probes python3 first
    const [win] = s.state.windows;
    win.minimized = true;
    s.secondLaunch();
    expect(win.minimized).toBe(false);
    expect(win.focused).toBe(1);
  });
});

describe('a start that fails', () => {
  it('shows why in a dialog and exits non-zero (engine.start rejects)', async () => {
    const s = await launch(async () => {
      // the fault: the sampler can't read the machine's counters (the engine module the main will load)
      const { Engine } = await import('../../main/engine/engine.js');
      vi.spyOn(Engine.prototype, 'start').mockRejectedValue(new Error('cannot read /proc/stat'));
    });
    s.becomeReady();
    for (let i = 0; i < 100 && s.state.exitCode === null; i++) await settle();
    expect(s.state.errorBoxes).toEqual([{ title: 'CoreScope could not start', content: 'cannot read /proc/stat' }]);
    expect(s.state.exitCode).toBe(1);
    expect(s.state.windows).toHaveLength(0);
    vi.restoreAllMocks();
  });

  it('shows why and exits non-zero when the page was never built', async () => {
    const s = await launch();
    const { runDesktop } = await import('../../main/electron/lifecycle.js');
    const { Engine } = await import('../../main/engine/engine.js');
    s.reset();
    s.state.userData = join(scratch, 'unbuilt');
    const empty = join(scratch, 'no-renderer');
    mkdirSync(empty, { recursive: true });
    runDesktop({ makeEngine: () => new Engine(), rendererDir: empty, preloadPath: '/p.cjs' });
    s.becomeReady();
    for (let i = 0; i < 100 && s.state.exitCode === null; i++) await settle();
    expect(s.state.errorBoxes).toHaveLength(1);
    expect(s.state.errorBoxes[0].content).toMatch(/^the window's page is missing \(.*index\.html\): run "npm run build"$/);
    expect(s.state.exitCode).toBe(1);
  });
});

describe('the app scheme', () => {
  const site = join(scratch, 'site');
  mkdirSync(join(site, 'assets'), { recursive: true });
  writeFileSync(join(site, 'index.html'), '<!doctype html><title>x</title>');
  writeFileSync(join(site, 'assets', 'index-abc.js'), 'export {};');
  writeFileSync(join(site, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(join(scratch, 'secret.txt'), 'secret');

  async function served() {
    const s = await launch();
    const { serveRenderer } = await import('../../main/electron/security.js');
    s.reset();
    s.becomeReady();
    serveRenderer(site);
    return s;
  }

  it('answers a missing file with 404, not a failed request', async () => {
    const s = await served();
    const res = await s.request('corescope://app/assets/missing.js');
    expect(res).toBeInstanceOf(Response);
    expect((res as Response).status).toBe(404);
    expect((res as Response).headers.get('X-Content-Type-Options')).toBe('nosniff');
  });

  it('states each file’s type from the dashboard’s table, with the CSP, and never leaves the folder', async () => {
    const s = await served();
    const { TYPES } = await import('../../main/web/static-files.js');
    for (const [path, ext] of [['/index.html', '.html'], ['/assets/index-abc.js', '.js'], ['/assets/index-abc.css', '.css']]) {
      const res = (await s.request(`corescope://app${path}`)) as Response;
      expect(res.status).toBe(200);
      expect(res.headers.get('Content-Type')).toBe(TYPES[ext]);
      expect(res.headers.get('Content-Security-Policy')).toContain("script-src 'self'");
    }
    expect(TYPES['.js']).toMatch(/^text\/javascript/);
    const escape = (await s.request('corescope://app/%2e%2e/secret.txt')) as Response;
    expect(await escape.text()).not.toContain('secret');
  });
});

describe('Save PNG and Save report', { timeout: 15_000 }, () => {
  it("write the page's own bytes where the dialog says: the 2× PNG, the HTML report", async () => {
    const s = await launch();
    quitAfter = s;
    s.becomeReady();
    for (let i = 0; i < 400 && s.state.windows.length === 0; i++) await settle(); // the engine's start probes python3 first
    const { channelOf } = await import('../../contract/methods.js');
    const page = { senderFrame: { url: 'corescope://app/index.html' } };
    // a real PNG's first bytes: signature, then an IHDR chunk 1600 × 900
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 6, 0x40, 0, 0, 3, 0x84]);
    s.state.savePath = join(scratch, 'chart.png');
    expect(await s.handlers.get(channelOf('savePng'))?.(page, { bytes: png, name: 'chart' })).toEqual({ ok: true, result: { saved: s.state.savePath } });
    expect(new Uint8Array(readFileSync(s.state.savePath))).toEqual(png);
    s.state.savePath = join(scratch, 'report.html');
    const html = '<!doctype html><title>CoreScope · compare</title><p>2 &lt; 3</p>';
    expect(await s.handlers.get(channelOf('saveReport'))?.(page, { html, name: 'report' })).toEqual({ ok: true, result: { saved: s.state.savePath } });
    expect(readFileSync(s.state.savePath, 'utf8')).toBe(html);
  });
});

describe('View → Presenter', () => {
  it('reloads the window with ?present and back, and its tick follows the page', async () => {
    const s = await launch();
    quitAfter = s;
    await readyWithWindow(s);
    const item = s.state.menu?.getMenuItemById('presenter');
    expect(item).toMatchObject({ label: 'Presenter', type: 'checkbox', accelerator: 'F5', checked: false });
    const win = s.state.windows[0];
    // Electron ticks a checkbox before calling its click
    Object.assign(item ?? {}, { checked: true });
    item?.click?.(item);
    expect(new URL(win.url ?? '').searchParams.has('present')).toBe(true);
    Object.assign(item ?? {}, { checked: false });
    item?.click?.(item);
    expect(new URL(win.url ?? '').searchParams.has('present')).toBe(false);
    // Escape in the page leaves presenter mode by navigating: the tick follows
    await win.loadURL(`${win.url}?present`);
    expect(item?.checked).toBe(true);
  });
});
