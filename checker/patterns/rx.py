"""Regular expressions compiled once per machine instead of once per process.

``regex`` turns a pattern into a program for its C matcher in Python (parse, optimise, flatten).  For
fzcheck's ~340 module and rule patterns that was ~150 ms, 40 % of a cold ``fzcheck check``.  The
program depends only on the pattern, the flags and the ``regex`` release, so :func:`compile` keeps
the arguments the C constructor received in the user's cache folder and on the next start hands them
straight to it.  The file is kept by checker/base/datacache.py (keyed by the ``regex`` release, fzcheck's and
Python's versions; sealed and replaced atomically); anything unexpected (another release, a damaged
file, a value that is not plain data, a constructor error) means compiling as ``regex`` always does.
Patterns with named lists or locale flags are never kept.  The bundled patterns' programs ship
inside the installed package (checker/base/shipped.py), so the cache file holds only the patterns
of the user's own packs.

The module-level helpers (:func:`search`, :func:`sub`, …) are ``regex``'s, on a compiled pattern.
"""
from __future__ import annotations

import atexit
import os
import threading

import regex
from regex import _main

from ..base import datacache, shipped

# The programs depend on the regex release (the cache's file name also carries fzcheck's version
# and Python's, checker/base/datacache.py).
KEY = f"regex {regex.__version__} format 1".encode()
# Patterns kept in the file: those this process used first, then the most recently kept others, so
# a rule author's edited patterns age out instead of slowing every start (about 1 KB each).
_MAX_ENTRIES = 2000
_lock = threading.RLock()
_entries: dict[tuple, tuple] | None = None  # the user's cache folder's programs
_shipped: dict[tuple, tuple] | None = None  # the programs the installed package ships (checker/base/shipped.py)
_compiled: dict[tuple, regex.Pattern] = {}  # this process's patterns, as regex's own cache would keep them
_MAX_COMPILED = 1000
_used: dict[tuple, None] = {}  # keys this process compiled or read, in order
_dirty = False
_owner = os.getpid()


def compile(pattern: str, flags: int = 0) -> regex.Pattern:  # noqa: A001 - mirrors regex.compile
    """``regex.compile(pattern, flags)``, from the cache when this pattern was compiled before."""
    if not isinstance(pattern, str):
        return regex.compile(pattern, flags)
    key = (pattern, int(flags), int(regex.DEFAULT_VERSION))
    compiled = _compiled.get(key)
    if compiled is None:
        compiled = _compile_cached(key, pattern, flags)
        if len(_compiled) >= _MAX_COMPILED:
            _compiled.clear()
        _compiled[key] = compiled
    return compiled


def _compile_cached(key: tuple, pattern: str, flags: int) -> regex.Pattern:
    entries = _load()
    args = _shipped.get(key)
    if args is not None:
        try:
            return _main._regex.compile(*args)
        except Exception:  # a program this release does not accept: compile it anew
            _shipped.pop(key, None)
    _used[key] = None
    args = entries.get(key)
    if args is not None:
        try:
            return _main._regex.compile(*args)
        except Exception:  # a program this release does not accept: compile it anew
            entries.pop(key, None)
    compiled, args = _compile_recording(pattern, flags)
    if args is not None:
        _remember(key, args)
    return compiled


def search(pattern: str, string: str, *args, **kwargs):
    return compile(pattern).search(string, *args, **kwargs)


def match(pattern: str, string: str, *args, **kwargs):
    return compile(pattern).match(string, *args, **kwargs)


def fullmatch(pattern: str, string: str, *args, **kwargs):
    return compile(pattern).fullmatch(string, *args, **kwargs)


def sub(pattern: str, repl, string: str, *args, **kwargs):
    return compile(pattern).sub(repl, string, *args, **kwargs)


def split(pattern: str, string: str, *args, **kwargs):
    return compile(pattern).split(string, *args, **kwargs)


def findall(pattern: str, string: str, *args, **kwargs):
    return compile(pattern).findall(string, *args, **kwargs)


class _Recorder:
    """Stands in for the C module while one pattern compiles, to see what its constructor gets."""

    def __init__(self, real):
        self._real = real
        self.calls: dict[int, tuple] = {}

    def compile(self, *args):
        self.calls[threading.get_ident()] = args
        return self._real.compile(*args)

    def __getattr__(self, name):
        return getattr(self._real, name)


def _compile_recording(pattern: str, flags: int) -> tuple[regex.Pattern, tuple | None]:
    with _lock:
        real = _main._regex
        recorder = _Recorder(real)
        _main._regex = recorder
        try:
            compiled = regex.compile(pattern, flags, cache_pattern=False)
        finally:
            _main._regex = real
    return compiled, _plain(recorder.calls.get(threading.get_ident()))


def _plain(args: tuple | None) -> tuple | None:
    """The constructor's arguments as plain data marshal can keep, or None when they are not what
    this module expects (then the pattern is simply not cached)."""
    if args is None or len(args) != 11:
        return None
    pattern, flags, code, group_index, index_group, named_lists, list_indexes, req_offset, req_chars, req_flags, groups = args
    try:
        flags = int(flags)
        if named_lists or list_indexes or flags & regex.LOCALE:
            return None
        plain = (pattern, flags, [int(op) for op in code],
                 {str(k): int(v) for k, v in group_index.items()}, {int(k): str(v) for k, v in index_group.items()},
                 {}, [], int(req_offset),
                 None if req_chars is None else tuple(int(c) for c in req_chars), int(req_flags), int(groups))
    except (TypeError, ValueError, AttributeError):
        return None
    return plain


def _remember(key: tuple, args: tuple) -> None:
    global _dirty
    with _lock:
        entries = _load()
        if len(entries) >= 2 * _MAX_ENTRIES:
            return  # a process compiling thousands of new patterns (a fuzzer) keeps them to itself
        entries[key] = args
        if not _dirty:
            _dirty = True
            atexit.register(_save)


def _load() -> dict:
    global _entries, _shipped
    if _entries is None:
        with _lock:
            if _entries is None:
                packed = shipped.get("regex", KEY)
                _shipped = dict(packed) if isinstance(packed, dict) else {}
                stored = datacache.load("regex", KEY, use_shipped=False)
                _entries = stored if isinstance(stored, dict) else {}
    return _entries


def entries() -> dict:
    """Every program this process knows: shipped, cached and compiled here (checker/run/shipdata.py)."""
    return {**(_shipped or {}), **_load()}


def _save() -> None:
    """Writes the cache at exit, from the process that read it (not from forked workers)."""
    if os.getpid() != _owner or not _entries:
        return
    kept: dict[tuple, tuple] = {}
    for key in [*_used, *_entries]:
        if len(kept) >= _MAX_ENTRIES:
            break
        if key in _entries:
            kept.setdefault(key, _entries[key])
    datacache.store("regex", KEY, kept, keep=2, use_shipped=False)
