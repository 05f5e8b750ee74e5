"""
The article's asyncio.wait(return_when=FIRST_COMPLETED): hello (5 s) and bye (2 s) start together;
bye finishes first, its result is taken, and hello, still pending, is cancelled.
"""
import asyncio
import time

from scenarios.kit import asleep

NAMES = ['hello', 'bye']
SECONDS = [5, 2]


async def hello():
    await asleep(SECONDS[0])
    return 'hello'


async def bye():
    await asleep(SECONDS[1])
    return 'bye'


async def in_tasks(stage):
    start = time.time()
    tasks = [stage.task(0, hello()), stage.task(1, bye())]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    result = done.pop().result()
    wall_ms = round((time.time() - start) * 1000)

    cancel_at_ms = (time.time() - start) * 1000
    for pending_future in pending:
        pending_future.cancel()
    if pending:
        await asyncio.wait(pending)  # until hello has taken its cancellation

    cancelled = [i for i, t in enumerate(tasks) if t.cancelled()]
    # what each cancelled task still had to wait: the time the cancel took from it
    lost = {NAMES[i]: max(0, round(SECONDS[i] * 1000 - cancel_at_ms)) for i in cancelled}
    return {'winner': result, 'cancelled': [NAMES[i] for i in cancelled], 'wallMs': wall_ms, 'lostMs': lost}
