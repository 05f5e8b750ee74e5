/**
 * The desktop app's page without Electron's binary: the dashboard's page in chromium, given
 * window.corescope as preload/index.ts builds it from the method table, whose invokes reach the real
 * registerIpc handlers (sender-checked, params parsed) of an engine in this process, and whose streams
 * arrive as webContents.send delivers them. The shell's own methods are the handlers the test passes.
 */
import { IPC_METHODS, STREAMS, channelOf, subscriberName } from '../../contract/methods.js';
import { ApiService } from '../../main/engine/api-service.js';
import { Engine } from '../../main/engine/engine.js';
import { forwardStreams, registerIpc, type ShellHandlers } from '../../main/electron/ipc.js';
import type { DashboardSession } from './dashboard-session.js';

export interface EmulatedDesktop {
  engine: Engine;
  close(): Promise<void>;
}

export async function emulateDesktop(session: DashboardSession, shell: ShellHandlers): Promise<EmulatedDesktop> {
  const engine = new Engine({ intervalMs: 250 });
  await engine.start();
  const api = new ApiService(engine);
  const { page } = session;
  // ipcMain as Electron's: one handler per channel, invoked with an event naming the sender's frame
  const handlers = new Map<string, (event: unknown, arg: unknown) => Promise<unknown>>();
  const ipcMain = {
    handle: (channel: string, fn: (event: unknown, arg: unknown) => Promise<unknown>) => {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, fn);
    },
    removeHandler: (channel: string) => void handlers.delete(channel),
  };
  const origin = new URL(session.served.url).origin;
  const offIpc = registerIpc(ipcMain as never, api, shell, (e) => new URL(e.senderFrame?.url ?? 'x:').origin === origin);
  await page.exposeFunction('__ipcInvoke', (channel: string, arg: unknown) => handlers.get(channel)?.({ senderFrame: { url: page.url() } }, arg));
  // the streams arrive as webContents.send(channel, value) does: one message per value, on its channel
  const webContents = {
    isDestroyed: () => page.isClosed(),
    send: (channel: string, data: unknown) => void page.evaluate(([c, d]) => (window as unknown as { __ipcOn: (c: string, d: unknown) => void }).__ipcOn?.(c, d), [channel, data] as const).catch(() => undefined),
    once: () => undefined,
  };
  // the preload, as preload/index.ts builds window.corescope from the table (contextBridge freezes what it exposes)
  await page.addInitScript(
    ({ methods, streams }) => {
      const listeners = new Map<string, Set<(v: unknown) => void>>();
      const w = window as unknown as Record<string, unknown>;
      w.__ipcOn = (channel: string, value: unknown) => listeners.get(channel)?.forEach((cb) => cb(structuredClone(value)));
      const api: Record<string, unknown> = {};
      for (const [method, channel] of methods) api[method] = (params?: unknown) => (w.__ipcInvoke as (c: string, p: unknown) => Promise<unknown>)(channel, params);
      for (const [name, channel] of streams)
        api[name] = (cb: (v: unknown) => void) => {
          const set = listeners.get(channel) ?? new Set();
          listeners.set(channel, set);
          set.add(cb);
          return () => void set.delete(cb);
        };
      Object.defineProperty(window, 'corescope', { value: Object.freeze(api), enumerable: true });
    },
    { methods: IPC_METHODS.map((m) => [m, channelOf(m)] as const), streams: STREAMS.map((s) => [subscriberName(s), channelOf(s)] as const) },
  );
  const offStreams = forwardStreams(api, webContents as never);
  await page.reload();
  return {
    engine,
    close: async () => {
      offStreams();
      offIpc();
      await engine.close();
    },
  };
}
