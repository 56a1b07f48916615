"""A running ``fzcheck serve`` that ``fzcheck check`` may use without being told (the warm path for
repeated checks: an editor or a script checking drafts one by one).

The server advertises itself in the user's cache folder (``server.json``: its address, process,
fzcheck version and the digest of the bundled rule packs it checks with) and withdraws the notice
when it stops.  A check uses it only when the answer is certain to be the local one byte for byte:
same fzcheck version, same bundled rules, no project configuration on either side, no results store,
nothing the server decides given on the command line, a few files (a batch is faster in local
worker processes), and the server proves within a fraction of a second that it is the server that
wrote the notice.  Anything else, and the check runs locally as always.

Identity is proved, not assumed from a port and a process id (both can be taken over by another
local user after the server died without withdrawing its notice): the notice carries a random token
and is sealed and private (datacache.py: 0600, the user's key); the client sends a random challenge
and the server answers with an HMAC of it under the token, on the very connection the report is then
sent over, before every report.  A notice whose server does not prove itself is removed.  Kept light: it runs before anything heavy is imported.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from ..base.bundled import bundled, rules_digest
from ..base.cachedir import cache_folder
from ..base.datacache import read_sealed, write_sealed
from ..base.proof import prove
from ..base.version import __version__

NOTICE = "server.json"
MAX_FILES = 20          # more files than this are checked faster by local worker processes
PROBE_SECONDS = 0.3


def bundled_rules_digest() -> str:
    """The digest a Ruleset of the bundled packs carries (ruleset.load_ruleset), from the bytes of
    the files, without parsing them."""
    return rules_digest((path.name, path.read_bytes()) for path in sorted(bundled("packs", "rules").glob("*.yaml")))


def advertise(url: str, token: str):
    """Writes the notice; returns the function that withdraws it (only if it is still this server's)."""
    folder = cache_folder()
    if folder is None:
        return lambda: None
    notice = {"url": url, "pid": os.getpid(), "version": __version__, "rules": bundled_rules_digest(), "token": token}
    payload = json.dumps(notice, sort_keys=True).encode("utf-8")
    write_sealed(folder / NOTICE, payload)

    def withdraw() -> None:
        if read_sealed(folder / NOTICE) == payload:
            try:
                (folder / NOTICE).unlink()
            except OSError:
                pass
    return withdraw


def advertised_server() -> str | None:
    """The address of a running plain server this fzcheck may use, else None."""
    found = discovered_server()
    return found[0] if found else None


def discovered_server() -> tuple[str, str] | None:
    """(address, token) of a running plain server that proved it wrote the notice, else None."""
    folder = cache_folder()
    if folder is None:
        return None
    path = folder / NOTICE
    payload = read_sealed(path)  # the user's own file, private, sealed with the user's key
    if payload is None:
        return None
    try:
        notice = json.loads(payload)
        url, pid, token = str(notice["url"]), int(notice["pid"]), str(notice["token"])
    except (ValueError, KeyError, TypeError):
        return None
    if notice.get("version") != __version__ or notice.get("rules") != bundled_rules_digest():
        return None
    if not _alive(pid) or not _proven(url, token):
        _remove(path, payload)
        return None
    return url, token


def _remove(path: Path, payload: bytes) -> None:
    """Removes a notice whose server is gone or does not prove itself (unless it changed meanwhile)."""
    if read_sealed(path) == payload:
        try:
            path.unlink()
        except OSError:
            pass


def _alive(pid: int) -> bool:
    if sys.platform == "win32":
        return True  # the health check decides
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _proven(url: str, token: str) -> bool:
    import http.client
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme != "http" or not parts.hostname:
        return False
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=PROBE_SECONDS)
    try:
        return prove(connection, parts.netloc, token)
    finally:
        connection.close()
