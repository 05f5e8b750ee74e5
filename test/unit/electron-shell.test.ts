/**
 * The Electron shell's security settings and IPC guards, checked against a stand-in for the `electron`
 * module (its binary can't be installed here): the same code, with Electron's objects recorded.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

type Handler = (...args: unknown[]) => unknown;

const recorded = vi.hoisted(() => ({
  windows: [] as Array<{ options: unknown; url?: string; on: Map<string, Handler>; openHandler?: Handler }>,
  handlers: new Map<string, Handler>(),
  exposed: new Map<string, unknown>(),
  savePath: '',
}));

vi.mock('electron', () => {
  class BrowserWindow {
    webContents: Record<string, unknown>;
    constructor(options: unknown) {
      const rec = { options, on: new Map<string, Handler>(), openHandler: undefined as Handler | undefined, url: undefined as string | undefined };
      recorded.windows.push(rec);
      this.webContents = {
        setWindowOpenHandler: (h: Handler) => (rec.openHandler = h),
        on: (event: string, h: Handler) => rec.on.set(event, h),
      };
      this.loadURL = (url: string) => {
        rec.url = url;
        return Promise.resolve();
      };
    }
    loadURL: (url: string) => Promise<void>;
    once() {}
  }
  const ipcMain = {
    handle: (channel: string, h: Handler) => recorded.handlers.set(channel, h),
    removeHandler: (channel: string) => recorded.handlers.delete(channel),
  };
  const contextBridge = { exposeInMainWorld: (key: string, api: unknown) => recorded.exposed.set(key, api) };
  const ipcRenderer = { invoke: vi.fn(async () => ({ ok: true, result: 'answer' })), on: vi.fn(), off: vi.fn() };
  const dialog = { showSaveDialog: vi.fn(async () => ({ canceled: false, filePath: recorded.savePath })) };
  return { BrowserWindow, ipcMain, contextBridge, ipcRenderer, dialog, default: { BrowserWindow, ipcMain, contextBridge, ipcRenderer, dialog } };
});

const { createMainWindow } = await import('../../main/electron/window.js');
const { forwardStreams, registerIpc } = await import('../../main/electron/ipc.js');
const { savePngHandler, saveReportHandler } = await import('../../main/electron/save-file.js');
const { APP_URL, isAppUrl } = await import('../../main/electron/origin.js');
const { denyPermissions } = await import('../../main/electron/security.js');
const { ApiService } = await import('../../main/engine/api-service.js');
const { Engine } = await import('../../main/engine/engine.js');
const { IPC_METHODS, STREAMS, channelOf, subscriberName } = await import('../../contract/methods.js');
const { RUN_EVENTS_PER_MESSAGE } = await import('../../contract/wire.js');
const { ipcMain } = await import('electron');

beforeEach(() => {
  recorded.windows.length = 0;
  recorded.handlers.clear();
});

describe('the window', () => {
  it('isolates and sandboxes the page and gives it no Node', () => {
    createMainWindow('/p.cjs', APP_URL);
    const prefs = (recorded.windows[0].options as { webPreferences: Record<string, unknown> }).webPreferences;
    expect(prefs).toMatchObject({
      preload: '/p.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('denies new windows, navigation away and webviews', () => {
    createMainWindow('/p.cjs', APP_URL);
    const win = recorded.windows[0];
    expect(win.url).toBe(APP_URL);
    expect(win.openHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    const navigate = (url: string) => {
      const event = { preventDefault: vi.fn() };
      win.on.get('will-navigate')?.(event, url);
      return event.preventDefault.mock.calls.length > 0;
    };
    expect(navigate('https://example.com/')).toBe(true);
    expect(navigate('file:///etc/passwd')).toBe(true);
    expect(navigate('corescope://app/index.html')).toBe(false);
    const webview = { preventDefault: vi.fn() };
    win.on.get('will-attach-webview')?.(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('knows its own origin exactly', () => {
    expect(isAppUrl('corescope://app/index.html')).toBe(true);
    expect(isAppUrl('corescope://other/index.html')).toBe(false);
    expect(isAppUrl('https://app/index.html')).toBe(false);
    expect(isAppUrl(undefined)).toBe(false);
    expect(isAppUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
  });

  it('denies every permission request', () => {
    const calls: Record<string, Handler> = {};
    const session = {
      setPermissionRequestHandler: (h: Handler) => (calls.request = h),
      setPermissionCheckHandler: (h: Handler) => (calls.check = h),
      setDevicePermissionHandler: (h: Handler) => (calls.device = h),
    };
    denyPermissions(session as never);
    const callback = vi.fn();
    calls.request(null, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(calls.check()).toBe(false);
    expect(calls.device()).toBe(false);
  });
});

describe('IPC handlers', () => {
  const engine = new Engine();
  const api = new ApiService(engine);
  const trusted = { senderFrame: { url: 'corescope://app/index.html' } };
  const stranger = { senderFrame: { url: 'https://evil.example/' } };
  const noShell = { savePng: async () => ({ saved: null }), saveReport: async () => ({ saved: null }), openedRecording: async () => null };
  const setup = () => registerIpc(ipcMain as never, api, noShell, (e) => isAppUrl(e.senderFrame?.url));

  it('registers one handler per IPC method of the contract and removes them again', () => {
    const off = setup();
    expect([...recorded.handlers.keys()].sort()).toEqual(IPC_METHODS.map(channelOf).sort());
    off();
    expect(recorded.handlers.size).toBe(0);
  });

  it('refuses a sender that is not the app’s own page, and starts nothing', async () => {
    setup();
    const start = vi.spyOn(engine, 'startRun');
    const reply = await recorded.handlers.get(channelOf('startRun'))?.(stranger, { mode: 'process', workload: 'cpu', units: 1 });
    expect(reply).toEqual({ ok: false, error: expect.stringContaining('refused') });
    expect(start).not.toHaveBeenCalled();
  });

  it('answers a bad argument with its one-line reason and changes nothing', async () => {
    setup();
    const reply = await recorded.handlers.get(channelOf('startRun'))?.(trusted, { mode: 'process', workload: 'cpu', units: 0 });
    expect(reply).toEqual({ ok: false, error: 'units must be between 1 and 256 in process mode', field: 'units' });
    expect(engine.activeRuns()).toBe(0);
    const interval = await recorded.handlers.get(channelOf('setInterval'))?.(trusted, 1);
    expect(interval).toEqual({ ok: false, error: 'interval must be between 50 and 5000' });
    expect(engine.intervalMs).toBe(500);
  });

  it('refuses a run past the engine-wide memory limit with its numbers, and starts nothing', async () => {
    setup();
    const reply = await recorded.handlers.get(channelOf('startRun'))?.(trusted, { mode: 'process', workload: 'mem', units: 256, mb: 4096 });
    expect(reply).toEqual({ ok: false, error: expect.stringMatching(/^refused: 256 × 4096 MB = 1\.0 TB would pass half the available memory \(.+ of .+\)$/) });
    expect(engine.activeRuns()).toBe(0);
  });

  it('answers a good request', async () => {
    setup();
    const reply = (await recorded.handlers.get(channelOf('system'))?.(trusted)) as { ok: boolean; result: { logicalCores: number } };
    expect(reply.ok).toBe(true);
    expect(reply.result.logicalCores).toBeGreaterThan(0);
  });

  it('serves version(), added by a row in the method table and a handler in the engine only', async () => {
    setup();
    const reply = await recorded.handlers.get(channelOf('version'))?.(trusted);
    expect(reply).toEqual({ ok: true, result: { app: expect.stringMatching(/^\d+\.\d+\.\d+/), contract: expect.any(Number), node: process.versions.node } });
    expect(await recorded.handlers.get(channelOf('version'))?.(trusted, { extra: 1 })).toMatchObject({ ok: false, error: 'this method takes no parameters' });
  });
});

describe('the preload', () => {
  it('exposes exactly the contract’s IPC methods and streams as window.corescope, answering with main’s envelopes', async () => {
    await import('../../preload/index.js');
    const api = recorded.exposed.get('corescope') as Record<string, (...a: unknown[]) => Promise<unknown>>;
    expect(Object.keys(api).sort()).toEqual([...IPC_METHODS, ...STREAMS.map(subscriberName)].sort());
    expect(Object.keys(api)).toContain('version');
    expect(recorded.exposed.size).toBe(1);
    await expect(api.system()).resolves.toEqual({ ok: true, result: 'answer' });
  });
});

describe('streams to the window', () => {
  const unitState = (unitId: number) => ({ type: 'unit-state', runId: 'r1', unitId, pid: 1, tid: null, state: 'waiting(io)', t: unitId }) as const;

  it('sends the run events of one turn as arrays of at most RUN_EVENTS_PER_MESSAGE, and what comes after them after them', async () => {
    const engine = new Engine();
    const sent: Array<[string, unknown]> = [];
    const target = { isDestroyed: () => false, send: (channel: string, data: unknown) => sent.push([channel, data]), once: () => undefined };
    const off = forwardStreams(new ApiService(engine), target as never);
    const count = RUN_EVENTS_PER_MESSAGE * 2 + 500;
    for (let i = 0; i < count; i++) engine.emit('run-event', unitState(i));
    expect(sent).toEqual([]); // nothing leaves within the turn
    engine.emit('notice', { kind: 'sampler-error', message: 'x', t: 0 });
    engine.emit('run-event', unitState(count));
    await new Promise((r) => setImmediate(r));
    expect(sent.map(([channel, data]) => [channel, Array.isArray(data) ? data.length : 'one'])).toEqual([
      [channelOf('runEvent'), RUN_EVENTS_PER_MESSAGE],
      [channelOf('runEvent'), RUN_EVENTS_PER_MESSAGE],
      [channelOf('runEvent'), 500],
      [channelOf('notice'), 'one'],
      [channelOf('runEvent'), 1],
    ]);
    const ids = sent.filter(([c]) => c === channelOf('runEvent')).flatMap(([, d]) => (d as Array<{ unitId: number }>).map((e) => e.unitId));
    expect(ids).toEqual(Array.from({ length: count + 1 }, (_, i) => i));
    // a window that closes mid-turn is sent nothing more
    engine.emit('run-event', unitState(0));
    off();
    await new Promise((r) => setImmediate(r));
    expect(sent).toHaveLength(5);
  });

  it('hands the page one run event at a time through the preload and the renderer’s bridge', async () => {
    await import('../../preload/index.js');
    const { ipcRenderer } = await import('electron');
    const on = vi.mocked(ipcRenderer.on);
    on.mockClear();
    const { pickBridge } = await import('../../renderer/src/bridge/pick-bridge.js');
    const bridge = pickBridge({ corescope: recorded.exposed.get('corescope'), location: new URL('corescope://app/index.html') } as unknown as Window);
    const got: number[] = [];
    bridge.api.onRunEvent((e) => got.push((e as { unitId: number }).unitId));
    const [channel, listener] = on.mock.calls.at(-1) as unknown as [string, (event: unknown, value: unknown) => void];
    expect(channel).toBe(channelOf('runEvent'));
    listener({}, [unitState(1), unitState(2)]);
    listener({}, [unitState(3)]);
    expect(got).toEqual([1, 2, 3]);
  });
});

describe('Save PNG and Save report in the desktop app', () => {
  const api = new ApiService(new Engine());
  const trustedEvent = { senderFrame: { url: 'corescope://app/index.html' } };
  // the page's PNG (png-export: 2×, ≥ 1600 px): a PNG signature, then an IHDR chunk
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 6, 0x40, 0, 0, 3, 0x84]);
  const win = {};
  const shell = () => ({ savePng: savePngHandler(win as never), saveReport: saveReportHandler(win as never), openedRecording: async () => null });
  const call = (method: 'savePng' | 'saveReport', arg: unknown, event: unknown = trustedEvent) => recorded.handlers.get(channelOf(method))?.(event, arg);

  it("writes the page's PNG and HTML report, byte for byte, where the dialog says", async () => {
    const { mkdtempSync, readFileSync } = await import('node:fs');
    const dir = mkdtempSync(`${(await import('node:os')).tmpdir()}/cs-png-`);
    registerIpc(ipcMain as never, api, shell(), (e) => isAppUrl(e.senderFrame?.url));
    recorded.savePath = `${dir}/chart.png`;
    expect(await call('savePng', { bytes: png, name: 'corescope-compare' })).toEqual({ ok: true, result: { saved: recorded.savePath } });
    expect(new Uint8Array(readFileSync(recorded.savePath))).toEqual(png);
    recorded.savePath = `${dir}/report.html`;
    const html = '<!doctype html><title>x</title>';
    expect(await call('saveReport', { html, name: 'corescope-compare' })).toEqual({ ok: true, result: { saved: recorded.savePath } });
    expect(readFileSync(recorded.savePath, 'utf8')).toBe(html);
  });

  it('refuses a stranger, bytes that are no PNG, too much, and a path as a name, in one line, and asks nothing', async () => {
    const { dialog } = await import('electron');
    registerIpc(ipcMain as never, api, shell(), (e) => isAppUrl(e.senderFrame?.url));
    const asked = vi.mocked(dialog.showSaveDialog).mock.calls.length;
    expect(await call('savePng', { bytes: png, name: 'x' }, { senderFrame: { url: 'https://evil.example/' } })).toMatchObject({ ok: false, error: expect.stringContaining('refused') });
    const gif = new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0, 0, 0, 0]);
    expect(await call('savePng', { bytes: gif, name: 'x' })).toEqual({ ok: false, error: 'bytes must be a PNG (no PNG signature)', field: 'bytes' });
    const huge = new Uint8Array(32 * 1024 * 1024 + 1);
    huge.set(png);
    expect(await call('savePng', { bytes: huge, name: 'x' })).toMatchObject({ ok: false, error: 'the PNG must be at most 32 MB' });
    expect(await call('savePng', { bytes: [...png], name: 'x' })).toMatchObject({ ok: false, error: 'bytes must be the PNG’s bytes' });
    expect(await call('savePng', { bytes: png, name: '../etc/passwd' })).toMatchObject({ ok: false, error: expect.stringContaining('name must be') });
    expect(await call('saveReport', { html: `<!doctype html>${'x'.repeat(16 * 1024 * 1024)}`, name: 'x' })).toMatchObject({ ok: false, error: 'the report must be at most 16 MB' });
    expect(await call('saveReport', { html: '<script>alert(1)</script>', name: 'x' })).toMatchObject({ ok: false, error: expect.stringContaining('HTML document') });
    expect(vi.mocked(dialog.showSaveDialog).mock.calls.length).toBe(asked);
  });
});
