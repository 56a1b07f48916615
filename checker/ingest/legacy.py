"""Legacy Word (.doc) and WPS (.wps) files, converted to .docx by LibreOffice when it is installed.

Both are OLE compound files; reading them directly would mean a binary parser of our own.
LibreOffice converts them faithfully (numbering included).  It is trusted only as far as it is held:

- it runs in a private folder (its profile, its temporary files, the input and the output), removed
  afterwards; a web upload is written there too, because LibreOffice reads only files;
- it runs in its own process group with CPU-time and address-space limits, and the whole group is
  killed on every way out (success, failure, time limit, Ctrl+C) — ``soffice`` is a launcher whose
  converter process would otherwise run on after fzcheck gave up;
- it gets no network: a document whose fields fetch something (INCLUDEPICTURE, INCLUDETEXT, LINK,
  DDE, IMPORT) is refused before LibreOffice sees it, and the private profile turns link and field
  updates off and sends any remaining request to a proxy that does not exist;
- a server worker announces the group it runs (``on_group``) so that the pool, when it kills a worker
  that took too long, kills its conversion too.

Without LibreOffice the refusal says what to install — a folder's .doc files are never skipped
silently.  Encrypted Office files cannot be converted and say so.
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path
from typing import Callable

from ..base.errors import InputError

CONVERT_SECONDS = 120
CPU_SECONDS = 120
MEMORY_BYTES = 4 * 1024 ** 3  # address space of the converter (LibreOffice maps much it never touches)
OUTPUT_BYTES = 256 * 1024 ** 2  # largest file the converter may write

# Set by a server worker: called with the process group of a running conversion, then with None.
on_group: Callable[[int | None], None] | None = None

# A field's begin mark (0x13) then an instruction that reads from elsewhere, in the 8-bit or UTF-16 text stream.
_FETCHING = ("INCLUDEPICTURE", "INCLUDETEXT", "INCLUDE", "LINK", "DDEAUTO", "DDE", "IMPORT")
_FIELD_8 = re.compile(rb"\x13[ \t]*(?:" + b"|".join(k.encode() for k in _FETCHING) + rb")[ \t\"]", re.I)
_FIELD_16 = re.compile(rb"\x13\x00(?:[ \t]\x00)*(?:" + b"|".join(
    b"".join(re.escape(bytes([c])) + rb"\x00" for c in k.encode()) for k in _FETCHING) + rb")[ \t\"]\x00", re.I)

# A private profile: links and fields never updated, no update checks, every request to a dead proxy.
_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Writer/Content/Update"><prop oor:name="Link" oor:op="fuse"><value>2</value></prop></item>
<item oor:path="/org.openoffice.Office.Writer/Content/Update"><prop oor:name="Field" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Content/Update"><prop oor:name="Link" oor:op="fuse"><value>1</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="BlockUntrustedRefererLinks" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="UseLocking" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Jobs/Jobs/org.openoffice.Office.Jobs:Job['UpdateCheck']/Arguments"><prop oor:name="AutoCheckEnabled" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetProxyType" oor:op="fuse"><value>1</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetHTTPProxyName" oor:op="fuse"><value>127.0.0.1</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetHTTPProxyPort" oor:op="fuse"><value>9</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetHTTPSProxyName" oor:op="fuse"><value>127.0.0.1</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetHTTPSProxyPort" oor:op="fuse"><value>9</value></prop></item>
<item oor:path="/org.openoffice.Inet/Settings"><prop oor:name="ooInetNoProxy" oor:op="fuse"><value></value></prop></item>
</oor:items>
"""

_UNREADABLE = ("LibreOffice 无法转换这个文件（可能已加密或损坏）", "LibreOffice could not convert the file (encrypted or damaged?)")


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def fetching_field(data: bytes) -> bool:
    """Whether the document holds a field that would read a file or an address when updated."""
    return bool(_FIELD_8.search(data) or _FIELD_16.search(data))


def _limits() -> None:  # runs in the child between fork and exec
    import resource

    for kind, value in ((resource.RLIMIT_CPU, CPU_SECONDS), (resource.RLIMIT_AS, MEMORY_BYTES),
                        (resource.RLIMIT_FSIZE, OUTPUT_BYTES), (resource.RLIMIT_CORE, 0)):
        try:
            soft, hard = resource.getrlimit(kind)
            bound = value if hard == resource.RLIM_INFINITY else min(value, hard)
            resource.setrlimit(kind, (bound, bound) if kind != resource.RLIMIT_CPU else (bound, hard))
        except (ValueError, OSError):
            pass


def kill_group(group: int) -> None:
    try:
        os.killpg(group, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def convert_with_libreoffice(data: bytes, name: str) -> bytes:
    program = soffice()
    if program is None:
        raise InputError(name, "这是旧版 .doc/.wps 或加密的 Office 文件：安装 LibreOffice（如 apt-get install "
                         "libreoffice-writer-nogui）后可以直接检查，或在 Word/WPS 中另存为 .docx",
                         "a legacy .doc/.wps or encrypted Office file: install LibreOffice to check it directly, "
                         "or save it as .docx")
    if fetching_field(data):
        raise InputError(name, "文件中有引用外部文件或网址的域（INCLUDEPICTURE、INCLUDETEXT、LINK 等），为安全起见不予转换；"
                         "请在 Word/WPS 中断开链接后另存为 .docx",
                         "the file has fields that fetch external files or addresses (INCLUDEPICTURE, INCLUDETEXT, "
                         "LINK…); it is not converted: break the links and save it as .docx")
    suffix = Path(name).suffix.lower() if Path(name).suffix.lower() in (".doc", ".wps") else ".doc"
    with tempfile.TemporaryDirectory(prefix="fzcheck-lo-") as folder:
        base = Path(folder)
        for sub in ("profile/user", "tmp", "out"):
            (base / sub).mkdir(parents=True)
        (base / "profile/user/registrymodifications.xcu").write_text(_PROFILE, "utf-8")
        source = base / f"input{suffix}"
        source.write_bytes(data)
        environment = {key: value for key, value in os.environ.items()
                       if key in ("PATH", "LANG", "LC_ALL", "LC_CTYPE", "SAL_USE_VCLPLUGIN")}
        environment.update(HOME=str(base), TMPDIR=str(base / "tmp"), TMP=str(base / "tmp"), TEMP=str(base / "tmp"),
                           SAL_USE_VCLPLUGIN="svp", http_proxy="http://127.0.0.1:9", https_proxy="http://127.0.0.1:9",
                           no_proxy="")
        command = [program, "--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
                   f"-env:UserInstallation={(base / 'profile').as_uri()}",
                   "--convert-to", "docx", "--outdir", str(base / "out"), str(source)]
        try:
            process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL, cwd=folder, env=environment,
                                       start_new_session=True, preexec_fn=_limits)
        except OSError as exc:
            raise InputError(name, *_UNREADABLE) from exc
        if on_group is not None:
            on_group(process.pid)
        try:
            returncode = process.wait(timeout=CONVERT_SECONDS)
        except subprocess.TimeoutExpired as exc:
            raise InputError(name, f"LibreOffice 转换超过 {CONVERT_SECONDS} 秒，已停止",
                             "LibreOffice conversion timed out") from exc
        finally:  # every way out, the time limit's signal and Ctrl+C included: the whole group goes
            kill_group(process.pid)
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
            if on_group is not None:
                on_group(None)
        converted = base / "out" / "input.docx"
        if returncode != 0 or not converted.is_file():
            raise InputError(name, *_UNREADABLE)
        return converted.read_bytes()
