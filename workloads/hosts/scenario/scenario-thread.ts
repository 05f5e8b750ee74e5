/** Runs a scenario unit in a worker thread of the coordinator's process (scenario-thread-unit.ts). */
import { Worker } from 'node:worker_threads';
import type { CoordinatorToUnit, UnitToCoordinator } from '../../../contract/host-protocol.js';
import type { LaunchedUnit, UnitExit, UnitListener, UnitStart } from './scenario-launch.js';

export interface ThreadUnitData extends UnitStart {
  buffer: SharedArrayBuffer;
}

export function startThreadUnit(start: UnitStart, buffer: SharedArrayBuffer, listener: UnitListener): LaunchedUnit {
  const data: ThreadUnitData = { ...start, buffer };
  const worker = new Worker(new URL('./scenario-thread-unit.mjs', import.meta.url), { workerData: data, name: `cs-t${start.index}` });
  worker.on('message', (m: UnitToCoordinator) => (m.kind === 'report' ? listener.onReport(m.report) : listener.onArrive()));
  // an uncaught error ends the worker: kept as the reason its end is reported with (from 'exit')
  let error: string | undefined;
  worker.on('error', (e) => (error = e.message));
  const exited = new Promise<UnitExit>((resolve) => worker.once('exit', (code) => resolve({ code, signal: null, error })));
  const tell = (m: CoordinatorToUnit) => worker.postMessage(m);
  return { go: () => tell({ kind: 'go' }), cancel: () => tell({ kind: 'stop' }), kill: () => void worker.terminate(), exited };
}
