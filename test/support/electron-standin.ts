/**
 * A stand-in for the `electron` module of the main process (its binary can't run here), as strict as
 * Electron's documentation: what Electron refuses, this refuses too, so code that only works with a
 * lenient stand-in fails here rather than on a user's machine. Documented rules it enforces:
 * - the protocol, session and BrowserWindow can be used only once the app is ready; enableSandbox and
 *   protocol.registerSchemesAsPrivileged only before it;
 * - app.quit() is asynchronous: an instance that calls it before ready still reaches ready;
 * - requestSingleInstanceLock() is false while another instance with the same userData holds the lock,
 *   and that instance then gets 'second-instance';
 * - app.exit(code) ends at once, without 'before-quit'; app.quit() emits 'before-quit', which
 *   preventDefault() cancels;
 * - ipcMain.handle refuses a second handler for a channel;
 * - a protocol handler that throws or rejects fails the request with net::ERR_UNEXPECTED, and a
 *   response is used exactly as returned (no MIME type is guessed for it);
 * - dialogs open only once the app is ready; a cancelled open dialog answers canceled with no paths
 *   (filePaths is then an empty array), and an open dialog answers one path unless multiSelections;
 *   a file filter's extensions are written without dots or wildcards ('*' alone: all files), as
 *   Electron documents (a filter with '.corescope' would match nothing on some platforms).
 */
import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

type Handler = (...args: unknown[]) => unknown;

const state = {
  ready: false,
  readyWaiters: [] as Array<() => void>,
  exitCode: null as number | null,
  quitRequested: 0,
  userData: '/standin/userData',
  lockHolders: new Set<string>(),
  lockHeldHere: null as string | null,
  errorBoxes: [] as Array<{ title: string; content: string }>,
  savePath: '',
  windows: [] as StandInWindow[],
  schemes: [] as unknown[],
  protocolHandlers: new Map<string, (request: Request) => Response | Promise<Response>>(),
  sandboxEnabled: false,
  /** the application menu's items as built (Menu.setApplicationMenu) */
  menu: null as StandInMenu | null,
  /** what the user picks in the next open dialog: a path, or null to cancel it */
  pick: null as string | null,
  /** every open dialog's options, and every message box's */
  openDialogs: [] as OpenDialogOptions[],
  messageBoxes: [] as MessageBoxOptions[],
};

interface OpenDialogOptions {
  title?: string;
  buttonLabel?: string;
  filters?: Array<{ name: string; extensions: string[] }>;
  properties?: string[];
}
interface MessageBoxOptions {
  message: string;
  type?: string;
  title?: string;
  detail?: string;
}

function requireReady(what: string) {
  if (!state.ready) throw new Error(`${what} can only be used after the app is ready`);
}

class StandInApp extends EventEmitter {
  isPackaged = false;

  whenReady(): Promise<void> {
    return state.ready ? Promise.resolve() : new Promise((resolve) => state.readyWaiters.push(resolve));
  }
  isReady() {
    return state.ready;
  }
  enableSandbox() {
    if (state.ready) throw new Error('app.enableSandbox() can only be called before app is ready');
    state.sandboxEnabled = true;
  }
  setPath(name: string, path: string) {
    if (name === 'userData') state.userData = path;
  }
  getPath(name: string) {
    if (name === 'userData') return state.userData;
    throw new Error(`stand-in has no path ${name}`);
  }
  requestSingleInstanceLock(): boolean {
    if (state.lockHolders.has(state.userData)) return state.lockHeldHere === state.userData;
    state.lockHolders.add(state.userData);
    state.lockHeldHere = state.userData;
    return true;
  }
  quit() {
    if (state.exitCode !== null) return;
    state.quitRequested++;
    // asynchronous, as in Electron: the caller's code runs on, and the app may still become ready
    setImmediate(() => {
      if (state.exitCode !== null) return;
      let prevented = false;
      this.emit('before-quit', { preventDefault: () => (prevented = true) });
      if (prevented) return;
      this.emit('will-quit', { preventDefault: () => undefined });
      state.exitCode = 0;
      this.emit('quit', {}, 0);
    });
  }
  exit(code = 0) {
    if (state.exitCode === null) state.exitCode = code;
  }
}

export const app = new StandInApp();

class StandInWebContents extends EventEmitter {
  #openHandler: Handler | undefined;
  sent: Array<[string, unknown]> = [];
  url = '';
  getURL() {
    return this.url;
  }
  setWindowOpenHandler(h: Handler) {
    this.#openHandler = h;
  }
  openHandler() {
    return this.#openHandler;
  }
  isDestroyed() {
    return false;
  }
  send(channel: string, data: unknown) {
    this.sent.push([channel, data]);
  }
}

class StandInWindow extends EventEmitter {
  webContents = new StandInWebContents();
  url: string | undefined;
  minimized = false;
  focused = 0;
  constructor(readonly options: { webPreferences?: Record<string, unknown> } & Record<string, unknown>) {
    super();
    requireReady('BrowserWindow');
    state.windows.push(this);
  }
  loadURL(url: string) {
    this.url = url;
    this.webContents.url = url;
    this.webContents.emit('did-navigate', {}, url);
    return Promise.resolve();
  }
  isDestroyed() {
    return false;
  }
  isMinimized() {
    return this.minimized;
  }
  restore() {
    this.minimized = false;
  }
  show() {}
  focus() {
    this.focused++;
  }
}
export const BrowserWindow = StandInWindow;

interface StandInMenuItem {
  id?: string;
  label?: string;
  role?: string;
  type?: string;
  accelerator?: string;
  checked: boolean;
  submenu?: StandInMenuItem[];
  click?: (item: StandInMenuItem) => void;
}
/** Electron's Menu as far as the shell uses it: build from a template, set it, find an item by id. */
class StandInMenu {
  readonly items: StandInMenuItem[];
  constructor(template: Array<Record<string, unknown>>) {
    const build = (t: Array<Record<string, unknown>>): StandInMenuItem[] =>
      t.map((o) => ({ ...o, checked: Boolean(o.checked), submenu: Array.isArray(o.submenu) ? build(o.submenu) : undefined }) as StandInMenuItem);
    this.items = build(template);
  }
  getMenuItemById(id: string): StandInMenuItem | null {
    const find = (items: StandInMenuItem[]): StandInMenuItem | null => {
      for (const i of items) {
        if (i.id === id) return i;
        const inner = i.submenu && find(i.submenu);
        if (inner) return inner;
      }
      return null;
    };
    return find(this.items);
  }
}
export const Menu = {
  buildFromTemplate: (template: Array<Record<string, unknown>>) => new StandInMenu(template),
  setApplicationMenu(menu: StandInMenu) {
    requireReady('Menu.setApplicationMenu');
    state.menu = menu;
  },
};

export const protocol = {
  registerSchemesAsPrivileged(schemes: unknown[]) {
    if (state.ready) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    state.schemes.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>) {
    requireReady('protocol.handle');
    if (state.protocolHandlers.has(scheme)) throw new Error(`The scheme "${scheme}" is already handled`);
    state.protocolHandlers.set(scheme, handler);
  },
};

const handlers = new Map<string, Handler>();
export const ipcMain = {
  handle(channel: string, h: Handler) {
    if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    handlers.set(channel, h);
  },
  removeHandler(channel: string) {
    handlers.delete(channel);
  },
};

const deny = () => undefined;
export const session = {
  get defaultSession() {
    requireReady('session');
    return { setPermissionRequestHandler: deny, setPermissionCheckHandler: deny, setDevicePermissionHandler: deny };
  },
};

export const dialog = {
  showErrorBox(title: string, content: string) {
    state.errorBoxes.push({ title, content });
  },
  async showSaveDialog() {
    return { canceled: false, filePath: state.savePath };
  },
  /** (window, options) or (options), as Electron takes them */
  async showOpenDialog(...args: unknown[]): Promise<{ canceled: boolean; filePaths: string[] }> {
    requireReady('dialog.showOpenDialog');
    const options = (args.length > 1 ? args[1] : args[0]) as OpenDialogOptions;
    for (const f of options.filters ?? [])
      for (const ext of f.extensions)
        if (ext !== '*' && /[.*]/.test(ext)) throw new Error(`stand-in: filter extension "${ext}" must be written without dots or wildcards`);
    state.openDialogs.push(options);
    return state.pick === null ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: [state.pick] };
  },
  async showMessageBox(...args: unknown[]): Promise<{ response: number; checkboxChecked: boolean }> {
    requireReady('dialog.showMessageBox');
    const options = (args.length > 1 ? args[1] : args[0]) as MessageBoxOptions;
    if (typeof options?.message !== 'string') throw new TypeError('dialog.showMessageBox: options.message is required');
    state.messageBoxes.push(options);
    return { response: 0, checkboxChecked: false };
  },
};

/** Electron's net.fetch of a file: URL rejects when the file is missing. */
export const net = {
  async fetch(url: string) {
    return new Response(new Uint8Array(await readFile(fileURLToPath(url))));
  },
};

/** What a test does to the stand-in, and reads from it. */
export const standIn = {
  state,
  handlers,
  /** Electron finished starting: 'ready' is emitted and whenReady resolves. */
  becomeReady() {
    state.ready = true;
    app.emit('ready');
    for (const resolve of state.readyWaiters.splice(0)) resolve();
  },
  /** Another instance with this userData is already running and holds the lock. */
  anotherInstanceHolds(userData: string) {
    state.lockHolders.add(userData);
  },
  /** A second launch asked for the lock: the holder is told. */
  secondLaunch(argv: string[] = []) {
    app.emit('second-instance', {}, argv, '/', {});
  },
  /** The browser asks the app scheme for a URL, as Electron does: a thrown handler fails the request. */
  async request(url: string): Promise<Response | { error: 'net::ERR_UNEXPECTED' }> {
    const handler = state.protocolHandlers.get(new URL(url).protocol.slice(0, -1));
    if (!handler) return { error: 'net::ERR_UNEXPECTED' };
    try {
      return await handler(new Request(url));
    } catch {
      return { error: 'net::ERR_UNEXPECTED' };
    }
  },
  /** A fresh, not yet ready app for the next test (the module objects stay the same). */
  reset() {
    app.removeAllListeners();
    Object.assign(state, {
      ready: false,
      readyWaiters: [],
      exitCode: null,
      quitRequested: 0,
      userData: '/standin/userData',
      lockHeldHere: null,
      errorBoxes: [],
      windows: [],
      schemes: [],
      sandboxEnabled: false,
      menu: null,
      pick: null,
      openDialogs: [],
      messageBoxes: [],
    });
    state.lockHolders.clear();
    state.protocolHandlers.clear();
    handlers.clear();
  },
};

export default { app, BrowserWindow, Menu, protocol, ipcMain, session, dialog, net };
