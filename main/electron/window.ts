/** The one BrowserWindow, with every setting of Electron's security checklist that applies to it. */
import { BrowserWindow } from 'electron';
import { isAppUrl } from './origin.js';

export function createMainWindow(preloadPath: string, url: string, devServerUrl?: string): BrowserWindow {
  // written out here, at the constructor, so that a static scanner (npm run scan) sees every setting
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 640,
    title: 'CoreScope',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      // a middle click must not open a link in a new window either (electronegativity's AUXCLICK check)
      disableBlinkFeatures: 'Auxclick',
    },
  });
  const { webContents } = win;
  // nothing may take the window elsewhere or open another one
  webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  webContents.on('will-navigate', (event, target) => {
    if (!isAppUrl(target, devServerUrl)) event.preventDefault();
  });
  webContents.on('will-redirect', (event, target) => {
    if (!isAppUrl(target, devServerUrl)) event.preventDefault();
  });
  webContents.on('will-attach-webview', (event) => event.preventDefault());
  win.once('ready-to-show', () => win.show());
  void win.loadURL(url);
  return win;
}
