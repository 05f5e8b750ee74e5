/**
 * File → Open recording… in the desktop app. The user picks a `.corescope` file in Electron's open
 * dialog; the shell reads it here — never more than a replay can hold (replay-size.ts), its header checked, so a file
 * that is no recording is refused in one line before anything changes — and points the window at its
 * ?replay page. That page asks for the bytes with the shell's openedRecording method (ipc.ts: sender
 * checked, no params) and plays them with the same views as a dropped file or `corescope replay`:
 * nothing can be started from it, and runs going in the engine go on untouched. A cancelled dialog
 * changes nothing.
 */
import { dialog, type BrowserWindow } from 'electron';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { RECORDING_EXTENSION, type OpenedRecording } from '../../contract/recording.js';
import { Damage } from '../../lib/recording/container.js';
import { decodeHeader } from '../../lib/recording/decode.js';
import { replaySizeRefusal } from '../../lib/recording/replay-size.js';

const why = (e: unknown): string => {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'not allowed to read it';
  if (code === 'EISDIR') return 'it is a folder';
  return e instanceof Error ? e.message : String(e);
};

/** The picked file's bytes, bounded and checked. Throws an Error whose message is one line naming the file. */
async function readRecordingFile(path: string): Promise<OpenedRecording> {
  const name = basename(path);
  let bytes: Uint8Array;
  try {
    const handle = await open(path, 'r');
    try {
      const stat = await handle.stat();
      if (stat.isDirectory()) throw Object.assign(new Error(), { code: 'EISDIR' });
      if (!stat.isFile()) throw new Error('it is not a regular file');
      const tooBig = replaySizeRefusal(stat.size);
      if (tooBig) throw new Error(tooBig);
      // read what the size said, no more: a file still growing is read as it was
      bytes = new Uint8Array(stat.size);
      let at = 0;
      while (at < bytes.length) {
        const { bytesRead } = await handle.read(bytes, at, bytes.length - at, at);
        if (bytesRead === 0) break;
        at += bytesRead;
      }
      bytes = bytes.subarray(0, at);
    } finally {
      await handle.close();
    }
  } catch (e) {
    throw new Error(`${name}: ${why(e)}`);
  }
  try {
    decodeHeader(bytes);
  } catch (e) {
    // damage past the header still replays up to it (the page says where); a bad header is no recording
    if (e instanceof Damage) throw new Error(`${name}: ${e.message}`);
    throw e;
  }
  return { name, bytes };
}

/** The window's ?replay page for a recording (the page's other parameters, e.g. ?present, dropped). */
function replayUrl(current: string, name: string): string {
  const u = new URL(current);
  u.search = '';
  u.searchParams.set('replay', name);
  return u.toString();
}

export class RecordingOpener {
  #opened: OpenedRecording | null = null;
  #busy = false;

  constructor(
    private readonly win: BrowserWindow,
    /** the window's own page, for when it has not loaded one yet */
    private readonly homeUrl: string,
  ) {}

  /** File → Open recording…: pick, read, check; then the window replays it. */
  async open(): Promise<void> {
    if (this.#busy) return; // the accelerator pressed again while the dialog is up
    this.#busy = true;
    try {
      const { canceled, filePaths } = await dialog.showOpenDialog(this.win, {
        title: 'Open recording',
        buttonLabel: 'Replay',
        filters: [{ name: 'CoreScope recording', extensions: [RECORDING_EXTENSION.slice(1)] }],
        properties: ['openFile'],
      });
      const [path] = filePaths;
      if (canceled || path === undefined) return;
      let file: OpenedRecording;
      try {
        file = await readRecordingFile(path);
      } catch (e) {
        const line = e instanceof Error ? e.message : String(e);
        await dialog.showMessageBox(this.win, { type: 'error', title: 'Open recording', message: 'The recording could not be opened', detail: line });
        return;
      }
      this.#opened = file;
      await this.win.loadURL(replayUrl(this.win.webContents.getURL() || this.homeUrl, file.name));
    } finally {
      this.#busy = false;
    }
  }

  /** The shell's openedRecording method: the file opened last (kept, so a reload of its page replays it again). */
  readonly served = async (): Promise<OpenedRecording | null> => this.#opened;
}
