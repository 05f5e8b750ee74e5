"""
The host's own memory as the engine defines it: PSS from /proc/self/smaps_rollup on Linux, RSS
elsewhere; and a watcher that keeps the peak between the engine's samples.
"""
import resource
import sys
import threading

WATCH_S = 0.1


def own_memory():
    try:
        with open('/proc/self/smaps_rollup') as f:
            for line in f:
                if line.startswith('Pss:'):
                    return int(line.split()[1]) * 1024, 'pss'
    except OSError:
        pass
    # no /proc: the peak RSS the kernel keeps (bytes on macOS, KB elsewhere)
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * (1 if sys.platform == 'darwin' else 1024), 'rss'


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
