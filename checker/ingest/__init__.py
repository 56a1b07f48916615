"""Ingest: input bytes → :class:`Source` (text and what the container says about it).

The format is sniffed from the content, not only the extension: a .txt that is really a web page,
or a .doc that is really a .docx, is read as what it is.

May import: ``checker.base`` and ``checker.patterns``.
"""
from __future__ import annotations

import hashlib
import io
import os
import re
import stat

from ..patterns import rx
from ..base.errors import InputError
from ..base.traditional import fold_traditional
from .bounds import MAX_INPUT_BYTES, MAX_TEXT_BYTES, MAX_TEXT_CHARS
from .publisher import read_publisher
from .residue import find_residue
from .source import Source
from .text import decode_bytes, fold_line_ends

__all__ = ["Source", "load", "load_bytes", "from_text", "MAX_INPUT_BYTES", "MAX_TEXT_CHARS"]


def _read(path: str) -> bytes:
    try:
        info = os.stat(path)
    except FileNotFoundError as exc:
        raise InputError(path, "文件不存在", "no such file") from exc
    except OSError as exc:
        raise InputError(path, f"无法访问（{exc.strerror}）", f"cannot access ({exc.strerror})") from exc
    if stat.S_ISDIR(info.st_mode):
        raise InputError(path, "这是一个文件夹，不是文件", "is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(path, "不是普通文件", "not a regular file")
    if info.st_size > MAX_INPUT_BYTES:
        raise InputError(path, f"文件超过 {MAX_INPUT_BYTES // 2**20} MB 的上限",
                         f"larger than the {MAX_INPUT_BYTES // 2**20} MB limit")
    try:
        with open(path, "rb") as handle:
            head = handle.read(8)
            if info.st_size > MAX_TEXT_BYTES and sniff(head) not in ("docx", "pdf", "ole"):
                raise InputError(path, f"文本或网页文件超过 {MAX_TEXT_BYTES // 2**20} MB 的上限，不像一份年度报告",
                                 f"text or web page larger than the {MAX_TEXT_BYTES // 2**20} MB limit")
            return head + handle.read()
    except OSError as exc:
        raise InputError(path, f"无法读取（{exc.strerror}）", f"cannot read ({exc.strerror})") from exc


def sniff(data: bytes, name: str = "") -> str:
    """The format of ``data``: docx, pdf, html, txt, or ole (legacy .doc / encrypted Office)."""
    if data.startswith(b"PK\x03\x04"):
        return "ofd" if name.lower().endswith(".ofd") or b"OFD.xml" in data[:4096] else "docx"
    if data.lstrip()[:5] == b"%PDF-":
        return "pdf"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    head = data[:2048].lower()
    if any(tag in head for tag in (b"<!doctype html", b"<html", b"<head", b"<body")) or \
            name.lower().endswith((".html", ".htm", ".shtml")) and b"<" in head:
        return "html"
    return "txt"


def _finish(text: str, fmt: str, name: str, data: bytes, encoding: str | None,
            meta: dict[str, str] | None = None, anchors: list | None = None, zones: dict | None = None,
            publisher: list[tuple[str, str]] | None = None) -> Source:
    read = text
    text = fold_line_ends(text).replace("\x00", "").lstrip("\ufeff")
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(name, f"正文超过 {MAX_TEXT_CHARS:,} 字的上限", f"text longer than the {MAX_TEXT_CHARS:,} character limit")
    if not rx.search(r"\p{Han}", text):
        if not text.strip():
            raise InputError(name, "文件是空的（没有文字）", "the file is empty (no text)")
        raise InputError(name, "文件中没有中文文字，不像法治政府建设报告", "the file has no Chinese text; not a report")
    # A page in traditional characters is read with its labels folded (發布時間 → 发布时间): same offsets.
    labelled = fold_traditional(text)
    residue, page_meta, page_fields = find_residue(labelled)
    merged = dict(page_meta)
    merged.update(meta or {})
    return Source(text=text, format=fmt, path=name, encoding=encoding,
                  sha256=hashlib.sha256(data).hexdigest(), meta=merged, residue=residue, page=page_fields,
                  publisher=publisher if publisher is not None else read_publisher(labelled),
                  anchors=anchors if anchors and text == read else [],
                  zones={zone: fold_line_ends(value).replace("\x00", "") for zone, value in (zones or {}).items()})


def load_bytes(data: bytes, name: str = "<bytes>") -> Source:
    """Decode one input given as bytes (containers are read from memory; nothing is written)."""
    if not data.strip():
        raise InputError(name, "文件是空的", "the file is empty")
    fmt = sniff(data, name)
    if fmt == "ole":
        from .legacy import convert_with_libreoffice
        converted = convert_with_libreoffice(data, name)
        from .docx import read_docx
        zones: dict[str, str] = {}
        text, _ = read_docx(io.BytesIO(converted), name, zones)
        return _finish(text, "doc", name, data, None, zones=zones)
    if fmt == "ofd":
        from .ofd import extract_ofd
        return _finish(extract_ofd(io.BytesIO(data), name), "ofd", name, data, None)
    if fmt == "docx":
        from .docx import read_docx
        zones = {}
        text, anchors = read_docx(io.BytesIO(data), name, zones)
        return _finish(text, "docx", name, data, None, anchors=anchors, zones=zones)
    if fmt == "pdf":
        from .pdf import extract_pdf
        text, meta = extract_pdf(io.BytesIO(data), name)
        return _finish(text, "pdf", name, data, None, meta)
    if fmt == "html":
        from .html import extract_html
        text, encoding, meta, publisher = extract_html(data, name)
        return _finish(text, "html", name, data, encoding, meta, publisher=publisher)
    text, encoding = decode_bytes(data, name)
    if _looks_like_html(text):
        from .html import extract_html
        text, encoding, meta, publisher = extract_html(data, name)
        return _finish(text, "html", name, data, encoding, meta, publisher=publisher)
    return _finish(text, "txt", name, data, encoding)


def _looks_like_html(text: str) -> bool:
    head = text[:2048].lower()
    return any(tag in head for tag in ("<!doctype html", "<html", "<head", "<body", "<meta "))


def load(path: str | os.PathLike) -> Source:
    """Read one report file into a :class:`Source`; raises InputError with a clear message."""
    name = os.fspath(path)
    return load_bytes(_read(name), name)


_SURROGATE = re.compile("[\ud800-\udfff]")


def from_text(text: str, name: str = "<text>") -> Source:
    """A Source for text already in memory (the Python API, rule examples, the web page).  Half of a
    surrogate pair (JSON may carry one: "\\udcff") becomes U+FFFD: it is no character and no file
    could be written with it."""
    if _SURROGATE.search(text):
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return _finish(text, "txt", name, text.encode("utf-8"), "utf-8")
