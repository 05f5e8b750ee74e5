"""
The GIL made visible: the same CPU work (the cpu kernel, for LEG_S seconds per unit) as 2 threads,
then as 2 processes, one leg after the other so that they don't compete for the cores. Each leg's
figure is its units' own CPU time summed, over the leg's wall time: in cores, with the lowest and highest
half second of the leg beside it (from the units' own CPU reports), so a reader sees how steady it was. Threads take turns
holding the GIL and keep about one core busy; processes have an interpreter each and keep two. Where
a free-threaded Python (python3.13t or newer) is on PATH, its threads get a third lane.
"""
import shutil
import subprocess
import sys
import time

from kernels import cpu_block
from reporter import HEARTBEAT_S, now_ms
from scenarios.kit import Cancelled, busy_cores_spread, current_unit

LEG_S = 3.0
UNITS = 2
WINDOW_MS = 500
FREE_THREADED = ('python3.13t', 'python3.14t', 'python3.15t')


def burn(seconds):
    """The cpu kernel for a while, with a heartbeat so the timeline shows the unit busy."""
    unit = current_unit.get()
    end = last_beat = time.monotonic()
    end += seconds
    while time.monotonic() < end:
        if unit.stopping.is_set():
            raise Cancelled
        cpu_block()
        if time.monotonic() - last_beat >= HEARTBEAT_S:
            last_beat = time.monotonic()
            unit.report('running')


def busy_cores(stage, indexes, wall_s):
    return round(sum(stage.last_cpu_ms.get(i, 0) for i in indexes) / 1000 / wall_s, 2)


def run_leg(stage, indexes, make_unit):
    """Start the leg's units and wait for them: its busy cores, and their lowest and highest window."""
    units = [make_unit(i) for i in indexes]
    start, start_ms = time.monotonic(), now_ms()
    for u in units:
        u.start()
    for u in units:
        u.join()
    busy = busy_cores(stage, indexes, time.monotonic() - start)
    return busy, busy_cores_spread([stage.cpu_traces.get(i) for i in indexes], start_ms, now_ms(), WINDOW_MS)


def threads_leg(stage):
    return run_leg(stage, range(UNITS), lambda i: stage.thread(i, burn, args=(LEG_S,)))


def processes_leg(stage):
    return run_leg(stage, range(UNITS, 2 * UNITS), lambda i: stage.process(i, burn, args=(LEG_S,)))


# the threads leg again, in another interpreter: it prints its busy cores
FREE_THREADED_LEG = f'''
import sys, threading, time
sys.path.insert(0, {sys.path[0]!r})
from kernels import cpu_block
def burn():
    end = time.monotonic() + {LEG_S}
    while time.monotonic() < end:
        cpu_block()
    cpu[threading.get_ident()] = time.thread_time()
cpu = {{}}
start = time.monotonic()
threads = [threading.Thread(target=burn) for _ in range({UNITS})]
for t in threads: t.start()
for t in threads: t.join()
print(round(sum(cpu.values()) / (time.monotonic() - start), 2))
'''


def free_threaded_leg(stage):
    python = next(filter(None, map(shutil.which, FREE_THREADED)), None)
    if python is None:
        return None, 'no free-threaded Python (python3.13t or newer) on PATH'
    if stage.stopping.is_set():
        return None, 'stopped'
    try:
        out = subprocess.run([python, '-c', FREE_THREADED_LEG], capture_output=True, text=True, timeout=LEG_S * 5, check=True)
        return float(out.stdout.strip()), python
    except (subprocess.SubprocessError, ValueError) as e:
        return None, f'{python} failed: {e}'


def in_threads(stage):
    stage.trace_cpu()
    threads_busy, threads_spread = threads_leg(stage)
    processes_busy, processes_spread = processes_leg(stage)
    free_threaded_busy, free_threaded = free_threaded_leg(stage)
    return {
        'threadsBusyCores': threads_busy,
        'processesBusyCores': processes_busy,
        'threadsBusyCoresSpread': threads_spread,
        'processesBusyCoresSpread': processes_spread,
        'freeThreadedBusyCores': free_threaded_busy,
        'freeThreaded': free_threaded,
        'legMs': round(LEG_S * 1000),
    }
