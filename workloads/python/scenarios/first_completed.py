"""
The article's asyncio.wait(return_when=FIRST_COMPLETED): hello (5 s) and bye (2 s) start together;
bye finishes first, its result is taken, and hello, still pending, is cancelled.
"""
import asyncio
import time

from scenarios.kit import asleep


async def hello():
    await asleep(5)
    return 'hello'


async def bye():
    await asleep(2)
    return 'bye'


async def in_tasks(stage):
    start = time.time()
    tasks = [stage.task(0, hello()), stage.task(1, bye())]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    result = done.pop().result()
    wall_ms = round((time.time() - start) * 1000)

    for pending_future in pending:
        pending_future.cancel()
    if pending:
        await asyncio.wait(pending)  # until hello has taken its cancellation

    return {'winner': result, 'cancelled': [['hello', 'bye'][i] for i, t in enumerate(tasks) if t.cancelled()], 'wallMs': wall_ms}
