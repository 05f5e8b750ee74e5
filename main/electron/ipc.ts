/**
 * IPC handlers: one per request channel of preload/api.ts. Each checks that the sender is the app's
 * own page, then hands the argument to the ApiService, which parses it with the contract's schema.
 * Snapshots and run events go to the window over the one-way channels.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { CHANNELS, WS_METHODS, type Envelope, type WsMethod } from '../../preload/api.js';
import type { ApiService } from '../engine/api-service.js';

export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

export const REFUSED_SENDER = 'refused: the request did not come from CoreScope’s own page';

export function registerIpc(ipc: IpcMain, api: ApiService, trusted: SenderCheck): () => void {
  for (const method of WS_METHODS)
    ipc.handle(CHANNELS[method], async (event, arg: unknown): Promise<Envelope> => {
      if (!trusted(event)) return { ok: false, error: REFUSED_SENDER };
      return api.call(method satisfies WsMethod, arg);
    });
  return () => WS_METHODS.forEach((m) => ipc.removeHandler(CHANNELS[m]));
}

/** Forward the engine's streams to one window's page for as long as it lives. */
export function forwardStreams(api: ApiService, target: WebContents): () => void {
  const send = (channel: string, data: unknown) => {
    if (!target.isDestroyed()) target.send(channel, data);
  };
  const offSnapshot = api.onSnapshot((s) => send(CHANNELS.snapshot, s));
  const offRunEvent = api.onRunEvent((e) => send(CHANNELS.runEvent, e));
  const offStudyEvent = api.onStudyEvent((e) => send(CHANNELS.studyEvent, e));
  const off = () => {
    offSnapshot();
    offRunEvent();
    offStudyEvent();
  };
  target.once('destroyed', off);
  return off;
}
