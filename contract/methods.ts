/**
 * THE method table: every request a client can make of CoreScope, with the schema its params are
 * parsed with, the type of its result, which transports may call it, and whether it controls anything.
 * Everything else is derived from it: the IPC channels, the WebSocket method list, the preload's
 * window.corescope, the renderer's socket bridge, and the engine's handler table (api-service.ts), so
 * a method added here appears everywhere and the compiler points at every place that must serve it.
 */
import type { RecentHistory } from './history.js';
import type { z } from 'zod';
import type { EngineHealth } from './health.js';
import type { PythonInfo, ScenarioInfo, SessionInfo, SystemInfo, VersionInfo, WorkloadInfo } from './catalog.js';
import { RecordingNameSchema, type OpenedRecording, type RecordingInfo } from './recording.js';
import type { RunEvent } from './run-events.js';
import {
  CompareSpecSchema,
  IntervalSchema,
  MemoryCostSpecSchema,
  NoParamsSchema,
  PythonPathSchema,
  RunIdSchema,
  RunSpecSchema,
  SavePngSchema,
  SaveReportSchema,
  ScenarioSpecSchema,
  UnitsPageSchema,
} from './schemas.js';
import type { Snapshot, UnitsPage } from './snapshot.js';
import type { StudyEvent } from './studies.js';
import { ProcessQuerySchema, WatchCommandSchema, WatchPidSchema, type ProcessInfo } from './watch.js';

export type Transport = 'ipc' | 'ws';
/** 'control' starts, stops or changes something; 'read' only answers (a view-only client may call it) */
export type Access = 'read' | 'control';
/** who serves it: the engine (over every transport), or the Electron shell itself (e.g. a save dialog) */
type Server = 'engine' | 'shell';

interface MethodDef<P extends z.ZodType, R, T extends readonly Transport[], A extends Access, S extends Server> {
  params: P;
  transports: T;
  access: A;
  servedBy: S;
  /** never set: carries the result type for the derived signatures */
  readonly result?: R;
}

const EVERYWHERE = ['ipc', 'ws'] as const;

/** A row of the table: method<Result>()(paramsSchema, { transports, access, servedBy }), each defaulted. */
function method<R>() {
  return <P extends z.ZodType, const T extends readonly Transport[] = typeof EVERYWHERE, A extends Access = 'read', S extends Server = 'engine'>(
    params: P,
    def: { transports?: T; access?: A; servedBy?: S } = {},
  ): MethodDef<P, R, T, A, S> => ({
    params,
    transports: (def.transports ?? EVERYWHERE) as T,
    access: (def.access ?? 'read') as A,
    servedBy: (def.servedBy ?? 'engine') as S,
  });
}

export const METHODS = {
  version: method<VersionInfo>()(NoParamsSchema),
  system: method<SystemInfo>()(NoParamsSchema),
  /** the engine process's memory, fds, event-loop delay and listeners: what a long-running monitor keeps flat */
  health: method<EngineHealth>()(NoParamsSchema),
  /** what this connection may do: 'read' for a view-only link (the page then hides its controls) */
  session: method<SessionInfo>()(NoParamsSchema),
  workloads: method<WorkloadInfo[]>()(NoParamsSchema),
  scenarios: method<ScenarioInfo[]>()(NoParamsSchema),
  /** the engine's last minute of per-core load and memory (bounded): a page opened mid-run draws it first */
  recentHistory: method<RecentHistory>()(NoParamsSchema),
  startRun: method<{ runId: string }>()(RunSpecSchema, { access: 'control' }),
  stopRun: method<null>()(RunIdSchema, { access: 'control' }),
  runScenario: method<{ runId: string }>()(ScenarioSpecSchema, { access: 'control' }),
  setInterval: method<null>()(IntervalSchema, { access: 'control' }),
  /** a page of every live unit, sorted by a column, from the latest sample (snapshots list only a bounded few) */
  units: method<UnitsPage>()(UnitsPageSchema),
  /** the interpreter for Python runs: an absolute path, or null for python3 on PATH; answers SystemInfo.python as it now is */
  setPython: method<PythonInfo | null>()(PythonPathSchema, { access: 'control' }),
  /** every mode as a 1-unit baseline and N units, one leg after another; progress and result on studyEvent */
  runCompare: method<{ studyId: string }>()(CompareSpecSchema, { access: 'control' }),
  /** each mode's memory at several N of idle units; progress and result on studyEvent */
  runMemoryCost: method<{ studyId: string }>()(MemoryCostSpecSchema, { access: 'control' }),
  /** watch a running process's tree as a run (stopRun detaches and leaves it running) */
  watchPid: method<{ runId: string }>()(WatchPidSchema, { access: 'control' }),
  /**
   * desktop only: start a command and watch its tree (stopRun ends the tree). Never on the socket:
   * a page that can reach the dashboard must not be able to run programs on this machine.
   */
  watchCommand: method<{ runId: string }>()(WatchCommandSchema, { transports: ['ipc'], access: 'control' }),
  /** this machine's processes for the picker (pid, name, user, CPU %), busiest first, filtered by a search text */
  listProcesses: method<ProcessInfo[]>()(ProcessQuerySchema),
  /** record what every stream carries into NAME.corescope in the engine's recordings folder (default name: the time) */
  startRecording: method<RecordingInfo>()(RecordingNameSchema, { access: 'control' }),
  stopRecording: method<RecordingInfo>()(NoParamsSchema, { access: 'control' }),
  /** the recording going now, or null */
  recording: method<RecordingInfo | null>()(NoParamsSchema),
  /**
   * desktop only: save the PNG the page drew (png-export: 2×, ≥ 1600 px) where the user picks in a save
   * dialog; the shell checks it is a PNG, bounded, and only asks and writes. null: cancelled
   */
  savePng: method<{ saved: string | null }>()(SavePngSchema, { transports: ['ipc'], servedBy: 'shell' }),
  /** desktop only: the same for the page's self-contained HTML report of a compare or a scenario run */
  saveReport: method<{ saved: string | null }>()(SaveReportSchema, { transports: ['ipc'], servedBy: 'shell' }),
  /**
   * desktop only: the recording the user picked with File → Open recording… (read by the shell, size
   * bounded and its header checked), for the window's ?replay page to play; null when none was opened
   */
  openedRecording: method<OpenedRecording | null>()(NoParamsSchema, { transports: ['ipc'], servedBy: 'shell' }),
} as const;

export type MethodName = keyof typeof METHODS;
type Def<M extends MethodName> = (typeof METHODS)[M];
type ParamsIn<M extends MethodName> = z.input<Def<M>['params']>;
export type ParamsOf<M extends MethodName> = z.output<Def<M>['params']>;
export type ResultOf<M extends MethodName> = Exclude<Def<M>['result'], undefined>;

const namesWhere = <M extends MethodName>(keep: (name: MethodName) => boolean) => (Object.keys(METHODS) as MethodName[]).filter(keep) as M[];
type OnTransport<T extends Transport> = { [M in MethodName]: T extends Def<M>['transports'][number] ? M : never }[MethodName];
type ServedBy<S extends Server> = { [M in MethodName]: Def<M>['servedBy'] extends S ? M : never }[MethodName];

export type IpcMethod = OnTransport<'ipc'>;
export type WsMethod = OnTransport<'ws'>;
export type EngineMethod = ServedBy<'engine'>;
export type ShellMethod = ServedBy<'shell'>;

export const IPC_METHODS = namesWhere<IpcMethod>((m) => (METHODS[m].transports as readonly Transport[]).includes('ipc'));
export const WS_METHODS = namesWhere<WsMethod>((m) => (METHODS[m].transports as readonly Transport[]).includes('ws'));
export const ENGINE_METHODS = namesWhere<EngineMethod>((m) => METHODS[m].servedBy === 'engine');

/** Something the engine wants every client to know that belongs to no run (e.g. a failed sample). */
export interface EngineNotice {
  kind: 'sampler-error';
  message: string;
  t: number;
}

/** The one-way streams from the engine to every client, and what each carries. */
export interface Streams {
  snapshot: Snapshot;
  runEvent: RunEvent;
  studyEvent: StudyEvent;
  notice: EngineNotice;
}
export type StreamName = keyof Streams;
/** their names on the WebSocket (the `push` field) */
export const STREAM_PUSH = { snapshot: 'snapshot', runEvent: 'run-event', studyEvent: 'study-event', notice: 'notice' } as const satisfies Record<StreamName, string>;
export const STREAMS = Object.keys(STREAM_PUSH) as StreamName[];

/** Electron IPC channel of a method or a stream. */
export const channelOf = (name: MethodName | StreamName): string => `corescope:${name}`;

type Call<M extends MethodName> = undefined extends ParamsIn<M> ? (params?: ParamsIn<M>) => Promise<ResultOf<M>> : (params: ParamsIn<M>) => Promise<ResultOf<M>>;
export type Subscribers = { [S in StreamName as `on${Capitalize<S>}`]: (cb: (value: Streams[S]) => void) => () => void };

/**
 * window.corescope (and the dashboard's socket bridge): every method both transports serve, the
 * streams, and the desktop-only methods where the app provides them (absent in the browser).
 */
export type CoreScopeApi = { [M in IpcMethod & WsMethod]: Call<M> } & { [M in Exclude<IpcMethod, WsMethod>]?: Call<M> } & Subscribers;

export const subscriberName = (s: StreamName) => `on${s[0].toUpperCase()}${s.slice(1)}` as `on${Capitalize<StreamName>}`;
