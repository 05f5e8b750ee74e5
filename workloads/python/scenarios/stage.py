"""
Where a scenario's units run: Unit is one unit as the engine sees it (its reports, what it holds);
Stage starts the scenario's functions as threading.Thread, multiprocessing.Process or asyncio tasks,
each wrapped so that it reports running, then how it ended, and hears the engine's stop.
"""
import asyncio
import os
import threading
import time

from kernels import process_cpu_ms, thread_cpu_ms
from oscalls import main_tid, name_own_thread, own_tid
from processes import context
from reporter import FINAL, now_ms
from scenarios.kit import Cancelled, current_unit
from unit_process import become_unit_process, gone_without_saying


class Unit:
    def __init__(self, index, emit, stopping, uses_locks, clock=None):
        self.index = index
        self.holds = []
        self.stopping = stopping
        self.ended = False
        self._emit = emit
        self._uses_locks = uses_locks
        self._clock = clock  # its own CPU ms, where it has a thread or a process of its own

    def report(self, state, waits_for=None, error=None):
        if self.ended:
            return
        self.ended = state in FINAL
        r = {'unitId': self.index, 'state': state, 't': now_ms(), 'pid': os.getpid(), 'tid': own_tid()}
        if self._clock:
            r['cpuMs'] = self._clock()
        if self._uses_locks:
            r['detail'] = {'holds': list(self.holds), 'waitsFor': waits_for}
        if error:
            r['error'] = error
        self._emit(r)


def run_body(unit, target, args):
    current_unit.set(unit)
    unit.report('running')
    try:
        target(*args)
        unit.report('cancelled' if unit.stopping.is_set() else 'done')
    except Cancelled:
        unit.report('cancelled')
    except Exception as e:  # noqa: BLE001 - a unit's failure is reported, not raised
        unit.report('failed', error=str(e))


def process_main(index, target, args, stopping, reports, uses_locks):
    become_unit_process(f'cs-p{index}')
    run_body(Unit(index, reports.put, stopping, uses_locks, process_cpu_ms), target, args)


class UnitProcess(context.Process):
    """A multiprocessing.Process whose join() also tells the engine if it died without saying how it ended."""

    def join(self, timeout=None):
        super().join(timeout)
        if self.exitcode is not None:
            self.stage.ended_or_killed(self)

    def __getstate__(self):
        # spawn pickles the Process object for its child: the stage (threads, queues' locks) stays in the host
        state = self.__dict__.copy()
        state.pop('stage', None)
        return state


class Stage:
    def __init__(self, spec, reporter, stops, uses_locks=False):
        self.options = spec['scenario']['options']
        self.reporter = reporter
        self.uses_locks = uses_locks
        self.stopping = threading.Event()
        self.last_cpu_ms = {}
        # unitId → [(t ms, cpu ms)] from its reports, kept only for scenarios that ask (trace_cpu)
        self.cpu_traces = None
        self.ended = set()
        self._process_stopping = None
        self._reports = None
        self._tasks = []
        self._loop = None
        stops.on_stop(self._stop)

    def emit(self, report):
        if 'cpuMs' in report:
            self.last_cpu_ms[report['unitId']] = report['cpuMs']
            if self.cpu_traces is not None:
                self.cpu_traces.setdefault(report['unitId'], []).append((report['t'], report['cpuMs']))
        if report['state'] in FINAL:
            self.ended.add(report['unitId'])
        self.reporter.push(report)

    def trace_cpu(self):
        """Keep every unit's (time, CPU) reports from now on, for figures over windows of a run."""
        self.cpu_traces = {}

    def _stop(self):
        self.stopping.set()
        if self._process_stopping is not None:
            self._process_stopping.set()
        if self._loop is not None:
            self._loop.call_soon_threadsafe(lambda: [t.cancel() for t in self._tasks])

    def thread(self, index, target, args=()):
        """threading.Thread(target=target, args=args), as a unit named cs-t<index>."""

        def body():
            name_own_thread(f'cs-t{index}')
            run_body(Unit(index, self.emit, self.stopping, self.uses_locks, thread_cpu_ms), target, args)

        return threading.Thread(target=body, name=f'cs-t{index}')

    def process(self, index, target, args=()):
        """multiprocessing.Process(target=target, args=args), as a unit; its reports come back over a queue."""
        if self._reports is None:
            self._process_stopping = context.Event()
            self._reports = context.SimpleQueue()
            threading.Thread(target=self._relay, name='cs-relay', daemon=True).start()
        p = UnitProcess(target=process_main, args=(index, target, args, self._process_stopping, self._reports, self.uses_locks), daemon=True)
        p.stage = self
        p.unit_index = index
        return p

    def _relay(self):
        while True:
            self.emit(self._reports.get())

    def ended_or_killed(self, process, wait_s=0.2):
        """After join(): a process gone without saying how it ended was killed (or crashed)."""
        deadline = time.monotonic() + wait_s  # its last report may still be in the queue
        while process.unit_index not in self.ended and time.monotonic() < deadline:
            time.sleep(0.01)
        if process.unit_index not in self.ended:
            state, reason = gone_without_saying(process.exitcode, self.stopping.is_set())
            self.emit({'unitId': process.unit_index, 'state': state, 't': now_ms(), 'pid': process.pid, 'tid': main_tid(process.pid), 'error': reason})

    def task(self, index, coroutine, quiet_start=False):
        """asyncio.create_task(coroutine) as a unit; quiet_start: its body reports first (10,000 tasks, one report each)."""
        unit = Unit(index, self.emit, self.stopping, self.uses_locks)

        async def body():
            current_unit.set(unit)
            if not quiet_start:
                unit.report('running')
            try:
                result = await coroutine
                unit.report('done')
                return result
            except asyncio.CancelledError:
                unit.report('cancelled')
                raise
            except Exception as e:  # noqa: BLE001
                unit.report('failed', error=str(e))
                raise

        self._loop = asyncio.get_running_loop()
        task = asyncio.create_task(body())
        self._tasks.append(task)
        if self.stopping.is_set():
            task.cancel()
        return task
