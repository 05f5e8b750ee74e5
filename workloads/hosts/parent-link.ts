/**
 * A host's line to the engine that forked it: sends HostMessages, hears "stop", and ends the host the
 * moment the engine is gone, so that no unit outlives the app or the CLI that started it. This is the
 * parent-death watch of the Node hosts, on every platform:
 * - the IPC channel's 'disconnect' (a socketpair on Linux and macOS, a named pipe on Windows: the OS
 *   closes it when the engine dies, even by SIGKILL);
 * - a poll of the parent only where the channel's close is not proven, or there is no channel: on
 *   Windows (no kill matrix runs there) it asks whether the parent's pid still exists
 *   (process.kill(pid, 0), OpenProcess underneath); without a channel, on Linux and macOS, whether the
 *   process was re-parented (process.ppid changed). On Linux the kill matrix proves the close for
 *   every host kind, and a poll would wake every idle host once a second, which the kernel's
 *   tick-based accounting charges as real CPU: 32 idle hosts read 1.2 % of a core, the same as 32
 *   plain Node processes that only run a 1 s interval (measured side by side).
 */
import { unpackSpec, type EngineMessage, type HostMessage, type UnitToCoordinator } from '../../contract/host-protocol.js';

/** A host talks to the engine; a scenario unit process talks to its coordinator. */
type ToParent = HostMessage | UnitToCoordinator;

/** a fallback only (the disconnect event is the real signal), so once a second is enough */
const PARENT_CHECK_MS = 1000;

export function send(msg: ToParent): void {
  if (process.connected) process.send?.(msg);
}

/** Send and wait until the message has been handed to the channel (before a disconnect drops it). */
export function sendAndDrain(msg: ToParent): Promise<void> {
  return new Promise((resolve) => {
    if (!process.connected || !process.send) return resolve();
    process.send(msg, undefined, {}, () => resolve());
  });
}

export function watchParent(onStop: () => void, onOrphaned: () => void = () => process.exit(137)): void {
  const parent = process.ppid;
  const gone = process.platform === 'win32' ? () => !exists(parent) : () => process.ppid !== parent;
  process.on('disconnect', onOrphaned);
  if (!process.send || process.platform === 'win32') {
    const timer = setInterval(() => {
      if (gone()) onOrphaned();
    }, PARENT_CHECK_MS);
    timer.unref();
  }
  // killed while this process was still starting: its 'disconnect' was emitted before anyone listened,
  // and its new parent is the pid read above, so neither check would ever fire (the kill matrix found it)
  if (process.send && !process.connected) setImmediate(onOrphaned);
  process.on('message', (m: EngineMessage) => {
    if (m?.kind === 'stop') onStop();
  });
  process.on('SIGTERM', onStop);
}

function exists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // there, but not ours to signal
  }
}

export function readSpec<T>(): T {
  const raw = process.argv[2];
  if (!raw) throw new Error('host started without a spec');
  return unpackSpec<T>(raw);
}
