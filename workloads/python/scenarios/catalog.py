"""Every Python scenario, by its name, and where each mode's version starts (see workloads/scenarios/*.ts)."""
import asyncio

from scenarios import deadlock, first_completed, gather, gil, lock, race, semaphore
from processes import context
from scenarios.stage import Stage

SCENARIOS = {
    'race': race,
    'lock': lock,
    'deadlock': deadlock,
    'semaphore': semaphore,
    'gather': gather,
    'first-completed': first_completed,
    'gil': gil,
}
TAKE_LOCKS = ('lock', 'deadlock')  # their units tell the engine's deadlock watchdog what they hold and wait for


def run_scenario(spec, reporter, stops):
    """Runs the scenario in the spec's mode; returns its outcome (None: stopped, or decided by the engine)."""
    name = spec['scenario']['name']
    module = SCENARIOS[name]
    stage = Stage(spec, reporter, stops, uses_locks=name in TAKE_LOCKS)
    try:
        if spec['mode'] == 'thread':
            outcome = module.in_threads(stage)
        elif spec['mode'] == 'process':
            outcome = module.in_processes(stage, context)
        else:
            outcome = asyncio.run(module.in_tasks(stage))
    except (asyncio.CancelledError, Exception):
        if not stage.stopping.is_set():
            raise
        outcome = None
    return None if stage.stopping.is_set() else outcome
