"""
Memory measure, the Python host's side: its own memory as the engine defines it, and a watcher that
keeps the peak between the engine's samples.
- Linux with the proc readers: PSS from /proc/self/smaps_rollup.
- Linux with the portable readers (CORESCOPE_READERS=portable): RSS from /proc/self/statm, the figure
  pidusage gives the engine on Linux.
- macOS: the peak RSS getrusage keeps (ru_maxrss, in bytes there); the stdlib has no current RSS.
- Windows: the working set, GetProcessMemoryInfo (psapi, via kernel32's K32 export); no resource module.
"""
import os
import sys
import threading

WATCH_S = 0.1
LINUX = sys.platform.startswith('linux')
PORTABLE = os.environ.get('CORESCOPE_READERS') == 'portable'


def _pss():
    with open('/proc/self/smaps_rollup') as f:
        for line in f:
            if line.startswith('Pss:'):
                return int(line.split()[1]) * 1024
    raise OSError('no Pss line')


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
                return _pss(), 'pss'
            except (OSError, ValueError):
                pass
        return _rss_linux(), 'rss'
    if sys.platform == 'win32':
        return _rss_windows(), 'rss'
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, 'rss'  # bytes on macOS


class PeakWatch:
    def __init__(self):
        self.peak = own_memory()[0]
        self._stop = threading.Event()
        threading.Thread(target=self._watch, name='cs-memory', daemon=True).start()

    def _watch(self):
        while not self._stop.wait(WATCH_S):
            self.peak = max(self.peak, own_memory()[0])

    def stop(self):
        self._stop.set()
        return max(self.peak, own_memory()[0])
