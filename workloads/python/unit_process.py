"""What a unit process does first: let go of the engine's channel, and die with its host."""
import os

from link import HOST_PID, channel_fd
from oscalls import die_with_parent, name_own_process, start_method


def become_unit_process(name):
    if start_method() == 'fork':
        # only the host speaks to the engine; a spawned unit never had the channel (and its fd number
        # may be something else of its own by now)
        os.close(channel_fd())
    name_own_process(name)
    die_with_parent(HOST_PID)
