/**
 * File → Open recording… in the desktop app, against the strict `electron` stand-in with the real
 * entry loaded: the menu item, a cancelled dialog (nothing changes), a recording read and handed to the
 * window's ?replay page over the shell's openedRecording method (sender-checked, no params), files that
 * are no recording refused in one line with nothing changed, and a live run left alone.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { writeSyntheticRecording } from '../../bench/synthetic-recording.js';
import { RECORDING_MAX_BYTES } from '../../contract/recording.js';
import { channelOf, type MethodName } from '../../contract/methods.js';
import { decodeRecording } from '../../lib/recording/decode.js';
import { launchDesktop, quitDesktop, readyWithWindow, settle, type StandIn } from '../support/desktop-launch.js';

vi.mock('electron', () => import('../support/electron-standin.js'));

const scratch = mkdtempSync(join(tmpdir(), 'cs-open-rec-'));
const profile = join(scratch, 'userData');
const good = join(scratch, 'demo.corescope');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
beforeAll(() => void writeSyntheticRecording(good, { cores: 2, hz: 5, seconds: 4, units: 2 }));

const OWN_PAGE = { senderFrame: { url: 'corescope://app/index.html' } };
const STRANGER = { senderFrame: { url: 'https://evil.example/' } };

let app: StandIn | null = null;
afterEach(async () => {
  await quitDesktop(app);
  app = null;
});

async function started(): Promise<StandIn> {
  app = await launchDesktop(profile);
  await readyWithWindow(app);
  return app;
}

const call = (s: StandIn, method: MethodName, arg?: unknown, sender: unknown = OWN_PAGE) =>
  s.handlers.get(channelOf(method))?.(sender, arg) as Promise<{ ok: boolean; result?: unknown; error?: string }>;

/** What the user does: File → Open recording…, picking `path` (null: Cancel), and the app finishing with it. */
async function openRecording(s: StandIn, path: string | null): Promise<void> {
  s.state.pick = path;
  const [dialogs, boxes, url] = [s.state.openDialogs.length, s.state.messageBoxes.length, s.state.windows[0].url];
  const item = s.state.menu?.getMenuItemById('open-recording');
  item?.click?.(item);
  for (let i = 0; i < 100 && s.state.openDialogs.length === dialogs; i++) await settle();
  // done when the window moved or a message box said why not (a cancel shows neither: a few turns then)
  const done = () => s.state.messageBoxes.length > boxes || s.state.windows[0].url !== url;
  for (let i = 0; i < (path === null ? 5 : 250) && !done(); i++) await settle();
}

describe('File → Open recording…', { timeout: 20_000 }, () => {
  it('is in the File menu with Ctrl/Cmd+O, above Quit', async () => {
    const s = await started();
    const file = s.state.menu?.items.find((m) => m.label === 'File');
    expect(file?.submenu?.map((i) => i.label ?? i.role ?? i.type)).toEqual(['Open recording…', 'separator', process.platform === 'darwin' ? 'close' : 'quit']);
    expect(s.state.menu?.getMenuItemById('open-recording')).toMatchObject({ accelerator: 'CmdOrCtrl+O' });
  });

  it('asks for a .corescope file; Cancel changes nothing', async () => {
    const s = await started();
    const win = s.state.windows[0];
    const before = win.url;
    await openRecording(s, null);
    expect(s.state.openDialogs).toEqual([expect.objectContaining({ filters: [{ name: 'CoreScope recording', extensions: ['corescope'] }], properties: ['openFile'] })]);
    expect(win.url).toBe(before);
    expect(s.state.messageBoxes).toEqual([]);
    expect(await call(s, 'openedRecording')).toEqual({ ok: true, result: null });
  });

  it('switches the window to replay the picked file, and hands its bytes to its own page only', async () => {
    const s = await started();
    const win = s.state.windows[0];
    await openRecording(s, good);
    expect(s.state.messageBoxes).toEqual([]);
    expect(win.url).toBe('corescope://app/index.html?replay=demo.corescope');
    const reply = await call(s, 'openedRecording');
    expect(reply.ok).toBe(true);
    const { name, bytes } = reply.result as { name: string; bytes: Uint8Array };
    expect(name).toBe('demo.corescope');
    expect(Buffer.from(bytes).equals(readFileSync(good))).toBe(true);
    const rec = decodeRecording(bytes);
    expect([rec.damage, rec.frames.length > 10]).toEqual([null, true]);
    // sender-checked and validated like every IPC method
    expect(await call(s, 'openedRecording', undefined, STRANGER)).toMatchObject({ ok: false, error: expect.stringContaining('refused') });
    expect(await call(s, 'openedRecording', { path: '/etc/passwd' })).toEqual({ ok: false, error: 'this method takes no parameters' });
  });

  it('refuses a file that is no recording in one line naming it, and changes nothing', async () => {
    const s = await started();
    const win = s.state.windows[0];
    await openRecording(s, good);
    const replaying = win.url;
    const text = join(scratch, 'notes.corescope');
    writeFileSync(text, 'not a recording at all\n');
    const empty = join(scratch, 'empty.corescope');
    writeFileSync(empty, '');
    const folder = join(scratch, 'folder.corescope');
    mkdirSync(folder, { recursive: true });
    const huge = join(scratch, 'huge.corescope');
    writeFileSync(huge, '');
    truncateSync(huge, RECORDING_MAX_BYTES + 1024 * 1024); // sparse: no disk spent
    const cases: Array<[string, RegExp]> = [
      [text, /^notes\.corescope: not a CoreScope recording \(no CORESCOPE-RECORDING magic\)$/],
      [empty, /^empty\.corescope: not a CoreScope recording/],
      [folder, /^folder\.corescope: it is a folder$/],
      [join(scratch, 'gone.corescope'), /^gone\.corescope: no such file$/],
      [huge, /^huge\.corescope: 65\.0 MB is more than the 64\.0 MB a replay can hold \(corescope export reads it\)$/],
    ];
    for (const [path, line] of cases) {
      await openRecording(s, path);
      const box = s.state.messageBoxes.pop();
      expect(box).toMatchObject({ type: 'error', message: 'The recording could not be opened' });
      expect(box?.detail).toMatch(line);
      expect(win.url).toBe(replaying);
    }
    // the page still replays the file opened before
    const reply = await call(s, 'openedRecording');
    expect((reply.result as { name: string }).name).toBe('demo.corescope');
  });

  it('opens a file damaged past its header: the page replays up to the damage and says where', async () => {
    const s = await started();
    const cut = join(scratch, 'cut.corescope');
    writeFileSync(cut, readFileSync(good).subarray(0, Math.floor(readFileSync(good).length * 0.6)));
    await openRecording(s, cut);
    expect(s.state.messageBoxes).toEqual([]);
    expect(s.state.windows[0].url).toBe('corescope://app/index.html?replay=cut.corescope');
    const { bytes } = (await call(s, 'openedRecording')).result as { bytes: Uint8Array };
    expect(decodeRecording(bytes).damage).toMatch(/^chunk \d+ \(from frame \d+\) .+; the \d+ frames before it replay$/);
  });

  it('starts and stops nothing: a run going in the engine goes on', async () => {
    const s = await started();
    const run = await call(s, 'startRun', { mode: 'async', workload: 'io-sleep', units: 1, durationS: 30 });
    expect(run.ok).toBe(true);
    await openRecording(s, good);
    expect(s.state.windows[0].url).toContain('?replay=');
    const health = await call(s, 'health');
    expect(health.result).toMatchObject({ activeRuns: 1 });
    expect(await call(s, 'stopRun', (run.result as { runId: string }).runId)).toMatchObject({ ok: true });
  });
});
