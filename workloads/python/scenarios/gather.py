"""
The article's asyncio.gather of 10,000 hello()s, each awaiting asyncio.sleep(5): they wait together,
so the whole takes a little more than 5 s, not 10,000 x 5 s.
"""
import asyncio
import time

from scenarios.kit import current_unit


async def hello(seconds):
    current_unit.get().report('waiting(io)')
    await asyncio.sleep(seconds)  # give control back to the event loop while we wait


async def in_tasks(stage):
    o = stage.options
    start = time.time()
    await asyncio.gather(*[stage.task(i, hello(o['sleepS']), quiet_start=True) for i in range(o['tasks'])])
    end = time.time() - start
    return {'tasks': o['tasks'], 'sleepMs': o['sleepS'] * 1000, 'workload': 'io-sleep', 'wallMs': round(end * 1000)}
