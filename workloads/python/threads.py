"""Thread mode: one process, N threading.Thread units, each an OS thread of its own (named cs-t<id>)."""
import os
import threading

from kernels import thread_cpu_ms
from oscalls import name_own_thread, own_tid
from reporter import now_ms
from unit import run_unit


def run_threads(spec, reporter, stops):
    stopping = threading.Event()
    stops.on_stop(stopping.set)

    def thread_unit(unit_id, index):
        name_own_thread(f'cs-t{unit_id}')
        tid = own_tid()

        def report(state, error=None):
            r = {'unitId': unit_id, 'state': state, 't': now_ms(), 'pid': os.getpid(), 'tid': tid, 'cpuMs': thread_cpu_ms()}
            reporter.push(r if error is None else {**r, 'error': error})

        run_unit(spec, index, stopping, report)

    threads = [threading.Thread(target=thread_unit, args=(u, i), name=f'cs-t{u}') for i, u in enumerate(spec['unitIds'])]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
