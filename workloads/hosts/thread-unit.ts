/**
 * Inside one worker thread: learn its OS thread id, name itself cs-t<id> (so htop shows it), run the
 * unit, and post its reports to the host thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { HostSpec, UnitStateName } from '../../contract/host-protocol.js';
import { nameOwnThread, ownThreadCpuMs, ownThreadId } from './os-thread.js';
import { runUnit } from './unit.js';

const { unitId, index, spec } = workerData as { unitId: number; index: number; spec: HostSpec };
nameOwnThread(`cs-t${unitId}`);
const tid = ownThreadId();
const abort = new AbortController();
parentPort?.on('message', (m: { kind: string }) => {
  if (m.kind === 'stop') abort.abort();
});

const report = (state: UnitStateName, extra: { cpuMs?: number; error?: string } = {}) => {
  // the thread's own CPU time from the OS is truer than the unit's slices, where the OS can tell
  const cpuMs = ownThreadCpuMs() ?? extra.cpuMs;
  parentPort?.postMessage({ unitId, state, t: performance.timeOrigin + performance.now(), pid: process.pid, tid, ...extra, cpuMs });
};

await runUnit({ unitId, index, spec, signal: abort.signal, report });
parentPort?.close();
