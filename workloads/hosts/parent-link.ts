/**
 * A host's line to the engine that forked it: sends HostMessages, hears "stop", and ends the host the
 * moment the engine is gone (IPC disconnect; a parent-pid check as a fallback for when the channel
 * cannot tell), so that no unit outlives the app or the CLI that started it.
 */
import { unpackSpec, type EngineMessage, type HostMessage, type UnitToCoordinator } from '../../contract/host-protocol.js';

/** A host talks to the engine; a scenario unit process talks to its coordinator. */
type ToParent = HostMessage | UnitToCoordinator;

/** a fallback only (the disconnect event is the real signal), so once a second is enough and costs nothing */
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
  process.on('disconnect', onOrphaned);
  const timer = setInterval(() => {
    if (process.ppid !== parent) onOrphaned();
  }, PARENT_CHECK_MS);
  timer.unref();
  // killed while this process was still starting: its 'disconnect' was emitted before anyone listened,
  // and its new parent is the pid read above, so neither check would ever fire (the kill matrix found it)
  if (process.send && !process.connected) setImmediate(onOrphaned);
  process.on('message', (m: EngineMessage) => {
    if (m?.kind === 'stop') onStop();
  });
  process.on('SIGTERM', onStop);
}

export function readSpec<T>(): T {
  const raw = process.argv[2];
  if (!raw) throw new Error('host started without a spec');
  return unpackSpec<T>(raw);
}
