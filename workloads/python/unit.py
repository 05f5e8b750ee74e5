"""
One unit of a plain workload, the same code in a thread and in a process: run the kernel and tell
`report` each change of state, with a heartbeat while busy. `stopping` is a threading.Event or a
multiprocessing.Event: set when the run is stopped.
"""
import time

from fault import raise_if_unit_fault
from kernels import allocate_touched, cpu_block
from reporter import HEARTBEAT_S

DEFAULT_DURATION_S = 5


def planned_duration(spec):
    return spec.get('durationS') or (None if spec.get('workPerUnit') else DEFAULT_DURATION_S)


def run_cpu(blocks, duration_s, stopping, beat):
    deadline = time.monotonic() + duration_s if duration_s else float('inf')
    done = 0
    last_beat = time.monotonic()
    while (blocks is None or done < blocks) and time.monotonic() < deadline and not stopping.is_set():
        cpu_block()
        done += 1
        if time.monotonic() - last_beat >= HEARTBEAT_S:
            last_beat = time.monotonic()
            beat()


def run_unit(spec, index, stopping, report):
    duration_s = planned_duration(spec)
    try:
        if spec['workload'] == 'cpu':
            report('running')
            raise_if_unit_fault()
            blocks = spec['workPerUnit'][index] if spec.get('workPerUnit') else None
            run_cpu(blocks, duration_s, stopping, lambda: report('running'))
        elif spec['workload'] == 'io-sleep':
            report('waiting(io)')
            stopping.wait(duration_s or DEFAULT_DURATION_S)
        elif spec['workload'] == 'mem':
            report('running')
            held = allocate_touched(spec.get('mb') or 0)
            report('waiting(io)')
            stopping.wait(duration_s or DEFAULT_DURATION_S)
            del held
        report('cancelled' if stopping.is_set() else 'done')
    except Exception as e:  # noqa: BLE001 - any failure of a unit is reported, not raised
        report('failed', error=str(e))
