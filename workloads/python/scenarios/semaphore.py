"""
The article's Semaphore(3) with 7 jobs of 2 s: at most 3 hold a permit at once, so the jobs run in
waves of 3, 3 and 1, two seconds apart (--limit, --jobs, --job-seconds change the numbers).
"""
import asyncio

from scenarios.kit import AsyncSemaphore, Semaphore, asleep, sleep, wave_starts


def semaphore_func(s, seconds):
    s.acquire()
    sleep(seconds)
    s.release()


def outcome(options, s):
    gap_ms = options['jobSeconds'] * 1000 / 2
    return {
        'limit': options['limit'],
        'jobs': options['jobs'],
        'maxConcurrent': s.permits.peak,
        'waveStartsMs': wave_starts(s.permits.granted_at, gap_ms),
    }


def in_threads(stage):
    o = stage.options
    s = Semaphore(o['limit'])

    threads = [stage.thread(i, semaphore_func, args=(s, o['jobSeconds'])) for i in range(o['jobs'])]

    for t in threads:
        t.start()

    for t in threads:
        t.join()
    return outcome(o, s)


async def semaphore_task(s, seconds):
    await s.acquire()
    await asleep(seconds)
    s.release()


async def in_tasks(stage):
    o = stage.options
    s = AsyncSemaphore(o['limit'])
    await asyncio.gather(*[stage.task(i, semaphore_task(s, o['jobSeconds'])) for i in range(o['jobs'])])
    return outcome(o, s)
