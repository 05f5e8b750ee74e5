/**
 * A host that runs each unit in its own worker thread: one process, N OS threads. It relays the
 * workers' reports; on stop it marks the units cancelled and terminates the workers.
 */
import { Worker } from 'node:worker_threads';
import type { UnitReport } from '../../contract/host-protocol.js';
import { startHost } from './host-lifecycle.js';

const workers: Worker[] = [];
const ended = new Set<number>();
const tids = new Map<number, number | null>();
const now = () => performance.timeOrigin + performance.now();
const isEnd = (r: UnitReport) => r.state === 'done' || r.state === 'failed' || r.state === 'cancelled';
let stopping = false;
let finishing: Promise<void> | null = null;

const host = await startHost(() => void stop());
const { spec, reporter } = host;

function end(report: UnitReport) {
  ended.add(report.unitId);
  reporter.push(report);
}

const endUnit = (unitId: number, state: 'cancelled' | 'failed', error?: string) =>
  end({ unitId, state, t: now(), pid: process.pid, tid: tids.get(unitId) ?? null, error });

/** On stop: the units still going are cancelled, their workers terminated, the host finishes. */
function stop(): Promise<void> {
  stopping = true;
  finishing ??= (async () => {
    for (const unitId of spec.unitIds) if (!ended.has(unitId)) endUnit(unitId, 'cancelled');
    await Promise.all(workers.map((w) => w.terminate()));
    await host.finish();
  })();
  return finishing;
}

function startWorker(unitId: number, index: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const worker = new Worker(new URL('./thread-unit.mjs', import.meta.url), {
      workerData: { unitId, index, spec },
      name: `cs-t${unitId}`,
    });
    workers.push(worker);
    worker.on('message', (r: UnitReport) => {
      tids.set(unitId, r.tid);
      if (stopping) return;
      if (isEnd(r)) end(r);
      else reporter.push(r);
    });
    worker.on('error', (e) => {
      if (!ended.has(unitId)) endUnit(unitId, 'failed', e.message);
    });
    worker.on('exit', () => {
      if (!ended.has(unitId)) endUnit(unitId, stopping ? 'cancelled' : 'failed');
      resolve();
    });
  });
}

await Promise.all(spec.unitIds.map(startWorker));
if (!stopping) await host.finish();
