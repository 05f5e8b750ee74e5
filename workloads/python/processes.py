"""
Process mode: N multiprocessing.Process units, as the article starts them. Each unit sends its reports
back over a SimpleQueue; a relay thread in the host passes them on to the engine.
"""
import multiprocessing
import os
import threading

from kernels import process_cpu_ms
from memory import peak_memory
from oscalls import main_tid, start_method
from reporter import FINAL, now_ms
from unit import run_unit
from unit_process import become_unit_process, gone_without_saying

# the start method named, not left to the interpreter's default (see oscalls.start_method)
context = multiprocessing.get_context(start_method())


def process_unit(spec, unit_id, index, stopping, reports):
    become_unit_process(f'cs-p{unit_id}')
    pid = os.getpid()

    def report(state, error=None):
        peak = peak_memory()  # a process of its own: its memory is its own, not the host's
        r = {'unitId': unit_id, 'state': state, 't': now_ms(), 'pid': pid, 'tid': main_tid(pid), 'cpuMs': process_cpu_ms(), 'peakBytes': peak}
        reports.put(r if error is None else {**r, 'error': error})

    run_unit(spec, index, stopping, report)


def relay(reports, reporter, ended):
    while (r := reports.get()) is not None:
        if r['state'] in FINAL:
            ended.add(r['unitId'])
        reporter.push(r)


def run_processes(spec, reporter, stops):
    stopping = context.Event()
    stops.on_stop(stopping.set)
    reports = context.SimpleQueue()
    ended = set()
    relaying = threading.Thread(target=relay, args=(reports, reporter, ended), name='cs-relay', daemon=True)
    relaying.start()
    units = [
        (u, context.Process(target=process_unit, args=(spec, u, i, stopping, reports), name=f'cs-p{u}', daemon=True))
        for i, u in enumerate(spec['unitIds'])
    ]
    for _, p in units:
        p.start()
    for _, p in units:
        p.join()
    reports.put(None)
    relaying.join()
    for u, p in units:  # gone without saying how it ended: killed (or crashed)
        if u not in ended:
            state, reason = gone_without_saying(p.exitcode, stopping.is_set())
            reporter.push({'unitId': u, 'state': state, 't': now_ms(), 'pid': p.pid, 'tid': main_tid(p.pid), 'error': reason})
