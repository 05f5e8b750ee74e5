/**
 * Runs a scenario unit as an async task on the coordinator's own event loop. It aborts with `shared`
 * (the run's controller) unless it has to be cancellable alone: then it gets an AbortController of its own.
 */
import { mainThreadId } from '../os-thread.js';
import type { Commons } from '../../sync/commons.js';
import { preparedUnit } from './scenario-kit.js';
import type { LaunchedUnit, UnitListener, UnitStart } from './scenario-launch.js';

export function startTaskUnit(start: UnitStart, commons: Commons, listener: UnitListener, shared: AbortController | null): LaunchedUnit {
  const abort = shared ?? new AbortController();
  const unit = preparedUnit(start, commons, {
    signal: abort.signal,
    pid: process.pid,
    tid: mainThreadId(process.pid),
    emit: listener.onReport,
    arrive: listener.onArrive,
  });
  const exited = unit.run().then(() => ({ code: 0, signal: null }));
  const stop = () => abort.abort();
  // a task can't be killed: aborting is all there is (a task stuck on a lock is left behind with its host)
  return { go: unit.go, cancel: stop, kill: stop, exited };
}
