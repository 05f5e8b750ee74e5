/** What the engine tells a client about the machine and what it can run. */
import type { Mode, Runtime, ScenarioFlag, ScenarioName, Workload } from './domain.js';
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
