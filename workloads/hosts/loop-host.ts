/**
 * A host whose units are tasks on its own single event loop. Process mode forks one of these per unit;
 * async mode forks one with all N units, which then share one thread and take turns.
 */
import { mainThreadId } from './os-thread.js';
import type { UnitStateName } from '../../contract/host-protocol.js';
import { processCpuMs, startHost } from './host-lifecycle.js';
import { crashHostIfAsked } from './fault.js';
import { runSleepUnit, runUnit, type StateReport } from './unit.js';

const abort = new AbortController();
const host = await startHost(() => abort.abort());
const { spec, reporter } = host;

// A process unit's CPU is its whole process's; async tasks only have their own slices of the shared loop.
const ownsProcess = spec.mode === 'process';
const pid = process.pid;
const tid = mainThreadId(pid);
// a plain change makes no object: 100,000 tasks changing state together are one group (state-batch.ts)
const reportState: StateReport = (unitId, state, cpuMs) =>
  reporter.state(unitId, state, performance.timeOrigin + performance.now(), pid, tid, ownsProcess ? processCpuMs() : cpuMs);
const report = (unitId: number) => (state: UnitStateName, extra: { cpuMs?: number; error?: string } = {}) => {
  if (extra.error === undefined) reportState(unitId, state, extra.cpuMs);
  else reporter.push({ unitId, state, t: performance.timeOrigin + performance.now(), pid, tid, error: extra.error, cpuMs: ownsProcess ? processCpuMs() : extra.cpuMs });
};

crashHostIfAsked(); // tests only
await Promise.all(
  spec.workload === 'io-sleep'
    ? spec.unitIds.map((unitId) => runSleepUnit(unitId, spec, abort.signal, reportState))
    : spec.unitIds.map((unitId, index) => runUnit({ unitId, index, spec, signal: abort.signal, report: report(unitId) })),
);
await host.finish();
