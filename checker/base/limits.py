"""A time limit per input file, so that one runaway parse cannot stall a batch.

Uses a POSIX interval timer where it can (the main thread of a process: the CLI and each batch
worker); elsewhere — threads of the web server, platforms without SIGALRM — the limit is not
enforced by a signal and the caller relies on its own request timeout.
"""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager

DEFAULT_SECONDS = 60.0


class TimeLimitExceeded(BaseException):
    """A BaseException, like KeyboardInterrupt: the broad ``except Exception`` handlers that keep a
    damaged page or a broken rule from stopping the rest must not swallow the limit."""


def _can_alarm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float | None):
    if not seconds or not _can_alarm():
        yield
        return

    def expire(signum, frame):
        raise TimeLimitExceeded()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
