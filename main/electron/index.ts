/**
 * The desktop app's main process: starts the engine (workloads never run here: the engine forks
 * hosts), opens the window, wires IPC, and on quit stops every run before the app exits.
 */
import { app } from 'electron';
import { join } from 'node:path';
import { Engine } from '../engine/engine.js';
import { rendererDir } from '../engine/paths.js';
import { runDesktop } from './lifecycle.js';
import { devRendererUrl } from './origin.js';
import { registerAppScheme } from './security.js';

// Tests and a second dev copy get their own profile (and so their own single-instance lock); it must
// be set before the lock is asked for. Never in a packaged app.
if (!app.isPackaged && process.env.CORESCOPE_USER_DATA) app.setPath('userData', process.env.CORESCOPE_USER_DATA);

app.enableSandbox();
registerAppScheme();
runDesktop({
  makeEngine: () => new Engine(),
  rendererDir: rendererDir(),
  preloadPath: join(import.meta.dirname, '../preload/index.cjs'),
  devServerUrl: devRendererUrl(app.isPackaged, process.env),
});
