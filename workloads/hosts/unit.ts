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

/** A plain state report for any unit of a host: one function for all of them, not one per unit. */
export type StateReport = (unitId: number, state: UnitStateName, cpuMs?: number) => void;

export function runUnit(ctx: UnitContext): Promise<void> {
  return ctx.spec.workload === 'io-sleep' ? runSleepUnit(ctx.unitId, ctx.spec, ctx.signal, (_, state, cpuMs) => ctx.report(state, { cpuMs })) : runWorkUnit(ctx);
}

/**
 * An io-sleep unit is one promise reacting to a (shared) timer and nothing else: no async frame, no CPU
 * tally, no context. 100,000 of them share one loop, and whatever a waiting task keeps is copied by
 * every young-generation GC while the rest are still being started.
 */
export function runSleepUnit(unitId: number, spec: HostSpec, signal: AbortSignal, report: StateReport): Promise<void> {
  report(unitId, 'waiting(io)');
  return runIoSleep(spec.durationS ?? DEFAULT_DURATION_S, signal).then(() => report(unitId, signal.aborted ? 'cancelled' : 'done', 0));
}

async function runWorkUnit(ctx: UnitContext): Promise<void> {
  const { spec, signal, report } = ctx;
  const durationS = spec.durationS ?? (spec.workPerUnit ? undefined : DEFAULT_DURATION_S);
  const cpu = new CpuTally(report);
  try {
    switch (spec.workload) {
      case 'cpu':
        report('running');
        if (injectedFault() === 'unit-throws') throw new Error('injected fault: the unit threw');
        await runCpu({ blocks: spec.workPerUnit?.[ctx.index], durationS }, signal, () => yieldToLoop(), (ms) => cpu.slice(ms));
        break;
      case 'mem': {
        report('running');
        const t = performance.now();
        const buf = allocateTouched(spec.mb ?? 0);
        cpu.slice(performance.now() - t);
        report('waiting(io)', { cpuMs: cpu.ms });
        await holdMemory(buf, durationS ?? DEFAULT_DURATION_S, signal);
        break;
      }
    }
    report(signal.aborted ? 'cancelled' : 'done', { cpuMs: cpu.ms });
  } catch (e) {
    report('failed', { cpuMs: cpu.ms, error: e instanceof Error ? e.message : String(e) });
  }
}

/** A unit's CPU slices, summed, with a heartbeat of its state and CPU every HEARTBEAT_MS while it works. */
class CpuTally {
  ms = 0;
  private lastBeat = performance.now();

  constructor(private readonly report: UnitContext['report']) {}

  slice(ms: number): void {
    this.ms += ms;
    const now = performance.now();
    if (now - this.lastBeat >= HEARTBEAT_MS) {
      this.lastBeat = now;
      this.report('running', { cpuMs: this.ms });
    }
  }
}
