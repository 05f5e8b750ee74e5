/**
 * One run: N units of one workload in one mode, hosted by forked processes (N loop hosts for process
 * mode, one thread host or one loop host otherwise). Tracks every unit's state from its host's reports,
 * stops on request (ask, then SIGKILL after a grace period), and ends when every host has exited.
 */
import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { FINAL_STATES, type Mode, type ReaderKind, type UnitState } from '../../../contract/domain.js';
import { type RunSpec } from '../../../contract/schemas.js';
import { forEachGroupUnit, type EngineMessage, type HostMessage, type HostSpec, type ScenarioOutcome, type UnitDetail, type UnitReport } from '../../../contract/host-protocol.js';
import { splitWork } from '../../../workloads/kernels/cpu.js';
import { launchHost, type HostProgram } from './host-launch.js';
import type { UnitRef } from './unit-ref.js';

const STOP_GRACE_MS = 1000;
/** A host's stderr is kept as a ring of its last characters: enough for a traceback's last lines, bounded however much it writes. */
const STDERR_TAIL_CHARS = 2000;
/** how many of those lines a crash's reason quotes */
const REASON_LINES = 3;

/** Why a host ended by itself: the signal that killed it, or its exit code, and the last lines it wrote to stderr. */
export function exitReason(code: number | null, signal: NodeJS.Signals | null, stderrTail: string): string {
  const how = signal ? `killed by ${signal}` : `exit code ${code}`;
  // a Node stack's frames and version line say little; its message and the line that threw say it
  const lines = stderrTail
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^at\s|^Node\.js v|^\^+$/.test(l))
    .slice(-REASON_LINES);
  return lines.length ? `${how}: ${lines.join(' | ')}` : how;
}

export interface HostRecord {
  child: ChildProcess;
  pid: number;
  unitIds: number[];
  baselineBytes: number;
  peakBytes: number;
  cpuMs: number;
  exited: boolean;
  exitedAt: number;
  stderrTail: string;
}

/**
 * One unit as its run tracks it, and what the sampler reads of it (a UnitRef): the same object, so a
 * report changes what the next sample sees without a copy to refresh — 100,000 tasks are 100,000 of
 * these and nothing more.
 */
export class UnitRecord implements UnitRef {
  tid: number | null = null;
  state: UnitState = 'starting';
  firstReportAt: number | null = null;
  endAt: number | null = null;
  cpuMs = 0;
  /** why it failed or was killed, when not by a stop (UnitResult.reason) */
  reason?: string;
  /** scenario units that take locks: what it holds and waits for */
  detail?: UnitDetail;
  /** a unit process apart from its host (Python's multiprocessing): its own peak memory */
  peakBytes?: number;

  constructor(
    readonly runId: string,
    readonly mode: Mode,
    readonly unitId: number,
    readonly host: HostRecord,
    /** its host's until it reports (a scenario's process units then have pids of their own) */
    public pid: number,
    /** when the current state began (epoch ms, as the unit reported it) */
    public stateAt: number,
  ) {}

  get hostBaselineBytes(): number {
    return this.host.baselineBytes;
  }

  get hostUnits(): number {
    return this.host.unitIds.length;
  }

  get selfCpuMs(): number {
    return this.cpuMs;
  }
}

export interface RunEvents {
  'unit-state': [UnitRecord];
  exited: [];
}

/** What runs the hosts (a Node host script, or Python), and one HostSpec per host to start with it. */
export interface RunPlan {
  program: HostProgram;
  hosts: HostSpec[];
  /** the engine's readers, handed to the hosts so they measure themselves alike (default: theirs by platform) */
  readers?: ReaderKind;
}

export const epochNow = (): number => performance.timeOrigin + performance.now();
const FINAL: ReadonlySet<UnitState> = new Set(FINAL_STATES);
const isFinal = (s: UnitState) => FINAL.has(s);

/** Which hosts a run needs, each with its units: pure, so the split is testable. */
export function planHosts(runId: string, spec: RunSpec): HostSpec[] {
  const ids = Array.from({ length: spec.units }, (_, i) => i);
  const work = spec.work !== undefined ? splitWork(spec.work, spec.units) : undefined;
  const base = { runId, workload: spec.workload, mode: spec.mode, durationS: spec.durationS, mb: spec.mb };
  // a Python host starts its process units itself, with multiprocessing.Process, as the article does
  if (spec.mode === 'process' && spec.runtime !== 'python') return ids.map((id) => ({ ...base, unitIds: [id], workPerUnit: work && [work[id]] }));
  return [{ ...base, unitIds: ids, workPerUnit: work }];
}

/** A plain run's plan: the workload's hosts for its mode (python: the interpreter that runs them). */
export const workloadPlan = (runId: string, spec: RunSpec, python?: string): RunPlan => ({
  program: python ? { python } : { script: spec.mode === 'thread' ? 'thread-host' : 'loop-host' },
  hosts: planHosts(runId, spec),
});

const sameDetail = (a: UnitDetail | undefined, b: UnitDetail | undefined) =>
  a === b || (!!a && !!b && a.waitsFor === b.waitsFor && a.note === b.note && a.holds.join('\0') === b.holds.join('\0'));

export class Run extends EventEmitter<RunEvents> {
  readonly hosts: HostRecord[] = [];
  readonly units: UnitRecord[] = [];
  readonly t0 = epochNow();
  stopRequested = false;
  /** a scenario host's verdict, once it has sent it */
  outcome: ScenarioOutcome | null = null;
  private remaining = 0;
  /** liveUnits() as last built, and whether a unit has ended since */
  private live: UnitRecord[] = [];
  private stale = true;
  readonly ended: Promise<void>;

  constructor(
    readonly id: string,
    readonly spec: RunSpec,
    private readonly plan: RunPlan = workloadPlan(id, spec),
  ) {
    super();
    this.ended = new Promise((resolve) => this.once('exited', resolve));
  }

  start(): void {
    for (const hostSpec of this.plan.hosts) this.launch(hostSpec);
  }

  private launch(hostSpec: HostSpec): void {
    const child = launchHost(this.plan.program, hostSpec, this.plan.readers);
    const host: HostRecord = {
      child,
      pid: child.pid ?? -1,
      unitIds: hostSpec.unitIds,
      baselineBytes: 0,
      peakBytes: 0,
      cpuMs: 0,
      exited: false,
      exitedAt: 0,
      stderrTail: '',
    };
    this.hosts.push(host);
    this.remaining++;
    for (const unitId of hostSpec.unitIds) this.units[unitId] = new UnitRecord(this.id, this.spec.mode, unitId, host, host.pid, this.t0);
    child.stderr?.on('data', (d: Buffer) => {
      host.stderrTail = (host.stderrTail + d.toString()).slice(-STDERR_TAIL_CHARS);
    });
    child.on('message', (m: HostMessage) => this.onMessage(host, m));
    child.on('error', (e) => {
      host.stderrTail = `${host.stderrTail}\n${e.message}`.slice(-STDERR_TAIL_CHARS);
    });
    child.on('exit', (code, signal) => this.onExit(host, code, signal));
  }

  private onMessage(host: HostRecord, m: HostMessage): void {
    switch (m.kind) {
      case 'hello':
        host.baselineBytes = m.baselineBytes;
        break;
      case 'units':
        for (const r of m.reports) this.onReport(r.unitId, r);
        break;
      case 'states':
        for (const g of m.groups) forEachGroupUnit(g, (unitId) => this.onReport(unitId, g));
        break;
      case 'memory':
        host.peakBytes = Math.max(host.peakBytes, m.bytes);
        break;
      case 'bye':
        host.peakBytes = Math.max(host.peakBytes, m.peakBytes);
        host.cpuMs = m.cpuMs;
        break;
      case 'outcome':
        this.outcome = m.outcome;
        break;
    }
  }

  /** Units a later leg of a scenario starts: 'queued' (not 'starting') until they say otherwise. */
  queue(unitIds: readonly number[]): void {
    for (const id of unitIds) {
      const u = this.units[id];
      if (!u || u.state !== 'starting') continue;
      u.state = 'queued';
      u.stateAt = this.t0;
      this.emit('unit-state', u);
    }
  }

  private onReport(unitId: number, r: Omit<UnitReport, 'unitId'>): void {
    const u = this.units[unitId];
    if (!u || isFinal(u.state)) return;
    u.firstReportAt ??= r.t;
    u.pid = r.pid; // a scenario's process units are the coordinator's children, with pids of their own
    u.tid = r.tid;
    if (r.cpuMs !== undefined) u.cpuMs = r.cpuMs;
    if (r.peakBytes !== undefined) u.peakBytes = Math.max(u.peakBytes ?? 0, r.peakBytes);
    if (r.error) u.reason = r.error;
    if (r.state === u.state && sameDetail(r.detail, u.detail)) return; // a heartbeat
    u.state = r.state;
    u.detail = r.detail;
    u.stateAt = r.t;
    if (isFinal(r.state)) {
      u.endAt = r.t;
      this.stale = true; // leaves the live list
    }
    this.emit('unit-state', u);
  }

  private onExit(host: HostRecord, code: number | null, signal: NodeJS.Signals | null): void {
    host.exited = true;
    host.exitedAt = epochNow();
    this.stale = true;
    for (const u of this.units) {
      if (u.host !== host || isFinal(u.state)) continue;
      // a signal is a kill whoever sent it (kill -9, the OOM killer); a host that exits by itself mid-run failed
      u.state = this.stopRequested || signal ? 'killed' : 'failed';
      u.endAt = host.exitedAt;
      u.stateAt = host.exitedAt;
      u.detail = undefined;
      if (!this.stopRequested) u.reason ??= exitReason(code, signal, host.stderrTail);
      this.emit('unit-state', u);
    }
    if (--this.remaining === 0) this.emit('exited');
  }

  /** Ask every host to stop its units; whatever is still alive after the grace period is killed. */
  stop(): Promise<void> {
    if (!this.stopRequested) {
      this.stopRequested = true;
      const msg: EngineMessage = { kind: 'stop' };
      for (const h of this.hosts) if (!h.exited && h.child.connected) h.child.send(msg, () => undefined);
      const timer = setTimeout(() => this.kill(), STOP_GRACE_MS);
      void this.ended.then(() => clearTimeout(timer));
    }
    return this.ended;
  }

  /** SIGKILL every host still running (the thread host's workers die with it). */
  kill(): void {
    this.stopRequested = true;
    for (const h of this.hosts) if (!h.exited) h.child.kill('SIGKILL');
  }

  get active(): boolean {
    return this.remaining > 0;
  }

  /**
   * The units still going, as the sampler reads them: the records themselves, in the same array until
   * one ends (then a filter). A unit's report changes what the next sample reads without a copy, so
   * 100,000 idle tasks cost the sampler no walk here.
   */
  liveUnits(): UnitRef[] {
    if (this.stale) {
      this.stale = false;
      // a unit whose host never started (no pid) has nothing to read
      this.live = this.units.filter((u) => u && !isFinal(u.state) && u.pid > 0);
    }
    return this.live;
  }
}
