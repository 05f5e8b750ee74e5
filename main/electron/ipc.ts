/**
 * IPC handlers: one per method the contract's table allows over IPC. Each checks that the sender is
 * the app's own page; the engine's methods go to the ApiService (which parses the params with the
 * table's schema), the shell's own (e.g. savePng) to the handlers the shell passes in, parsed the
 * same way. Snapshots, run and study events go to the window over the streams' channels; run events
 * as arrays, those of one turn together (PreloadApi).
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { IPC_METHODS, METHODS, STREAMS, channelOf, type ParamsOf, type ResultOf, type ShellMethod } from '../../contract/methods.js';
import { parseOrRefuse } from '../../contract/refusal.js';
import type { RunEvent } from '../../contract/run-events.js';
import { RUN_EVENTS_PER_MESSAGE, type Envelope } from '../../contract/wire.js';
import { answer, type ApiService } from '../engine/api-service.js';
import { TurnBatch } from '../engine/turn-batch.js';

export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;
export type ShellHandlers = { [M in ShellMethod]: (params: ParamsOf<M>) => Promise<ResultOf<M>> };

const REFUSED_SENDER = 'refused: the request did not come from CoreScope’s own page';

/** One shell method: its params parsed with its row's schema, then its handler (generic, so each keeps its own types). */
function serveShell<M extends ShellMethod>(shell: ShellHandlers, method: M, arg: unknown): Promise<ResultOf<M>> {
  const handler: (params: ParamsOf<M>) => Promise<ResultOf<M>> = shell[method];
  // the row's schema outputs exactly ParamsOf<M>; TypeScript can't index METHODS' union by a generic key
  return handler(parseOrRefuse(METHODS[method].params, arg) as ParamsOf<M>);
}

export function registerIpc(ipc: IpcMain, api: ApiService, shell: ShellHandlers, trusted: SenderCheck): () => void {
  for (const method of IPC_METHODS)
    ipc.handle(channelOf(method), async (event, arg: unknown): Promise<Envelope> => {
      if (!trusted(event)) return { ok: false, error: REFUSED_SENDER };
      if (METHODS[method].servedBy === 'engine') return api.call(method, arg);
      return answer(() => serveShell(shell, method as ShellMethod, arg), method);
    });
  return () => IPC_METHODS.forEach((m) => ipc.removeHandler(channelOf(m)));
}

/**
 * Forward the engine's streams to one window's page for as long as it lives. Each IPC message is
 * cloned and dispatched on its own, so the run events of one turn go as arrays of at most
 * RUN_EVENTS_PER_MESSAGE, and anything else leaves after the run events made before it.
 */
export function forwardStreams(api: ApiService, target: WebContents): () => void {
  const send = (channel: string, data: unknown) => {
    if (!target.isDestroyed()) target.send(channel, data);
  };
  const runEventChannel = channelOf('runEvent');
  const runEvents = new TurnBatch<RunEvent>((events) => {
    for (let i = 0; i < events.length; i += RUN_EVENTS_PER_MESSAGE) send(runEventChannel, events.slice(i, i + RUN_EVENTS_PER_MESSAGE));
  });
  const offs = STREAMS.map((stream) =>
    api.subscribe(stream, (data) => {
      if (stream === 'runEvent') return runEvents.add(data as RunEvent);
      runEvents.flush();
      send(channelOf(stream), data);
    }),
  );
  const off = () => {
    offs.forEach((unsubscribe) => unsubscribe());
    runEvents.take();
  };
  target.once('destroyed', off);
  return off;
}
