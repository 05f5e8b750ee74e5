"""
The article's deadlock: function_a takes a_lock, sleeps 1 s, then wants b_lock; function_b takes b_lock,
then wants a_lock. Each holds what the other waits for. The units report what they hold and wait
for; the engine's watchdog sees the cycle and stops them. Variant self: one Lock taken twice.
"""
import asyncio

from scenarios.kit import AsyncLock, Lock, asleep, sleep


def function_a(a_lock, b_lock):
    a_lock.acquire()
    sleep(1)
    b_lock.acquire()

    sleep(1)

    a_lock.release()
    b_lock.release()


def function_b(a_lock, b_lock):
    b_lock.acquire()
    a_lock.acquire()

    sleep(1)

    b_lock.release()
    a_lock.release()


def function_a_self(a_lock, _):
    a_lock.acquire()
    a_lock.acquire()  # a Lock is not reentrant: this thread waits for itself


def functions(stage):
    return [function_a_self] if stage.options.get('variant') == 'self' else [function_a, function_b]


def in_threads(stage):
    a_lock = Lock('A')
    b_lock = Lock('B')

    threads = [stage.thread(i, f, args=(a_lock, b_lock)) for i, f in enumerate(functions(stage))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return None  # the engine's watchdog decides


def in_processes(stage, context):
    a_lock = Lock('A', context.Lock())
    b_lock = Lock('B', context.Lock())

    processes = [stage.process(i, f, args=(a_lock, b_lock)) for i, f in enumerate(functions(stage))]
    for p in processes:
        p.start()
    for p in processes:
        p.join()
    return None


async def function_a_async(a_lock, b_lock):
    await a_lock.acquire()
    await asleep(1)
    await b_lock.acquire()


async def function_b_async(a_lock, b_lock):
    await b_lock.acquire()
    await a_lock.acquire()


async def function_a_self_async(a_lock, _):
    await a_lock.acquire()
    await a_lock.acquire()


async def in_tasks(stage):
    a_lock = AsyncLock('A')
    b_lock = AsyncLock('B')
    bodies = [function_a_self_async] if stage.options.get('variant') == 'self' else [function_a_async, function_b_async]
    await asyncio.gather(*[stage.task(i, f(a_lock, b_lock)) for i, f in enumerate(bodies)], return_exceptions=True)
    return None
