"""
The host's own memory as the engine defines it: PSS from /proc/self/smaps_rollup on Linux, RSS
elsewhere; and its peak, read once at the end from what the kernel keeps (nothing polls while units wait).
"""
import resource
import sys


def max_rss():
    """The peak resident set the kernel keeps for this process (bytes on macOS, KB elsewhere)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * (1 if sys.platform == 'darwin' else 1024)


def _rollup():
    fields = {}
    with open('/proc/self/smaps_rollup') as f:
        for line in f:
            name, _, rest = line.partition(':')
            if name in ('Rss', 'Pss'):
                fields[name] = int(rest.split()[0]) * 1024
    return fields


def own_memory():
    try:
        return _rollup()['Pss'], 'pss'
    except (OSError, KeyError):
        return max_rss(), 'rss'


def peak_memory():
    """
    The peak since start: PSS now plus the pages that were resident at the peak and are not now (they
    were this process's own). A 100 ms watcher thread did this before, at a cost in every idle unit.
    """
    try:
        r = _rollup()
        return r['Pss'] + max(0, max_rss() - r['Rss'])
    except (OSError, KeyError):
        return max_rss()
