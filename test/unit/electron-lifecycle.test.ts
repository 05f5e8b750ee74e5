/**
 * The desktop app's life against the strict `electron` stand-in (test/support/electron-standin.ts):
 * a second launch, a start that fails, the app scheme's answers, a capture under zoom. The real entry
 * (main/electron/index.ts) is loaded fresh for each launch, as Electron would load it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

describe('Save PNG under zoom', { timeout: 15_000 }, () => {
  it('captures the region the page named, scaled from CSS pixels to DIPs', async () => {
    const s = await launch();
    quitAfter = s;
    s.becomeReady();
    for (let i = 0; i < 400 && s.state.windows.length === 0; i++) await settle(); // the engine's start probes python3 first
    s.state.zoomFactor = 1.5;
    s.state.savePath = join(scratch, 'chart.png');
    const { channelOf } = await import('../../contract/methods.js');
    const reply = await s.handlers.get(channelOf('savePng'))?.(
      { senderFrame: { url: 'corescope://app/index.html' } },
      { rect: { x: 10, y: 21, width: 300, height: 201 }, name: 'chart' },
    );
    expect(reply).toEqual({ ok: true, result: { saved: s.state.savePath } });
    // 10..310 × 21..222 CSS px at 1.5 → 15..465 × 31.5..333 DIPs, outward to whole DIPs
    expect(s.state.captured).toEqual([{ x: 15, y: 31, width: 450, height: 302 }]);
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
