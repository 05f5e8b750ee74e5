"""
Faults a test can inject (as workloads/hosts/fault.ts, the same variable): CORESCOPE_INJECT_FAULT=
unit-throws makes each unit raise once it runs; =host-crashes makes the host die of an uncaught
exception before its units start. Unset (always, outside tests): nothing happens.
"""
import os


def injected_fault():
    f = os.environ.get('CORESCOPE_INJECT_FAULT')
    return f if f in ('unit-throws', 'host-crashes') else None


def raise_if_unit_fault():
    if injected_fault() == 'unit-throws':
        raise RuntimeError('injected fault: the unit raised')


def crash_host_if_asked():
    if injected_fault() == 'host-crashes':
        raise RuntimeError('injected fault: the host crashed')
