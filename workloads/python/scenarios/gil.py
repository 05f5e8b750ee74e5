"""
The GIL made visible: the same CPU work (the cpu kernel, for LEG_S seconds per unit) as 2 threads,
then as 2 processes, one leg after the other so that they don't compete for the cores. Each leg's
figure is its units' own CPU time summed, over the leg's wall time: in cores. Threads take turns
holding the GIL and keep about one core busy; processes have an interpreter each and keep two. Where
a free-threaded Python (python3.13t or newer) is on PATH, its threads get a third lane.
"""
import shutil
import subprocess
import sys
import time

from kernels import cpu_block
from reporter import HEARTBEAT_S
from scenarios.kit import Cancelled, current_unit

LEG_S = 3.0
UNITS = 2
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


def threads_leg(stage):
    start = time.monotonic()
    threads = [stage.thread(i, burn, args=(LEG_S,)) for i in range(UNITS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return busy_cores(stage, range(UNITS), time.monotonic() - start)


def processes_leg(stage):
    start = time.monotonic()
    processes = [stage.process(UNITS + i, burn, args=(LEG_S,)) for i in range(UNITS)]
    for p in processes:
        p.start()
    for p in processes:
        p.join()
    return busy_cores(stage, range(UNITS, 2 * UNITS), time.monotonic() - start)


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
    threads_busy = threads_leg(stage)
    processes_busy = processes_leg(stage)
    free_threaded_busy, free_threaded = free_threaded_leg(stage)
    return {
        'threadsBusyCores': threads_busy,
        'processesBusyCores': processes_busy,
        'freeThreadedBusyCores': free_threaded_busy,
        'freeThreaded': free_threaded,
        'legMs': round(LEG_S * 1000),
    }
