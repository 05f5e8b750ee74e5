"""What a forked unit process does first: let go of the engine's channel, and die with its host."""
import ctypes
import os
import signal

from link import HOST_PID, channel_fd

PR_SET_PDEATHSIG = 1


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
    os.close(channel_fd())  # only the host speaks to the engine
    try:
        with open('/proc/self/comm', 'w') as f:
            f.write(name[:15])
    except OSError:
        pass
    try:
        # Linux: SIGKILL this unit the moment its host dies, even by SIGKILL (daemon=True covers only a clean exit)
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
    if os.getppid() != HOST_PID:
        os._exit(137)  # the host died before we could ask
