/** The preload: exposes exactly the CoreScopeApi of api.ts as window.corescope, and nothing else. */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { CoreScopeApi, Envelope, RunEvent, Snapshot, StudyEvent, WsMethod } from './api.js';
import { CHANNELS } from './channels.js';

async function call<T>(method: WsMethod | 'savePng', arg?: unknown): Promise<T> {
  const reply = (await ipcRenderer.invoke(CHANNELS[method], arg)) as Envelope;
  if (!reply.ok) throw new Error(reply.error);
  return reply.result as T;
}

function subscribe<T>(channel: string, cb: (value: T) => void): () => void {
  const listener = (_event: IpcRendererEvent, value: T) => cb(value);
  ipcRenderer.on(channel, listener);
  return () => ipcRenderer.off(channel, listener);
}

const api: CoreScopeApi = {
  system: () => call('system'),
  workloads: () => call('workloads'),
  scenarios: () => call('scenarios'),
  startRun: (spec) => call('startRun', spec),
  stopRun: (runId) => call('stopRun', runId),
  runScenario: (spec) => call('runScenario', spec),
  setInterval: (ms) => call('setInterval', ms),
  setPython: (path) => call('setPython', path),
  onSnapshot: (cb) => subscribe<Snapshot>(CHANNELS.snapshot, cb),
  onRunEvent: (cb) => subscribe<RunEvent>(CHANNELS.runEvent, cb),
  runCompare: (spec) => call('runCompare', spec),
  runMemoryCost: (spec) => call('runMemoryCost', spec),
  onStudyEvent: (cb) => subscribe<StudyEvent>(CHANNELS.studyEvent, cb),
  savePng: (request) => call('savePng', request),
};

contextBridge.exposeInMainWorld('corescope', api);
