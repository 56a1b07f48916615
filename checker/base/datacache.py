"""Derived data kept between runs in the user's cache folder (see checker/base/cachedir.py): values that take
longer to compute on a cold start than to read back (the division index, parsed rule files, compiled
patterns).

A value is plain data (what ``marshal`` writes: dicts, lists, tuples, strings, numbers, None),
stored under its kind and a digest of everything it was computed from, sealed with a SHA-256 of its
bytes and written atomically.  Reading never trusts a file that does not match its seal; anything
unreadable is a miss, and a miss only costs the computation.  At most ``KEEP`` files per kind are
kept (more for kinds with one file per rule file), so a folder of alternating rule sets does not
grow without end.
"""
from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
from pathlib import Path

from .cachedir import cache_folder
from .version import __version__

KEEP = 8
_FORMAT = b"fzcheck-datacache-1"


def _name(kind: str, key: bytes) -> str:
    digest = hashlib.sha256(_FORMAT + __version__.encode() + b"\0" + bytes(sys.version_info[:2]) + b"\0" + key)
    return f"{kind}-{digest.hexdigest()[:40]}.bin"


def load(kind: str, key: bytes):
    """The value stored for (kind, key), or None."""
    folder = cache_folder()
    if folder is None:
        return None
    payload = read_sealed(folder / _name(kind, key))
    if payload is None:
        return None
    try:
        return marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None


def store(kind: str, key: bytes, value, keep: int = KEEP) -> None:
    """Keeps ``value`` for (kind, key); drops the oldest files of that kind beyond ``keep``."""
    folder = cache_folder()
    if folder is None:
        return
    try:
        payload = marshal.dumps(value)
    except ValueError:
        return
    write_sealed(folder / _name(kind, key), payload)
    _prune(folder, kind, keep)


def read_sealed(path: Path) -> bytes | None:
    """The payload of a sealed file, or None when it is missing, unreadable or not what was sealed."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    seal, payload = data[:32], data[32:]
    return payload if len(seal) == 32 and hashlib.sha256(payload).digest() == seal else None


def write_sealed(path: Path, payload: bytes) -> None:
    """Writes seal + payload to a temporary file beside ``path`` and moves it into place; a cache
    that cannot be written is silently skipped (the next start computes again)."""
    try:
        handle, temp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(hashlib.sha256(payload).digest() + payload)
        os.replace(temp, path)
    except OSError:
        try:
            os.unlink(temp)
        except OSError:
            pass


def _prune(folder: Path, kind: str, keep: int) -> None:
    try:
        files = sorted(folder.glob(f"{kind}-*.bin"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in files[keep:]:
            old.unlink()
    except OSError:
        pass
