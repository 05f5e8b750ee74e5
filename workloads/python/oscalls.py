"""
The Python host's platform calls, one function per concern, each with its Linux, macOS and Windows
branch (the Node side's are in workloads/hosts/: os-thread.ts, parent-link.ts, self-memory.ts):

- start_method(): multiprocessing's start method, named, never the interpreter's default. 'fork' on
  Linux: a unit starts in milliseconds and shares the host's pages copy-on-write (so each adds only
  what it writes). 'spawn' on macOS (fork is unsafe there with system frameworks; Python's default
  since 3.8) and on Windows (no fork): each unit is a fresh interpreter that re-imports its modules,
  so it starts in tens of ms and costs a whole interpreter's private memory. CORESCOPE_PY_START
  overrides it, which is how the tests run spawn on Linux.
- lead_process_group() / kill_tree(): on POSIX the host leads a process group and ends it with one
  os.killpg(SIGKILL), units included. Windows has no process groups to signal (no os.killpg): the host
  kills the children multiprocessing knows, then itself.
- own_tid() / name_own_thread(): thread identity. threading.get_native_id() is the OS thread id on
  all three (gettid, pthread_threadid_np, GetCurrentThreadId), but it is reported only with the proc
  readers, the one set that can read a thread by it; with the portable ones the tid is unknown (None),
  as the Node hosts report it. Naming a thread is Linux's /proc/self/task/<tid>/comm.
- die_with_parent(): a unit process ends when its host dies, even by SIGKILL. Linux: prctl
  (PR_SET_PDEATHSIG). macOS and Windows: a daemon thread that waits on the host's sentinel
  (multiprocessing.parent_process(), a pipe on macOS and the process handle on Windows) and then
  exits.
"""
import multiprocessing
import os
import signal
import sys
import threading

START_METHOD_ENV = 'CORESCOPE_PY_START'
LINUX = sys.platform.startswith('linux')
PR_SET_PDEATHSIG = 1
PORTABLE = os.environ.get('CORESCOPE_READERS') == 'portable'


def start_method():
    return os.environ.get(START_METHOD_ENV) or ('fork' if LINUX else 'spawn')


def lead_process_group():
    if hasattr(os, 'setpgrp'):
        os.setpgrp()  # a group of its own: kill_tree() ends it with its units


def kill_tree():
    if hasattr(os, 'killpg'):
        os.killpg(os.getpgrp(), signal.SIGKILL)
    for p in multiprocessing.active_children():
        p.kill()  # TerminateProcess on Windows
    os._exit(137)


def die_with_parent(host_pid):
    if LINUX:
        try:
            import ctypes
            # SIGKILL this unit the moment its host dies (daemon=True covers only a clean exit)
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass
    else:
        parent = multiprocessing.parent_process()
        if parent is not None:
            def watch():
                parent.join()  # returns when the host's sentinel closes: the host is gone
                os._exit(137)
            threading.Thread(target=watch, name='cs-parent', daemon=True).start()
    if os.getppid() != host_pid:
        os._exit(137)  # the host died before we could ask


def name_own_process(name):
    """What ps and htop show (Linux's /proc/self/comm; elsewhere the process keeps python's name)."""
    if LINUX:
        try:
            with open('/proc/self/comm', 'w') as f:
                f.write(name[:15])
        except OSError:
            pass


def own_tid():
    return threading.get_native_id() if LINUX and not PORTABLE else None


def name_own_thread(name):
    """Name the calling OS thread (<= 15 bytes) so htop and CoreScope show e.g. cs-t3."""
    if LINUX:
        try:
            with open(f'/proc/self/task/{threading.get_native_id()}/comm', 'w') as f:
                f.write(name[:15])
        except OSError:
            pass


def main_tid(pid):
    """A process's main thread id: on Linux the pid itself (a thread group is led by its first thread)."""
    return pid if LINUX and not PORTABLE else None
