"""
The race with a Lock held from the read to the write, as in the article: the second unit waits for
the lock while the first holds it, reads only after the first has written, and the counter ends at 30.
"""
import asyncio

from scenarios.kit import AsyncLock, Lock, asleep, sleep

counter = 0


def increase(by, lock):
    global counter

    lock.acquire()

    local_counter = counter
    local_counter += by

    sleep(0.1)

    counter = local_counter

    lock.release()


def in_threads(stage):
    lock = Lock('counter')

    t1 = stage.thread(0, increase, args=(10, lock,))
    t2 = stage.thread(1, increase, args=(20, lock,))

    t1.start()
    t2.start()

    t1.join()
    t2.join()
    return {'expected': 30, 'actual': counter}


def increase_shared(by, lock, shared):
    lock.acquire()

    local_counter = shared.value
    local_counter += by

    sleep(0.1)

    shared.value = local_counter

    lock.release()


def in_processes(stage, context):
    lock = Lock('counter', context.Lock())
    shared = context.Value('i', 0, lock=False)

    p1 = stage.process(0, increase_shared, args=(10, lock, shared))
    p2 = stage.process(1, increase_shared, args=(20, lock, shared))

    p1.start()
    p2.start()

    p1.join()
    p2.join()
    return {'expected': 30, 'actual': shared.value}


async def increase_async(by, lock):
    global counter

    await lock.acquire()

    local_counter = counter
    local_counter += by

    await asleep(0.1)

    counter = local_counter

    lock.release()


async def in_tasks(stage):
    lock = AsyncLock('counter')
    await asyncio.gather(stage.task(0, increase_async(10, lock)), stage.task(1, increase_async(20, lock)))
    return {'expected': 30, 'actual': counter}
