"""
The kernels in Python: the same work as workloads/kernels/*.ts. A cpu block counts the primes in a
range by trial division, from the same start as the Node kernel; CPython is ~40x slower per number,
so a Python block covers 1/40 of the Node block's span and costs about the same time (~10 ms). --work
still means blocks in total, split across the units.
"""
import os
import time

BLOCK_START = 5_000_000
PY_BLOCK_SPAN = 1_500
PAGE = 4096
MB = 1024 * 1024


def count_primes(start, span):
    found = 0
    for n in range(start, start + span):
        if n < 2:
            continue
        if n % 2 == 0:
            found += n == 2
            continue
        d = 3
        while d * d <= n:
            if n % d == 0:
                break
            d += 2
        else:
            found += 1
    return found


def cpu_block():
    return count_primes(BLOCK_START, PY_BLOCK_SPAN)


def split_work(work, units):
    base, extra = divmod(work, units)
    return [base + (1 if i < extra else 0) for i in range(units)]


def allocate_touched(mb):
    buf = bytearray(int(mb * MB))  # zero pages cost nothing until written: touch each one
    for i in range(0, len(buf), PAGE):
        buf[i] = 1
    return buf


def thread_cpu_ms():
    return time.thread_time() * 1000


def process_cpu_ms(with_children=False):
    t = os.times()
    own = t.user + t.system
    return (own + (t.children_user + t.children_system if with_children else 0)) * 1000
