/**
 * How a host is started: Node hosts are forked from dist/; Python hosts are workloads/python/host.py
 * run by the interpreter python-runtime.ts found. Both get the HostSpec in their arguments and Node's
 * IPC channel (newline-delimited JSON, which Python reads from the fd in NODE_CHANNEL_FD), so the run
 * treats them alike from here on: the same messages, stop, and kill. A host is told the engine's
 * readers in CORESCOPE_READERS, so that with the portable ones it measures itself as it would on
 * macOS or Windows (no thread ids, RSS) and the figures of one run agree.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { READERS_ENV, type ReaderKind } from '../../../contract/domain.js';
import { packSpec, type HostSpec } from '../../../contract/host-protocol.js';
import { hostScript, type HostScript } from '../paths.js';

/** What runs a run's hosts: a built Node host script, or the Python host with this interpreter. */
export type HostProgram = { script: HostScript } | { python: string };

const channel = { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] as const, serialization: 'json' as const };

export function launchHost(program: HostProgram, spec: HostSpec, readers?: ReaderKind): ChildProcess {
  const arg = packSpec(spec);
  const env = readers ? { ...process.env, [READERS_ENV]: readers } : process.env;
  if ('python' in program)
    // -B: no __pycache__ beside the sources (read-only in a packaged app)
    return spawn(program.python, ['-B', hostScript('python-host'), arg], { ...channel, env, stdio: [...channel.stdio] });
  return fork(hostScript(program.script), [arg], { ...channel, env, stdio: [...channel.stdio], execArgv: [] });
}
