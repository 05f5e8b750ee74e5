/**
 * What every host does around its units: say hello with its idle baseline, relay reports, hear stop,
 * and when the last unit has ended flush, say bye with its peak memory and exit.
 */
import type { HostSpec } from '../../contract/host-protocol.js';
import { readSpec, send, sendAndDrain, watchParent } from './parent-link.js';
import { Reporter } from './reporter.js';
import { ownMemory, peakOwnMemory } from './self-memory.js';

export const processCpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

export interface Host {
  spec: HostSpec;
  reporter: Reporter;
  /** Call once every unit has ended: reports the peak and exits the process. */
  finish: () => Promise<void>;
}

export async function startHost(onStop: () => void): Promise<Host> {
  const spec = readSpec<HostSpec>();
  const reporter = new Reporter();
  watchParent(onStop);
  const baseline = await ownMemory();
  send({ kind: 'hello', pid: process.pid, baselineBytes: baseline.bytes, measure: baseline.measure });
  const finish = async () => {
    // nothing watches memory while the units run (an idle unit must cost nothing): the kernel kept the peak
    const peakBytes = await peakOwnMemory();
    reporter.flush();
    await sendAndDrain({ kind: 'bye', peakBytes, cpuMs: processCpuMs() });
    process.exit(0);
  };
  return { spec, reporter, finish };
}
