"""Collects unit reports and sends them in batches every 50 ms, as the Node hosts' Reporter does."""
import threading
import time

from link import send

FLUSH_S = 0.05  # HOST_FLUSH_MS
HEARTBEAT_S = 0.25  # HEARTBEAT_MS: a busy unit repeats its state this often
FINAL = ('done', 'cancelled', 'failed', 'killed')


def now_ms():
    """A report's t: epoch ms, as the engine's clock (same machine) reads it."""
    return time.time() * 1000


class Reporter:
    def __init__(self):
        self._queue = []
        self._lock = threading.Lock()
        self._timer = None

    def push(self, report):
        with self._lock:
            self._queue.append(report)
            if self._timer is None:
                self._timer = threading.Timer(FLUSH_S, self.flush)
                self._timer.daemon = True
                self._timer.start()

    def flush(self):
        with self._lock:
            reports, self._queue = self._queue, []
            if self._timer is not None:
                self._timer.cancel()
            self._timer = None
        if reports:
            send({'kind': 'units', 'reports': reports})
