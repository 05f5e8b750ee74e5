/**
 * Faults a test can inject, so that crash reporting is proven on real processes rather than assumed:
 * CORESCOPE_INJECT_FAULT=unit-throws makes each unit throw once it runs (as a bug in a kernel would);
 * =host-crashes makes the host die of an uncaught exception mid-run. Unset (always, outside tests):
 * nothing happens. The Python host reads the same variable (workloads/python/fault.py).
 */
type Fault = 'unit-throws' | 'host-crashes';

const FAULT_ENV = 'CORESCOPE_INJECT_FAULT';
/** long enough that the units have reported 'running', short enough for a test */
const HOST_CRASH_AFTER_MS = 300;

export const injectedFault = (): Fault | undefined => {
  const f = process.env[FAULT_ENV];
  return f === 'unit-throws' || f === 'host-crashes' ? f : undefined;
};

/** Call when a host has started its units: with host-crashes, an uncaught error ends it shortly. */
export function crashHostIfAsked(): void {
  if (injectedFault() !== 'host-crashes') return;
  setTimeout(() => {
    throw new Error('injected fault: the host crashed');
  }, HOST_CRASH_AFTER_MS).unref();
}
