/**
 * Save PNG in the desktop app: the page names a region (a chart), main captures it from the window
 * with capturePage — pixels exactly as drawn, fonts and all — and writes it where the user picks in
 * a save dialog. Sender-checked and schema-validated like every other IPC handler.
 */
import { dialog, type BrowserWindow, type IpcMain, type Rectangle } from 'electron';
import { writeFile } from 'node:fs/promises';
import { CHANNELS, CaptureSchema, describeInvalid, type Envelope } from '../../preload/api.js';
import { REFUSED_SENDER, type SenderCheck } from './ipc.js';

/**
 * The page measures in CSS pixels, capturePage takes DIPs: at zoom z one CSS pixel is z DIPs (Ctrl +/−
 * changes z), so the region is scaled here, outward to whole DIPs so no edge of the chart is cut.
 */
export function toDips(rect: Rectangle, zoom: number): Rectangle {
  const x = Math.floor(rect.x * zoom);
  const y = Math.floor(rect.y * zoom);
  return { x, y, width: Math.ceil((rect.x + rect.width) * zoom) - x, height: Math.ceil((rect.y + rect.height) * zoom) - y };
}

export function registerCapture(ipc: IpcMain, win: BrowserWindow, trusted: SenderCheck): () => void {
  ipc.handle(CHANNELS.savePng, async (event, arg: unknown): Promise<Envelope> => {
    if (!trusted(event)) return { ok: false, error: REFUSED_SENDER };
    const parsed = CaptureSchema.safeParse(arg);
    if (!parsed.success) return { ok: false, error: describeInvalid(parsed.error) };
    try {
      const image = await win.webContents.capturePage(toDips(parsed.data.rect, win.webContents.getZoomFactor()));
      const { canceled, filePath } = await dialog.showSaveDialog(win, {
        defaultPath: `${parsed.data.name}.png`,
        filters: [{ name: 'PNG image', extensions: ['png'] }],
      });
      if (canceled || !filePath) return { ok: true, result: { saved: null } };
      await writeFile(filePath, image.toPNG());
      return { ok: true, result: { saved: filePath } };
    } catch (e) {
      return { ok: false, error: `could not save the PNG: ${e instanceof Error ? e.message : String(e)}` };
    }
  });
  return () => ipc.removeHandler(CHANNELS.savePng);
}
