/**
 * Runs one unit of a workload inside whatever hosts it (a process's loop, a worker thread, a task among
 * many) and tells `report` each time its state changes. The same code for every mode: only where it
 * runs differs, which is the point of the comparison.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { HEARTBEAT_MS, type HostSpec, type UnitStateName } from '../../contract/host-protocol.js';
import { runCpu } from '../kernels/cpu.js';
import { runIoSleep } from '../kernels/io-sleep.js';
import { allocateTouched, holdMemory } from '../kernels/mem.js';
import { injectedFault } from './fault.js';

export interface UnitContext {
  unitId: number;
  index: number;
  spec: HostSpec;
  signal: AbortSignal;
  report: (state: UnitStateName, extra?: { cpuMs?: number; error?: string }) => void;
}

const DEFAULT_DURATION_S = 5;

export async function runUnit(ctx: UnitContext): Promise<void> {
  const { spec, signal, report } = ctx;
  const durationS = spec.durationS ?? (spec.workPerUnit ? undefined : DEFAULT_DURATION_S);
  let cpuMs = 0;
  let lastBeat = performance.now();
  const onSlice = (ms: number) => {
    cpuMs += ms;
    const now = performance.now();
    if (now - lastBeat >= HEARTBEAT_MS) {
      lastBeat = now;
      report('running', { cpuMs });
    }
  };
  try {
    switch (spec.workload) {
      case 'cpu':
        report('running');
        if (injectedFault() === 'unit-throws') throw new Error('injected fault: the unit threw');
        await runCpu({ blocks: spec.workPerUnit?.[ctx.index], durationS }, signal, () => yieldToLoop(), onSlice);
        break;
      case 'io-sleep':
        report('waiting(io)');
        await runIoSleep(durationS ?? DEFAULT_DURATION_S, signal);
        break;
      case 'mem': {
        report('running');
        const t = performance.now();
        const buf = allocateTouched(spec.mb ?? 0);
        onSlice(performance.now() - t);
        report('waiting(io)', { cpuMs });
        await holdMemory(buf, durationS ?? DEFAULT_DURATION_S, signal);
        break;
      }
    }
    report(signal.aborted ? 'cancelled' : 'done', { cpuMs });
  } catch (e) {
    report('failed', { cpuMs, error: e instanceof Error ? e.message : String(e) });
  }
}
