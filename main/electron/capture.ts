/**
 * Save PNG in the desktop app: the page names a region (a chart), main captures it from the window
 * with capturePage — pixels exactly as drawn, fonts and all — and writes it where the user picks in
 * a save dialog. Registered with the other IPC methods (ipc.ts: sender-checked, params parsed).
 */
import { dialog, type BrowserWindow, type Rectangle } from 'electron';
import { writeFile } from 'node:fs/promises';
import { InvalidInput } from '../../contract/refusal.js';
import type { CaptureRequest } from '../../contract/schemas.js';

/**
 * The page measures in CSS pixels, capturePage takes DIPs: at zoom z one CSS pixel is z DIPs (Ctrl +/−
 * changes z), so the region is scaled here, outward to whole DIPs so no edge of the chart is cut.
 */
function toDips(rect: Rectangle, zoom: number): Rectangle {
  const x = Math.floor(rect.x * zoom);
  const y = Math.floor(rect.y * zoom);
  return { x, y, width: Math.ceil((rect.x + rect.width) * zoom) - x, height: Math.ceil((rect.y + rect.height) * zoom) - y };
}

export function savePngHandler(win: BrowserWindow) {
  return async (request: CaptureRequest): Promise<{ saved: string | null }> => {
    const image = await win.webContents.capturePage(toDips(request.rect, win.webContents.getZoomFactor()));
    const { canceled, filePath } = await dialog.showSaveDialog(win, {
      defaultPath: `${request.name}.png`,
      filters: [{ name: 'PNG image', extensions: ['png'] }],
    });
    if (canceled || !filePath) return { saved: null };
    // the user picked the place: a failure to write there is theirs to read, not an internal error
    await writeFile(filePath, image.toPNG()).catch((e: unknown) => {
      throw new InvalidInput(`could not save the PNG: ${e instanceof Error ? e.message : String(e)}`);
    });
    return { saved: filePath };
  };
}
