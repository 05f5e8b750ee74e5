"""
The host's line to the engine that started it: Node's IPC channel, which Node hands a child as the
file descriptor in NODE_CHANNEL_FD and speaks newline-delimited JSON over (serialization 'json').
send() writes HostMessages; listen() hears {"kind": "stop"}; end of file means the engine is gone,
and then the host ends its whole tree at once (oscalls.kill_tree), so no unit outlives the app or
the CLI.
"""
import json
import os
import threading

from oscalls import kill_tree

_fd = int(os.environ['NODE_CHANNEL_FD'])
# how a unit process tells that its host is gone: a forked unit inherits this module as it was; a
# spawned one imports it afresh, and finds the host's pid in the environment the host set for it
HOST_PID = int(os.environ.setdefault('CORESCOPE_HOST_PID', str(os.getpid())))
_write_lock = threading.Lock()


def channel_fd():
    return _fd


def send(message):
    line = (json.dumps(message, separators=(',', ':')) + '\n').encode()
    with _write_lock:
        try:
            while line:
                line = line[os.write(_fd, line):]
        except OSError:
            pass  # the engine is gone: the listener ends us


def orphaned():
    kill_tree()  # the host and its multiprocessing children


def _read_lines(on_stop):
    pending = b''
    while True:
        try:
            chunk = os.read(_fd, 65536)
        except OSError:
            chunk = b''
        if not chunk:
            orphaned()
        pending += chunk
        *lines, pending = pending.split(b'\n')
        for line in lines:
            if line.strip() and json.loads(line).get('kind') == 'stop':
                on_stop()


def listen(on_stop):
    threading.Thread(target=_read_lines, args=(on_stop,), name='cs-link', daemon=True).start()
