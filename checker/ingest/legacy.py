"""Legacy Word (.doc) and WPS (.wps) files, converted to .docx by LibreOffice when it is installed.

Both are OLE compound files; reading them directly would mean a binary parser of our own.
LibreOffice converts them faithfully (numbering included), in a private temporary folder and
profile, with a time limit.  Without LibreOffice the refusal says what to install — a folder's
.doc files are never skipped silently.  Encrypted Office files cannot be converted and say so.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..base.errors import InputError

CONVERT_SECONDS = 120


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_with_libreoffice(data: bytes, name: str) -> bytes:
    program = soffice()
    if program is None:
        raise InputError(name, "这是旧版 .doc/.wps 或加密的 Office 文件：安装 LibreOffice（如 apt-get install "
                         "libreoffice-writer-nogui）后可以直接检查，或在 Word/WPS 中另存为 .docx",
                         "a legacy .doc/.wps or encrypted Office file: install LibreOffice to check it directly, "
                         "or save it as .docx")
    suffix = Path(name).suffix.lower() if Path(name).suffix.lower() in (".doc", ".wps") else ".doc"
    with tempfile.TemporaryDirectory(prefix="fzcheck-") as folder:
        source = Path(folder) / f"input{suffix}"
        source.write_bytes(data)
        try:
            subprocess.run([program, "--headless", "--norestore", f"-env:UserInstallation=file://{folder}/profile",
                            "--convert-to", "docx", "--outdir", folder, str(source)],
                           check=True, capture_output=True, timeout=CONVERT_SECONDS)
        except subprocess.TimeoutExpired as exc:
            raise InputError(name, f"LibreOffice 转换超过 {CONVERT_SECONDS} 秒，已停止", "LibreOffice conversion timed out") from exc
        except (subprocess.CalledProcessError, OSError) as exc:
            raise InputError(name, "LibreOffice 无法转换这个文件（可能已加密或损坏）", "LibreOffice could not convert the file "
                             "(encrypted or damaged?)") from exc
        converted = Path(folder) / "input.docx"
        if not converted.is_file():
            raise InputError(name, "LibreOffice 无法转换这个文件（可能已加密或损坏）", "LibreOffice could not convert the file "
                             "(encrypted or damaged?)")
        return converted.read_bytes()
