/**
 * The built Electron bundles, as Electron would load them (its binary can't run here, so its
 * constraints are emulated, never loosened):
 * - the preload runs sandboxed, where `require` serves only electron, events, timers and url, and the
 *   script is wrapped with exactly process, Buffer, global, setImmediate, clearImmediate, exports and
 *   module (Electron's process-sandboxing docs; sandbox_bundle's preload wrapper). Requiring the preload
 *   under Node, as a stand-in test would, hides a `require("zod")` that breaks every user's window.
 * - main runs from the packed app, which holds only package.json `dependencies`.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import vm from 'node:vm';
import events from 'node:events';
import timers from 'node:timers';
import url from 'node:url';
import { describe, expect, it } from 'vitest';
import { OS } from '../../main/engine/platform.js';
import { IPC_METHODS, STREAMS, channelOf, subscriberName } from '../../contract/methods.js';

const PRELOAD = 'out/preload/index.cjs';
const MAIN_DIR = 'out/main';

function built(path: string): string {
  if (!existsSync(path)) throw new Error(`${path} is not built: run node build.mjs first`);
  return readFileSync(path, 'utf8');
}

interface Recorded {
  exposed: Map<string, unknown>;
  invoked: Array<[string, unknown]>;
  listening: Map<string, unknown>;
}

/** An `electron` as a sandboxed renderer's require gives it: the renderer modules only, recording what the preload does. */
function electronStandIn(rec: Recorded) {
  const ipcRenderer = {
    invoke: async (channel: string, arg: unknown) => {
      rec.invoked.push([channel, arg]);
      return { ok: true, result: channel };
    },
    on: (channel: string, listener: unknown) => (rec.listening.set(channel, listener), ipcRenderer),
    off: (channel: string, listener: unknown) => (rec.listening.get(channel) === listener && rec.listening.delete(channel), ipcRenderer),
  };
  const contextBridge = { exposeInMainWorld: (key: string, api: unknown) => rec.exposed.set(key, api) };
  return { contextBridge, ipcRenderer, webFrame: {}, webUtils: {}, nativeImage: {}, crashReporter: {} };
}

function loadSandboxed(source: string): Recorded {
  const rec: Recorded = { exposed: new Map(), invoked: [], listening: new Map() };
  const served: Record<string, unknown> = { electron: electronStandIn(rec), events, timers, url };
  const sandboxRequire = (id: string) => {
    const name = id.replace(/^node:/, '');
    if (!(name in served)) throw new Error(`module not found: ${id}`);
    return served[name];
  };
  // a renderer's own globals (no Node ones): what a page's script sees besides the wrapper's arguments
  const context = vm.createContext({ console, setTimeout, clearTimeout, setInterval, clearInterval, queueMicrotask, URL, TextEncoder, TextDecoder });
  const wrapper = vm.runInContext(
    `(function(require, process, Buffer, global, setImmediate, clearImmediate, exports, module) {${source}\n})`,
    context,
    { filename: PRELOAD },
  ) as (...args: unknown[]) => void;
  const module = { exports: {} };
  const sandboxProcess = { platform: OS, versions: process.versions, env: {}, type: 'renderer', sandboxed: true, contextIsolated: true };
  wrapper(sandboxRequire, sandboxProcess, Buffer, vm.runInContext('globalThis', context), setImmediate, clearImmediate, module.exports, module);
  return rec;
}


describe('the built preload, in an emulated sandboxed renderer', () => {
  it('requires nothing but electron', () => {
    const bare = [...built(PRELOAD).matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    expect(bare).toEqual(['electron']);
  });

  it('loads, and exposes exactly the contract as window.corescope', async () => {
    const rec = loadSandboxed(built(PRELOAD));
    expect([...rec.exposed.keys()]).toEqual(['corescope']);
    const api = rec.exposed.get('corescope') as Record<string, (...args: unknown[]) => unknown>;
    // exactly the contract's IPC methods and its streams' subscribers: derived from the method table
    expect(Object.keys(api).sort()).toEqual([...IPC_METHODS, ...STREAMS.map(subscriberName)].sort());

    for (const method of IPC_METHODS) {
      // each call goes to its own channel with its argument as given, and answers main's envelope as is
      expect(await api[method]({ probe: method })).toEqual({ ok: true, result: channelOf(method) });
      expect(rec.invoked.at(-1)).toEqual([channelOf(method), { probe: method }]);
    }
    for (const stream of STREAMS) {
      const off = api[subscriberName(stream)](() => {}) as () => void;
      expect(rec.listening.has(channelOf(stream))).toBe(true);
      off();
      expect(rec.listening.has(channelOf(stream))).toBe(false);
    }
  });
});

describe('the built main bundle', () => {
  it('imports only Node built-ins, electron, and package.json dependencies (all the packed app holds)', () => {
    const deps = Object.keys((JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> }).dependencies);
    const files = readdirSync(MAIN_DIR).filter((f) => /\.(c?js|mjs)$/.test(f));
    expect(files.length).toBeGreaterThan(0);
    const specifiers = files.flatMap((f) =>
      [...built(join(MAIN_DIR, f)).matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\(\s*)["']([^"'./][^"']*)["']/g)].map((m) => m[1]),
    );
    expect(specifiers.length).toBeGreaterThan(0);
    const packageOf = (s: string) => s.split('/').slice(0, s.startsWith('@') ? 2 : 1).join('/');
    const unpacked = specifiers.filter((s) => !s.startsWith('node:') && !builtinModules.includes(s) && s !== 'electron' && !deps.includes(packageOf(s)));
    expect(unpacked).toEqual([]);
  });
});
