/**
 * The application menu: a File menu with Open recording… (Ctrl/Cmd+O: open-recording.ts) above
 * Electron's own Quit (Close on macOS, as its standard File menu has), Electron's standard Edit and
 * Window menus, and a View menu whose Presenter item (F5) reloads the page with ?present — the same
 * presenter mode as the dashboard's `?present` link — or without it. The tick follows the page, so
 * leaving with Escape unticks it.
 */
import { Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import { onMac } from '../engine/platform.js';

const PRESENTER_ID = 'presenter';
const OPEN_RECORDING_ID = 'open-recording';

/** What the menu's own items do (the shell wires them). */
export interface MenuActions {
  openRecording: () => Promise<void>;
}

/** The page's address with or without ?present (everything else kept). */
function withPresenter(url: string, on: boolean): string {
  const u = new URL(url);
  if (on) u.searchParams.set('present', '');
  else u.searchParams.delete('present');
  return u.toString();
}

const isPresenterUrl = (url: string): boolean => URL.canParse(url) && new URL(url).searchParams.has('present');

export function installMenu(win: BrowserWindow, actions: MenuActions): Menu {
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      {
        id: OPEN_RECORDING_ID,
        label: 'Open recording…',
        accelerator: 'CmdOrCtrl+O',
        click: () => void actions.openRecording().catch((e: unknown) => console.error(`corescope: open recording: ${e instanceof Error ? e.message : String(e)}`)),
      },
      { type: 'separator' },
      onMac ? { role: 'close' } : { role: 'quit' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      {
        id: PRESENTER_ID,
        label: 'Presenter',
        type: 'checkbox',
        accelerator: 'F5',
        click: (item) => void win.loadURL(withPresenter(win.webContents.getURL(), item.checked)),
      },
      { type: 'separator' },
      { role: 'reload' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const template: MenuItemConstructorOptions[] = [
    ...(onMac ? [{ role: 'appMenu' } as const] : []),
    file,
    { role: 'editMenu' },
    view,
    { role: 'windowMenu' },
  ];
  const menu = Menu.buildFromTemplate(template);
  Menu.setApplicationMenu(menu);
  win.webContents.on('did-navigate', (_event, url) => {
    const item = menu.getMenuItemById(PRESENTER_ID);
    if (item) item.checked = isPresenterUrl(url);
  });
  return menu;
}
