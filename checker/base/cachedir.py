"""The user's cache folder: where fzcheck keeps what it can always recompute (validated rule sets,
compiled patterns, jieba's prefix dictionary).  ``FZCHECK_CACHE`` overrides it; an empty value turns
caching off.  Spelled out instead of importing platformdirs because this runs on every cold start
(platformdirs costs 8–28 ms to import here); the folders are the ones platformdirs would choose."""
from __future__ import annotations

import os
import sys
from pathlib import Path


def _default_folder() -> str:
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or os.path.join(os.path.expanduser("~"), "AppData", "Local")
        return os.path.join(base, "fzcheck", "Cache")
    if sys.platform == "darwin":
        return os.path.join(os.path.expanduser("~"), "Library", "Caches", "fzcheck")
    return os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "fzcheck")


def cache_folder() -> Path | None:
    """The cache folder, created if needed; None when caching is off or nothing there is writable
    (every cache is an optimisation: fzcheck then simply recomputes)."""
    configured = os.environ.get("FZCHECK_CACHE")
    if configured is not None and not configured.strip():
        return None
    base = configured or _default_folder()
    try:
        os.makedirs(base, exist_ok=True)
    except OSError:
        return None
    return Path(base) if os.access(base, os.W_OK) else None
