/**
 * The one place the engine's readers are chosen. By platform: Linux reads /proc directly (cheap, and
 * it knows threads and cores); macOS, Windows and the rest get the portable readers (systeminformation
 * and pidusage). Overridable — the engine option `readers`, or CORESCOPE_READERS=portable|proc — so
 * that Linux CI runs the portable path the laptops take. Each set says what it cannot know.
 */
import type { ReadersInfo } from '../../../contract/catalog.js';
import { READERS_ENV, READER_KINDS, type ReaderKind } from '../../../contract/domain.js';
import { InvalidInput } from '../../../contract/refusal.js';
import { createCoreLoadReader, type CoreLoadReader } from './core-load.js';
import { ProcessMemoryReader } from './process-memory.js';
import { UnitReader } from './unit-reader.js';
import { OS, onLinux } from '../platform.js';

/** The OS the engine runs on, for SystemInfo (the views use ReadersInfo's flags, not this). */
export const platform: string = OS;

/** The readers asked for (option, then environment), else the platform's own. */
export function chooseReaderKind(asked?: ReaderKind, env: NodeJS.ProcessEnv = process.env): ReaderKind {
  const named = asked ?? env[READERS_ENV];
  if (named === undefined || named === '') return onLinux ? 'proc' : 'portable';
  if (!(READER_KINDS as readonly string[]).includes(named)) throw new InvalidInput(`${READERS_ENV} must be one of ${READER_KINDS.join(', ')}, not ${named}`);
  if (named === 'proc' && !onLinux) throw new InvalidInput(`the proc readers need Linux's /proc; this is ${OS}`);
  return named as ReaderKind;
}

/** What each set can tell. */
export function readersInfo(kind: ReaderKind): ReadersInfo {
  return kind === 'proc'
    ? { kind, coreLoad: 'proc-stat', memoryMeasures: ['pss', 'uss', 'rss'], threadIds: true, unitCore: true, threadCpu: true }
    : // pidusage sees processes only (no thread, no core); RSS is the one measure every OS reports
      { kind, coreLoad: 'systeminformation', memoryMeasures: ['rss'], threadIds: false, unitCore: false, threadCpu: false };
}

export interface Readers {
  info: ReadersInfo;
  cores: CoreLoadReader;
  units: UnitReader;
  processMemory: ProcessMemoryReader;
}

export function createReaders(kind: ReaderKind): Readers {
  return { info: readersInfo(kind), cores: createCoreLoadReader(kind), units: new UnitReader(kind), processMemory: new ProcessMemoryReader(kind) };
}
