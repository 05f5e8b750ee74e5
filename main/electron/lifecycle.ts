/**
 * The desktop app's life, in Electron's documented single-instance shape: only the instance that holds
 * the lock sets anything up (a second launch quits before it starts an engine or a window, and the first
 * one comes to the front); a start that fails says why in a dialog and exits non-zero instead of
 * lingering without a window; quitting stops every run first.
 */
import { app, dialog, ipcMain, session, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ApiService } from '../engine/api-service.js';
import type { Engine } from '../engine/engine.js';
import { savePngHandler, saveReportHandler } from './save-file.js';
import { forwardStreams, registerIpc } from './ipc.js';
import { APP_URL, isAppUrl } from './origin.js';
import { denyPermissions, serveRenderer } from './security.js';
import { installMenu } from './menu.js';
import { RecordingOpener } from './open-recording.js';
import { createMainWindow } from './window.js';

export interface DesktopParts {
  makeEngine: () => Engine;
  rendererDir: string;
  preloadPath: string;
  devServerUrl?: string;
}

/** Exit status of a start that failed (the dialog said why). */
const START_FAILED = 1;

/** Returns false when another instance holds the lock (this one is quitting and sets nothing up). */
export function runDesktop(parts: DesktopParts): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  const engine = parts.makeEngine();
  let win: BrowserWindow | null = null;

  app.on('second-instance', () => {
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });

  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (e) => e.preventDefault());
  });

  void app
    .whenReady()
    .then(async () => {
      if (!existsSync(join(parts.rendererDir, 'index.html')))
        throw new Error(`the window's page is missing (${join(parts.rendererDir, 'index.html')}): run "npm run build"`);
      denyPermissions(session.defaultSession);
      serveRenderer(parts.rendererDir);
      await engine.start();
      const api = new ApiService(engine);
      const trusted = (event: IpcMainInvokeEvent) => isAppUrl(event.senderFrame?.url, parts.devServerUrl);
      const shown = createMainWindow(parts.preloadPath, parts.devServerUrl ?? APP_URL, parts.devServerUrl);
      win = shown;
      const opener = new RecordingOpener(shown, parts.devServerUrl ?? APP_URL);
      installMenu(shown, { openRecording: () => opener.open() });
      registerIpc(ipcMain, api, { savePng: savePngHandler(shown), saveReport: saveReportHandler(shown), openedRecording: opener.served }, trusted);
      forwardStreams(api, shown.webContents);
    })
    .catch((e: unknown) => {
      const why = e instanceof Error ? e.message : String(e);
      console.error(`corescope: could not start: ${why}`);
      dialog.showErrorBox('CoreScope could not start', why);
      // exit whatever close says: the app is of no use without its engine or window
      void engine
        .close()
        .catch(() => undefined)
        .finally(() => app.exit(START_FAILED));
    });

  app.on('window-all-closed', () => app.quit());

  // Quitting stops every run first: no unit outlives the app.
  let stopped = false;
  app.on('before-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    void engine.close().finally(() => {
      stopped = true;
      app.quit();
    });
  });
  process.on('exit', () => engine.killAll());
  return true;
}
