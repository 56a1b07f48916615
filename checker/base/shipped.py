"""Derived data that ships inside the installed package, so that the first check after installing
(every fresh CI container, every upgrade) does not compile ~400 patterns and parse the bundled rule
packs and data files: the compiled pattern programs for the pinned ``regex`` release, the parsed
bundled packs, profiles, clause catalogues and data files, and the note that the bundled rule set
is valid.

They are built when the wheel is built (setup.py runs ``python -m checker.run.shipdata OUT`` over
the package it is about to pack), from the project's own files and nothing else, and read with
the same keys as the user's cache folder (checker/base/datacache.py), where a value found here is
never written again: the cache folder holds only what the user's own packs and patterns add.
Shipped data is trusted as the code beside it is, by being inside the installed package; it is
not sealed with the user's key (the key does not exist when the wheel is built).  A source
checkout or an editable install has no shipped file and uses the cache folder alone.  A value
that is not there (another ``regex`` release, an edited bundled file) is a miss, computed as usual.
"""
from __future__ import annotations

import hashlib
import marshal
from pathlib import Path

from .version import __version__

FILE = Path(__file__).resolve().parent.parent / "data" / "shipped.bin"
_FORMAT = b"fzcheck-shipped-1"
MARSHAL_VERSION = 4  # plain data in marshal's version 4 reads the same on every Python 3 since 3.4

_table: dict | None = None


def name(kind: str, key: bytes) -> str:
    """The table's key for (kind, key): like the cache folder's file names, without Python's version."""
    digest = hashlib.sha256(_FORMAT + __version__.encode() + b"\0" + key).hexdigest()
    return f"{kind}-{digest[:40]}"


def table() -> dict:
    global _table
    if _table is None:
        try:
            loaded = marshal.loads(FILE.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            loaded = None
        _table = loaded if isinstance(loaded, dict) else {}
    return _table


def get(kind: str, key: bytes):
    """The shipped value for (kind, key), or None: a new object on every call (the table keeps each
    value marshalled, as the cache folder's files do), so a caller that changes what it gets does not
    change what the next caller gets."""
    payload = table().get(name(kind, key))
    if not isinstance(payload, bytes):
        return None
    try:
        return marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None
