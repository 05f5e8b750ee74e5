/** What the engine tells a client about the machine and what it can run. */
import type { MemoryMeasure, Mode, ReaderKind, Runtime, ScenarioFlag, ScenarioName, Workload } from './domain.js';
import type { LIMITS } from './limits.js';
import type { Access } from './methods.js';

export interface SystemInfo {
  platform: string;
  cpuModel: string;
  logicalCores: number;
  totalMemoryBytes: number;
  intervalMs: number;
  limits: typeof LIMITS;
  /** the Python that runs the python runtime; null when there is none (then the app hides the Python options) */
  python: PythonInfo | null;
  /** what the engine's readers measure here, and what they cannot know (shown as n/a, never as 0) */
  readers: ReadersInfo;
}

/** The readers the engine samples with and what they can tell; the views decide from this, not from the platform. */
export interface ReadersInfo {
  kind: ReaderKind;
  /** where per-core busy % comes from */
  coreLoad: 'proc-stat' | 'systeminformation';
  /** the memory measures a study can ask for here, the default first */
  memoryMeasures: readonly MemoryMeasure[];
  /** a thread unit's OS thread id (Linux /proc/thread-self); else tid is null */
  threadIds: boolean;
  /** the core a unit last ran on (/proc/<pid>/task/<tid>/stat field 39); else core is null */
  unitCore: boolean;
  /** a thread's own CPU time from the OS; else a thread unit's CPU % is what the unit timed itself */
  threadCpu: boolean;
}

/** Python as found on PATH (or given with --python): its executable, version, and a free-threaded build if any. */
export interface PythonInfo {
  path: string;
  version: string;
  /** the path of a free-threaded build (python3.13t or newer) on PATH, or null */
  freeThreaded: string | null;
}

/** What one connection may do: 'control' (the app, the dashboard's own link) or 'read' (a view-only link). */
export interface SessionInfo {
  access: Access;
}

/** Which CoreScope answers: the app's version (package.json) and the engine's contract version. */
export interface VersionInfo {
  app: string;
  /** bumped when the method table or a shape in contract/ changes incompatibly */
  contract: number;
  node: string;
}

export interface WorkloadInfo {
  name: Workload;
  summary: string;
  params: Array<'durationS' | 'work' | 'mb'>;
}

/** One of the article's demonstrations, with the words the UI shows beside it. */
export interface ScenarioInfo {
  name: ScenarioName;
  title: string;
  /** one line: what it shows */
  summary: string;
  /** what to watch on the timeline */
  watch: string;
  /** what the article says should happen */
  article: string;
  modes: Mode[];
  defaultMode: Mode;
  flags: ScenarioFlag[];
  /** the modes of its Python version (multiprocessing, threading, asyncio); empty: Node only */
  pythonModes: Mode[];
  /** what it runs in unless told: python for gil, which only Python has */
  defaultRuntime: Runtime;
}

/** The contract's own version (VersionInfo.contract): bump it when a method or a shape changes incompatibly. */
export const CONTRACT_VERSION = 1;
