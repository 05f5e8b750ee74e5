/**
 * A host whose units are tasks on its own single event loop. Process mode forks one of these per unit;
 * async mode forks one with all N units, which then share one thread and take turns.
 */
import { mainThreadId } from './os-thread.js';
import type { UnitStateName } from '../../contract/host-protocol.js';
import { processCpuMs, startHost } from './host-lifecycle.js';
import { crashHostIfAsked } from './fault.js';
import { runUnit } from './unit.js';

const abort = new AbortController();
const host = await startHost(() => abort.abort());
const { spec, reporter } = host;

// A process unit's CPU is its whole process's; async tasks only have their own slices of the shared loop.
const ownsProcess = spec.mode === 'process';
const pid = process.pid;
const tid = mainThreadId(pid);
const report = (unitId: number) => (state: UnitStateName, extra: { cpuMs?: number; error?: string } = {}) => {
  const t = performance.timeOrigin + performance.now();
  const cpuMs = ownsProcess ? processCpuMs() : extra.cpuMs;
  // a plain change makes no object: 100,000 tasks changing state together are one group (state-batch.ts)
  if (extra.error === undefined) reporter.state(unitId, state, t, pid, tid, cpuMs);
  else reporter.push({ unitId, state, t, pid, tid, error: extra.error, cpuMs });
};

crashHostIfAsked(); // tests only
await Promise.all(
  spec.unitIds.map((unitId, index) => runUnit({ unitId, index, spec, signal: abort.signal, report: report(unitId) })),
);
await host.finish();
