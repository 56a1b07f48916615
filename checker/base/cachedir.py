"""The user's cache folder: where fzcheck keeps what it can always recompute (validated rule sets,
compiled patterns, jieba's prefix dictionary).  ``FZCHECK_CACHE`` overrides it; an empty value turns
caching off.  The folder is used only when it belongs to the user and nobody else can write in it;
the key that seals its files (datacache.py) is kept outside it, in the user's fzcheck configuration
folder (``FZCHECK_CACHE_KEY`` names another file).  Spelled out instead of importing platformdirs because this runs on every cold start
(platformdirs costs 8–28 ms to import here); the folders are the ones platformdirs would choose."""
from __future__ import annotations

import os
import stat
import sys
from pathlib import Path


def _default_folder() -> str:
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or os.path.join(os.path.expanduser("~"), "AppData", "Local")
        return os.path.join(base, "fzcheck", "Cache")
    if sys.platform == "darwin":
        return os.path.join(os.path.expanduser("~"), "Library", "Caches", "fzcheck")
    return os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "fzcheck")


def config_folder() -> Path:
    """The user's fzcheck configuration folder (profiles and packs of their own, the cache key)."""
    return Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "fzcheck"


def key_file() -> Path:
    return Path(os.environ.get("FZCHECK_CACHE_KEY") or config_folder() / "cache.key")


def private(status: os.stat_result, strict: bool = False) -> bool:
    """Whether a file or folder is the user's own and nobody else may write it (``strict``: nor read it)."""
    if not hasattr(os, "getuid"):
        return True  # Windows: the folders are the user's own profile
    return status.st_uid == os.getuid() and not status.st_mode & (0o077 if strict else 0o022)


def cache_folder() -> Path | None:
    """The cache folder, created if needed; None when caching is off, nothing there is writable, or
    the folder is not the user's own or others may write in it (every cache is an optimisation:
    fzcheck then simply recomputes)."""
    configured = os.environ.get("FZCHECK_CACHE")
    if configured is not None and not configured.strip():
        return None
    base = configured or _default_folder()
    try:
        os.makedirs(base, mode=0o700, exist_ok=True)
        status = os.stat(base)
    except OSError:
        return None
    if not stat.S_ISDIR(status.st_mode) or not private(status):
        return None
    return Path(base) if os.access(base, os.W_OK) else None
