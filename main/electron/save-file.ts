/**
 * Save PNG and Save report in the desktop app: the page makes the file — the PNG laid out again at 2×
 * (≥ 1600 px wide, views/png-export.ts), the self-contained HTML report — and the shell only shows the
 * save dialog and writes the bytes where the user picks. Registered with the other IPC methods (ipc.ts:
 * sender-checked, params parsed with the method table's schemas: a PNG's signature, bounded sizes).
 */
import { dialog, type BrowserWindow, type FileFilter } from 'electron';
import { writeFile } from 'node:fs/promises';
import { InvalidInput } from '../../contract/refusal.js';
import type { SavePngRequest, SaveReportRequest } from '../../contract/schemas.js';

type Saved = Promise<{ saved: string | null }>;

/** Ask where, then write there; null when the dialog was cancelled. */
async function saveAs(win: BrowserWindow, defaultPath: string, filter: FileFilter, what: string, data: Uint8Array | string): Saved {
  const { canceled, filePath } = await dialog.showSaveDialog(win, { defaultPath, filters: [filter] });
  if (canceled || !filePath) return { saved: null };
  // the user picked the place: a failure to write there is theirs to read, not an internal error
  await writeFile(filePath, data).catch((e: unknown) => {
    throw new InvalidInput(`could not save the ${what}: ${e instanceof Error ? e.message : String(e)}`);
  });
  return { saved: filePath };
}

export const savePngHandler =
  (win: BrowserWindow) =>
  ({ bytes, name }: SavePngRequest): Saved =>
    saveAs(win, `${name}.png`, { name: 'PNG image', extensions: ['png'] }, 'PNG', bytes);

export const saveReportHandler =
  (win: BrowserWindow) =>
  ({ html, name }: SaveReportRequest): Saved =>
    saveAs(win, `${name}.html`, { name: 'HTML report', extensions: ['html'] }, 'report', html);
