"""
Async mode: N asyncio tasks on one event loop in one thread. A cpu task gives the loop back between
blocks (await asyncio.sleep(0)), so the tasks take turns; each counts only its own slices as its CPU.
"""
import asyncio
import os
import time

from kernels import allocate_touched, cpu_block
from oscalls import main_tid
from reporter import HEARTBEAT_S, now_ms
from unit import DEFAULT_DURATION_S, planned_duration


async def sleep_unless_stopped(stopped, seconds):
    try:
        await asyncio.wait_for(stopped.wait(), seconds)
    except asyncio.TimeoutError:
        pass


async def task_unit(spec, unit_id, index, stopped, reporter):
    cpu_ms = 0.0
    pid = os.getpid()

    def report(state, error=None):
        r = {'unitId': unit_id, 'state': state, 't': now_ms(), 'pid': pid, 'tid': main_tid(pid), 'cpuMs': cpu_ms}
        reporter.push(r if error is None else {**r, 'error': error})

    duration_s = planned_duration(spec)
    try:
        if spec['workload'] == 'cpu':
            report('running')
            blocks = spec['workPerUnit'][index] if spec.get('workPerUnit') else None
            deadline = time.monotonic() + duration_s if duration_s else float('inf')
            done, last_beat = 0, time.monotonic()
            while (blocks is None or done < blocks) and time.monotonic() < deadline and not stopped.is_set():
                t = time.thread_time()
                cpu_block()
                cpu_ms += (time.thread_time() - t) * 1000
                done += 1
                if time.monotonic() - last_beat >= HEARTBEAT_S:
                    last_beat = time.monotonic()
                    report('running')
                await asyncio.sleep(0)
        elif spec['workload'] == 'io-sleep':
            report('waiting(io)')
            await sleep_unless_stopped(stopped, duration_s or DEFAULT_DURATION_S)
        elif spec['workload'] == 'mem':
            report('running')
            held = allocate_touched(spec.get('mb') or 0)
            report('waiting(io)')
            await sleep_unless_stopped(stopped, duration_s or DEFAULT_DURATION_S)
            del held
        report('cancelled' if stopped.is_set() else 'done')
    except Exception as e:  # noqa: BLE001 - any failure of a unit is reported, not raised
        report('failed', error=str(e))


def stop_event(stops):
    """An asyncio.Event that the link's thread can set."""
    stopped = asyncio.Event()
    loop = asyncio.get_running_loop()
    stops.on_stop(lambda: loop.call_soon_threadsafe(stopped.set))
    return stopped


async def run_tasks(spec, reporter, stops):
    stopped = stop_event(stops)
    await asyncio.gather(*[task_unit(spec, u, i, stopped, reporter) for i, u in enumerate(spec['unitIds'])])
