/**
 * The desktop app's main process: starts the engine (workloads never run here: the engine forks
 * hosts), opens the window, wires IPC, and on quit stops every run before the app exits.
 */
import { app, ipcMain, session, type IpcMainInvokeEvent } from 'electron';
import { join } from 'node:path';
import { ApiService } from '../engine/api-service.js';
import { Engine } from '../engine/engine.js';
import { rendererDir } from '../engine/paths.js';
import { savePngHandler } from './capture.js';
import { forwardStreams, registerIpc } from './ipc.js';
import { APP_URL, isAppUrl } from './origin.js';
import { denyPermissions, registerAppScheme, serveRenderer } from './security.js';
import { createMainWindow } from './window.js';

const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const engine = new Engine();
const api = new ApiService(engine);

app.enableSandbox();
registerAppScheme();
if (!app.requestSingleInstanceLock()) app.quit();

app.on('web-contents-created', (_event, contents) => {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (e) => e.preventDefault());
});

void app.whenReady().then(async () => {
  denyPermissions(session.defaultSession);
  serveRenderer(rendererDir());
  await engine.start();
  const trusted = (event: IpcMainInvokeEvent) => isAppUrl(event.senderFrame?.url, devServerUrl);
  const win = createMainWindow(join(import.meta.dirname, '../preload/index.cjs'), devServerUrl ?? APP_URL, devServerUrl);
  registerIpc(ipcMain, api, { savePng: savePngHandler(win) }, trusted);
  forwardStreams(api, win.webContents);
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
