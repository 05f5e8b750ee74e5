"""
What the article's code needs to show itself on CoreScope's timeline, with the article's names:
sleep(), Lock, Semaphore (and their asyncio twins) that report what the calling unit is doing -
waiting(io), waiting(lock) with what it holds and waits for, waiting(semaphore) - and give up when the
run is stopped. The calling unit is found through a context variable, so the scenarios' code stays as
the article wrote it.
"""
import asyncio
import contextvars
import threading
import time

current_unit = contextvars.ContextVar('current_unit')
STEP_S = 0.1  # how often a blocked unit looks up to see whether the run was stopped


class Cancelled(Exception):
    """The run was stopped while this unit waited."""


def sleep(seconds):
    unit = current_unit.get()
    unit.report('waiting(io)')
    if unit.stopping.wait(seconds):
        raise Cancelled
    unit.report('running')


async def asleep(seconds):
    unit = current_unit.get()
    unit.report('waiting(io)')
    await asyncio.sleep(seconds)
    unit.report('running')


class Lock:
    """threading.Lock (or multiprocessing.Lock, given as `lock`) that tells the engine who holds and who waits."""

    def __init__(self, name, lock=None):
        self.name = name
        self._lock = lock if lock is not None else threading.Lock()

    def acquire(self):
        unit = current_unit.get()
        if not self._lock.acquire(False):
            unit.report('waiting(lock)', waits_for=self.name)
            while not self._lock.acquire(True, STEP_S):
                if unit.stopping.is_set():
                    raise Cancelled
        unit.holds.append(self.name)
        unit.report('running')

    def release(self):
        unit = current_unit.get()
        unit.holds.remove(self.name)
        unit.report('running')  # said before the lock is free, so no report ever shows two holders
        self._lock.release()


class AsyncLock:
    """asyncio.Lock that tells the engine who holds and who waits."""

    def __init__(self, name):
        self.name = name
        self._lock = asyncio.Lock()

    async def acquire(self):
        unit = current_unit.get()
        if self._lock.locked():
            unit.report('waiting(lock)', waits_for=self.name)
        await self._lock.acquire()
        unit.holds.append(self.name)
        unit.report('running')

    def release(self):
        unit = current_unit.get()
        unit.holds.remove(self.name)
        unit.report('running')
        self._lock.release()


class Permits:
    """What a semaphore's holders did: how many at most at once, and when each got its permit."""

    def __init__(self):
        self._lock = threading.Lock()
        self.holding = 0
        self.peak = 0
        self.granted_at = []

    def got(self):
        with self._lock:
            self.holding += 1
            self.peak = max(self.peak, self.holding)
            self.granted_at.append(time.monotonic() * 1000)

    def gave_back(self):
        with self._lock:
            self.holding -= 1


class Semaphore:
    """threading.Semaphore that reports waiting(semaphore) and keeps count of its holders."""

    def __init__(self, value):
        self._semaphore = threading.Semaphore(value)
        self.permits = Permits()

    def acquire(self):
        unit = current_unit.get()
        unit.report('waiting(semaphore)')
        while not self._semaphore.acquire(True, STEP_S):
            if unit.stopping.is_set():
                raise Cancelled
        self.permits.got()
        unit.report('running')

    def release(self):
        current_unit.get().report('done')  # before the permit goes back: the next job's start never overlaps this end
        self.permits.gave_back()
        self._semaphore.release()


class AsyncSemaphore:
    def __init__(self, value):
        self._semaphore = asyncio.Semaphore(value)
        self.permits = Permits()

    async def acquire(self):
        unit = current_unit.get()
        unit.report('waiting(semaphore)')
        await self._semaphore.acquire()
        self.permits.got()
        unit.report('running')

    def release(self):
        current_unit.get().report('done')
        self.permits.gave_back()
        self._semaphore.release()


def wave_starts(times_ms, gap_ms):
    """Group permit times into waves (a time more than gap_ms after its wave's first opens a new one)."""
    waves = []
    for t in sorted(times_ms):
        if not waves or t - waves[-1] > gap_ms:
            waves.append(t)
    return [round(t - waves[0]) for t in waves]


def _cpu_at(trace, t):
    """A unit's CPU ms at time t from its (t, cpu) reports: linear between two, flat before the first and after the last."""
    if t <= trace[0][0]:
        return trace[0][1]
    for (t0, c0), (t1, c1) in zip(trace, trace[1:]):
        if t <= t1:
            return c0 + (c1 - c0) * (t - t0) / (t1 - t0) if t1 > t0 else c1
    return trace[-1][1]


def busy_cores_spread(traces, start_ms, end_ms, window_ms):
    """
    Cores the traced units kept busy in each whole window_ms of [start_ms, end_ms], as the lowest and
    the highest window: how steady a leg's mean is. None when the leg is shorter than one window.
    """
    traces = [t for t in traces if t]
    windows = []
    a = start_ms
    while traces and a + window_ms <= end_ms:
        b = a + window_ms
        windows.append(sum(_cpu_at(tr, b) - _cpu_at(tr, a) for tr in traces) / window_ms)
        a = b
    return {'min': round(min(windows), 2), 'max': round(max(windows), 2)} if windows else None
