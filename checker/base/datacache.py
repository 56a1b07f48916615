"""Derived data kept between runs in the user's cache folder (see checker/base/cachedir.py): values that take
longer to compute on a cold start than to read back (the division index, parsed rule files, compiled
patterns).  What the installed package ships (checker/base/shipped.py) is read from there first
and never written here.

A value is plain data (what ``marshal`` writes: dicts, lists, tuples, strings, numbers, None),
stored under its kind and a digest of everything it was computed from, sealed with an HMAC-SHA-256
of its name and bytes under a per-user key (a random 32-byte file, 0600, outside the cache folder:
cachedir.key_file), and written atomically.  Whoever can write in the cache folder but cannot read
the key cannot forge a file: a compiled-pattern program handed to ``regex``'s C engine, a parsed
rule file read without validation or a server notice must carry the key's seal.  Reading never
trusts a file that is not the user's own, is writable by others, or does not match its seal; a key
file that others may read or write turns the cache off.  Anything unreadable is a miss, and a miss only costs the computation.  At most ``KEEP`` files per kind are
kept (more for kinds with one file per rule file), so a folder of alternating rule sets does not
grow without end.
"""
from __future__ import annotations

import hashlib
import hmac
import marshal
import os
import stat
import sys
import tempfile
from pathlib import Path

from . import shipped
from .cachedir import cache_folder, key_file, private
from .version import __version__

KEEP = 8
_FORMAT = b"fzcheck-datacache-2"


def _name(kind: str, key: bytes) -> str:
    digest = hashlib.sha256(_FORMAT + __version__.encode() + b"\0" + bytes(sys.version_info[:2]) + b"\0" + key)
    return f"{kind}-{digest.hexdigest()[:40]}.bin"


def load(kind: str, key: bytes, use_shipped: bool = True):
    """The value for (kind, key): the one shipped inside the package (checker/base/shipped.py), else
    the one stored in the cache folder, else None."""
    if use_shipped:
        value = shipped.get(kind, key)
        if value is not None:
            return value
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


def store(kind: str, key: bytes, value, keep: int = KEEP, use_shipped: bool = True) -> None:
    """Keeps ``value`` for (kind, key); drops the oldest files of that kind beyond ``keep``.  A value the
    package ships is not written again (``use_shipped=False``: a value kept beside the shipped one,
    such as the user's own compiled patterns)."""
    if use_shipped and shipped.get(kind, key) is not None:
        return
    folder = cache_folder()
    if folder is None:
        return
    try:
        payload = marshal.dumps(value)
    except ValueError:
        return
    write_sealed(folder / _name(kind, key), payload)
    _prune(folder, kind, keep)


MAX_SEALED_BYTES = 512 * 1024 ** 2
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_keys: dict[str, bytes | None] = {}


def _key() -> bytes | None:
    """The user's sealing key, made on first use; None (no caching) when it cannot be trusted."""
    path = key_file()
    if str(path) not in _keys:
        _keys[str(path)] = _read_or_make_key(path)
    return _keys[str(path)]


def _read_or_make_key(path: Path) -> bytes | None:
    for _ in range(3):
        try:
            handle = os.open(path, os.O_RDONLY | _NOFOLLOW)
        except FileNotFoundError:
            _make_key(path)
            continue
        except OSError:
            return None
        try:
            status = os.fstat(handle)
            data = os.read(handle, 64)
        finally:
            os.close(handle)
        return data if stat.S_ISREG(status.st_mode) and private(status, strict=True) and len(data) == 32 else None
    return None


def _make_key(path: Path) -> None:
    """A new key, written whole to a private temporary file and linked into place (never replacing one)."""
    try:
        os.makedirs(path.parent, mode=0o700, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=".key", dir=path.parent)
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(os.urandom(32))
        os.link(temp, path)
    except OSError:
        pass
    finally:
        try:
            os.unlink(temp)
        except OSError:
            pass


def _seal(key: bytes, path: Path, payload: bytes) -> bytes:
    return hmac.new(key, path.name.encode("utf-8") + b"\0" + payload, hashlib.sha256).digest()


def read_sealed(path: Path) -> bytes | None:
    """The payload of a sealed file, or None when it is missing, unreadable, not the user's own,
    writable by others, or not sealed with the user's key."""
    key = _key()
    if key is None:
        return None
    try:
        handle = os.open(path, os.O_RDONLY | _NOFOLLOW)
    except OSError:
        return None
    try:
        status = os.fstat(handle)
        if not stat.S_ISREG(status.st_mode) or not private(status) or status.st_size > MAX_SEALED_BYTES:
            return None
        with os.fdopen(os.dup(handle), "rb") as source:
            data = source.read(MAX_SEALED_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(handle)
    seal, payload = data[:32], data[32:]
    return payload if len(seal) == 32 and hmac.compare_digest(_seal(key, path, payload), seal) else None


def write_sealed(path: Path, payload: bytes) -> None:
    """Writes seal + payload to a temporary file beside ``path`` (0600) and moves it into place; a
    cache that cannot be written is silently skipped (the next start computes again)."""
    key = _key()
    if key is None:
        return
    try:
        handle, temp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(_seal(key, path, payload) + payload)
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
