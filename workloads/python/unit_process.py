"""What a unit process does first: let go of the engine's channel, and die with its host."""
import os
import signal

from link import HOST_PID, channel_fd
from oscalls import die_with_parent, name_own_process, start_method


def gone_without_saying(exitcode, stopping):
    """
    The state and reason of a unit process that ended without reporting how: a signal (kill -9, the
    OOM killer) is a kill whoever sent it; any other end is a failure unless the run was being stopped.
    """
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f'signal {-exitcode}'
        return 'killed', f'killed by {name}'
    return ('killed' if stopping else 'failed'), f'exit code {exitcode}'


def become_unit_process(name):
    if start_method() == 'fork':
        # only the host speaks to the engine; a spawned unit never had the channel (and its fd number
        # may be something else of its own by now)
        os.close(channel_fd())
    name_own_process(name)
    die_with_parent(HOST_PID)
