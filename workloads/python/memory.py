"""
Memory measure, the Python host's side: its own memory as the engine defines it, and its peak, read
once at the end from what the kernel keeps (nothing polls while units wait).
- Linux with the proc readers: PSS from /proc/self/smaps_rollup.
- Linux with the portable readers (CORESCOPE_READERS=portable): RSS from /proc/self/statm, the figure
  pidusage gives the engine on Linux.
- macOS: the peak RSS getrusage keeps (ru_maxrss, in bytes there); the stdlib has no current RSS.
- Windows: the working set, GetProcessMemoryInfo (psapi, via kernel32's K32 export); no resource module.
"""
import os
import sys

LINUX = sys.platform.startswith('linux')
PORTABLE = os.environ.get('CORESCOPE_READERS') == 'portable'


def max_rss():
    """The peak resident set the kernel keeps for this process, in bytes (None where there is no getrusage)."""
    if sys.platform == 'win32':
        return None
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * (1 if sys.platform == 'darwin' else 1024)


def _rollup():
    fields = {}
    with open('/proc/self/smaps_rollup') as f:
        for line in f:
            name, _, rest = line.partition(':')
            if name in ('Rss', 'Pss'):
                fields[name] = int(rest.split()[0]) * 1024
    return fields


def _rss_linux():
    with open('/proc/self/statm') as f:
        return int(f.read().split()[1]) * os.sysconf('SC_PAGE_SIZE')


def _rss_windows():
    import ctypes
    from ctypes import wintypes

    class Counters(ctypes.Structure):
        _fields_ = [('cb', wintypes.DWORD), ('PageFaultCount', wintypes.DWORD)] + [
            (n, ctypes.c_size_t) for n in ('PeakWorkingSetSize', 'WorkingSetSize', 'QuotaPeakPagedPoolUsage', 'QuotaPagedPoolUsage',
                                           'QuotaPeakNonPagedPoolUsage', 'QuotaNonPagedPoolUsage', 'PagefileUsage', 'PeakPagefileUsage')]
    c = Counters(cb=ctypes.sizeof(Counters))
    kernel32 = ctypes.windll.kernel32
    kernel32.GetCurrentProcess.restype = wintypes.HANDLE
    kernel32.K32GetProcessMemoryInfo(kernel32.GetCurrentProcess(), ctypes.byref(c), c.cb)
    return c.WorkingSetSize


def own_memory():
    if LINUX:
        if not PORTABLE:
            try:
                return _rollup()['Pss'], 'pss'
            except (OSError, KeyError, ValueError):
                pass
        return _rss_linux(), 'rss'
    if sys.platform == 'win32':
        return _rss_windows(), 'rss'
    return max_rss(), 'rss'  # macOS: the peak is the only figure the stdlib has


def peak_memory():
    """
    The peak since start: with PSS, PSS now plus the pages that were resident at the peak and are not
    now (they were this process's own); otherwise the kernel's peak RSS (Windows: the working set now).
    A 100 ms watcher thread did this before, at a cost in every idle unit.
    """
    if LINUX and not PORTABLE:
        try:
            r = _rollup()
            return r['Pss'] + max(0, max_rss() - r['Rss'])
        except (OSError, KeyError):
            pass
    peak = max_rss()
    return peak if peak is not None else own_memory()[0]
