"""
The article's race condition: increase(10) and increase(20) each read the counter, sleep(0.1), and
write back what they read plus their amount; the second write overwrites the first, so the counter
ends at 20 (or 10), never 30. In processes the counter is a multiprocessing.Value, in tasks the sleep
is asyncio.sleep: the same lost update either way.
"""
import asyncio

from scenarios.kit import asleep, sleep

counter = 0


def increase(by):
    global counter

    local_counter = counter
    local_counter += by

    sleep(0.1)

    counter = local_counter


def in_threads(stage):
    t1 = stage.thread(0, increase, args=(10,))
    t2 = stage.thread(1, increase, args=(20,))

    t1.start()
    t2.start()

    t1.join()
    t2.join()
    return {'expected': 30, 'actual': counter}


def increase_shared(by, shared):
    local_counter = shared.value
    local_counter += by

    sleep(0.1)

    shared.value = local_counter


def in_processes(stage, context):
    shared = context.Value('i', 0, lock=False)
    p1 = stage.process(0, increase_shared, args=(10, shared))
    p2 = stage.process(1, increase_shared, args=(20, shared))

    p1.start()
    p2.start()

    p1.join()
    p2.join()
    return {'expected': 30, 'actual': shared.value}


async def increase_async(by):
    global counter

    local_counter = counter
    local_counter += by

    await asleep(0.1)

    counter = local_counter


async def in_tasks(stage):
    await asyncio.gather(stage.task(0, increase_async(10)), stage.task(1, increase_async(20)))
    return {'expected': 30, 'actual': counter}
