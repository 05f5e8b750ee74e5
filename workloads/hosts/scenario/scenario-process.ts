/** Runs a scenario unit as a child process of the coordinator (scenario-process-unit.ts). */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CoordinatorToUnit, UnitToCoordinator } from '../../../contract/host-protocol.js';
import type { LaunchedUnit, UnitExit, UnitListener, UnitStart } from './scenario-launch.js';

export interface ProcessUnitData extends UnitStart {
  /** the folder of the file commons */
  dir: string;
}

export function startProcessUnit(start: UnitStart, dir: string, listener: UnitListener): LaunchedUnit {
  const data: ProcessUnitData = { ...start, dir };
  const child = fork(fileURLToPath(new URL('./scenario-process-unit.mjs', import.meta.url)), [JSON.stringify(data)], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    execArgv: [],
    serialization: 'json',
  });
  child.on('message', (m: UnitToCoordinator) => (m.kind === 'report' ? listener.onReport(m.report) : listener.onArrive()));
  child.on('error', () => undefined); // its end is reported by the coordinator from 'exit'
  // 'close', not 'exit': it comes after the last IPC message has been read
  const exited = new Promise<UnitExit>((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
  const tell = (m: CoordinatorToUnit) => {
    if (child.connected) child.send(m, () => undefined);
  };
  return { go: () => tell({ kind: 'go' }), cancel: () => tell({ kind: 'stop' }), kill: () => void child.kill('SIGKILL'), exited };
}
