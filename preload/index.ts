/**
 * The preload: exposes window.corescope, built from the contract's method table: each method the
 * desktop app may call forwards its params to main over IPC and resolves with main's envelope (the
 * renderer's client turns refusals into errors that keep their field: contextBridge would keep only
 * an error's message), and each stream subscribes to its channel. Nothing else crosses the bridge.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_METHODS, STREAMS, channelOf, subscriberName } from '../contract/methods.js';
import type { PreloadApi } from '../contract/wire.js';

const api: Record<string, unknown> = {};
for (const method of IPC_METHODS) api[method] = (params?: unknown) => ipcRenderer.invoke(channelOf(method), params);
for (const stream of STREAMS)
  api[subscriberName(stream)] = (cb: (value: unknown) => void) => {
    const listener = (_event: IpcRendererEvent, value: unknown) => cb(value);
    ipcRenderer.on(channelOf(stream), listener);
    return () => void ipcRenderer.off(channelOf(stream), listener);
  };

contextBridge.exposeInMainWorld('corescope', api satisfies Record<keyof PreloadApi, unknown>);
