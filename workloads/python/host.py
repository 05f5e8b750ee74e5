"""
A Python workload host, started by the engine with one HostSpec (JSON in argv[1]) and Node's IPC
channel: the same protocol as the Node hosts (workloads/protocol.ts). Says hello with its idle memory,
runs its units as processes, threads or asyncio tasks (or one of the article's scenarios), and says
bye with its peak memory and CPU time.
"""
import asyncio
import json
import os
import signal
import sys

import link
from fault import crash_host_if_asked
from kernels import process_cpu_ms
from memory import own_memory, peak_memory
from oscalls import lead_process_group
from reporter import Reporter
from stops import Stops


def run(spec, reporter, stops):
    # each mode's code is imported on demand: a host loads only what it runs
    if spec.get('scenario'):
        from scenarios.catalog import run_scenario
        outcome = run_scenario(spec, reporter, stops)
        reporter.flush()  # the units' last states before the verdict
        if outcome is not None and not stops.fired:
            link.send({'kind': 'outcome', 'outcome': outcome})
    elif spec['mode'] == 'thread':
        from threads import run_threads
        run_threads(spec, reporter, stops)
    elif spec['mode'] == 'process':
        from processes import run_processes
        run_processes(spec, reporter, stops)
    else:
        from tasks import run_tasks
        asyncio.run(run_tasks(spec, reporter, stops))


def main():
    lead_process_group()  # when the engine is gone, link.orphaned() ends the host with its units
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the CLI's to handle: it sends stop
    spec = json.loads(sys.argv[1])
    if 'unitIds' not in spec:  # ids 0…n-1 travel as their count (see packSpec in contract/host-protocol.ts)
        spec['unitIds'] = list(range(spec.pop('unitCount')))
    reporter = Reporter()
    stops = Stops()
    link.listen(stops.fire)
    signal.signal(signal.SIGTERM, stops.fire)
    baseline, measure = own_memory()
    link.send({'kind': 'hello', 'pid': os.getpid(), 'baselineBytes': baseline, 'measure': measure})
    crash_host_if_asked()  # tests only: an uncaught exception, its traceback on stderr
    run(spec, reporter, stops)
    reporter.flush()
    link.send({'kind': 'bye', 'peakBytes': peak_memory(), 'cpuMs': process_cpu_ms(with_children=True)})


if __name__ == '__main__':
    main()
