/**
 * How a host is started: Node hosts are forked from dist/; Python hosts are workloads/python/host.py
 * run by the interpreter python-runtime.ts found. Both get the HostSpec in their arguments and Node's
 * IPC channel (newline-delimited JSON, which Python reads from the fd in NODE_CHANNEL_FD), so the run
 * treats them alike from here on: the same messages, stop, and kill.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { packSpec, type HostSpec } from '../../../contract/host-protocol.js';
import { hostScript, type HostScript } from '../paths.js';

/** What runs a run's hosts: a built Node host script, or the Python host with this interpreter. */
export type HostProgram = { script: HostScript } | { python: string };

const channel = { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] as const, serialization: 'json' as const };

export function launchHost(program: HostProgram, spec: HostSpec): ChildProcess {
  const arg = packSpec(spec);
  if ('python' in program)
    // -B: no __pycache__ beside the sources (read-only in a packaged app)
    return spawn(program.python, ['-B', hostScript('python-host'), arg], { ...channel, stdio: [...channel.stdio] });
  return fork(hostScript(program.script), [arg], { ...channel, stdio: [...channel.stdio], execArgv: [] });
}
