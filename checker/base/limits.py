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

# How many time limits are armed in the main thread now (nested limits each count once).
_armed = 0


class TimeLimitExceeded(BaseException):
    """A BaseException, like KeyboardInterrupt: the broad ``except Exception`` handlers that keep a
    damaged page or a broken rule from stopping the rest must not swallow the limit."""


def _can_alarm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def alarm_armed() -> bool:
    """Whether a time limit's signal can interrupt this thread now: a ``regex`` match that runs too
    long is stopped by it (``regex`` checks for signals while it matches), so a per-call timeout,
    which reads the clock all through every match, is not needed there."""
    return _armed > 0 and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float | None):
    if not seconds or not _can_alarm():
        yield
        return

    def expire(signum, frame):
        raise TimeLimitExceeded()

    global _armed
    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    _armed += 1
    try:
        yield
    finally:
        _armed -= 1
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
