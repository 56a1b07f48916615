"""Text of an OFD file (GB/T 33190, the national format for e-government documents).

An OFD is a zip: ``OFD.xml`` names the document root (``DocBody/DocRoot``, e.g. Doc_0/Document.xml),
which lists the pages in order (``Pages/Page/@BaseLoc``); each page's content holds ``TextObject``
elements with a ``Boundary`` (x y w h) and ``TextCode`` runs.  Text objects are read in page order
and grouped into lines by their vertical position, left to right within a line; a line that is
printed on every page (running header, page number) is dropped like a PDF's.  The zip is read with
the same limits as a .docx (actual inflated bytes); no library is needed, and none of the maintained
PyPI packages reads OFD text more reliably than this (those found render to images).
"""
from __future__ import annotations

import posixpath
import re
import zipfile
from typing import BinaryIO

from lxml import etree

from ..base.errors import InputError
from .pdf import drop_running_lines, join_visual_lines

MAX_PART = 32 * 1024 * 1024
MAX_TOTAL = 64 * 1024 * 1024  # inflated bytes of every part read, together (a page listed twice is read once)
MAX_PAGES = 300
_LINE_TOLERANCE = 2.0   # millimetres: text objects this close vertically are one line


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


class _Budget:
    """Inflated bytes still allowed for this file's parts."""

    def __init__(self):
        self.left = MAX_TOTAL


def _read(archive: zipfile.ZipFile, name: str, file_name: str, budget: _Budget) -> bytes:
    try:
        info = archive.getinfo(name)
    except KeyError as exc:
        raise InputError(file_name, f"OFD 文件缺少 {name}", f"the OFD file has no {name}") from exc
    limit = min(MAX_PART, budget.left)
    with archive.open(info) as member:
        data = member.read(limit + 1)
    if len(data) > limit:
        raise InputError(file_name, f"{name} 解压后超过上限（单个部分 {MAX_PART // 2**20} MB，合计 {MAX_TOTAL // 2**20} MB），拒绝处理",
                         f"{name} inflates beyond the limit ({MAX_PART // 2**20} MB a part, {MAX_TOTAL // 2**20} MB in all)")
    budget.left -= len(data)
    return data


def _xml(data: bytes, name: str):
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(name, "OFD 文件中的 XML 已损坏", f"broken XML in the OFD file ({exc})") from exc


def _child_text(element, name: str) -> str | None:
    for child in element.iter():
        if _local(child.tag) == name and child.text:
            return child.text.strip()
    return None


def _page_lines(root) -> list[str]:
    """Lines of one page: text objects grouped by their y position, ordered by x."""
    pieces = []
    for obj in root.iter():
        if _local(obj.tag) != "TextObject":
            continue
        try:
            x, y = (float(v) for v in (obj.get("Boundary") or "0 0 0 0").split()[:2])
        except ValueError:
            x, y = 0.0, 0.0
        for code in obj:
            if _local(code.tag) == "TextCode" and code.text:
                try:
                    dy, dx = float(code.get("Y") or 0), float(code.get("X") or 0)
                except ValueError:
                    dy = dx = 0.0
                pieces.append((y + dy, x + dx, code.text))
    pieces.sort()
    lines: list[list[tuple[float, str]]] = []
    last_y = None
    for y, x, text in pieces:
        if last_y is None or abs(y - last_y) > _LINE_TOLERANCE:
            lines.append([])
        lines[-1].append((x, text))
        last_y = y
    return ["".join(text for _, text in sorted(line)) for line in lines]


def extract_ofd(data: BinaryIO, name: str) -> str:
    try:
        return _extract(data, name)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - zipfile, zlib and lxml raise many types on a damaged file
        raise InputError(name, f"OFD 文件已损坏（{exc.__class__.__name__}）",
                         f"damaged OFD file ({exc.__class__.__name__}: {exc})"[:300]) from exc


def _extract(data: BinaryIO, name: str) -> str:
    budget = _Budget()
    try:
        archive = zipfile.ZipFile(data)
    except zipfile.BadZipFile as exc:
        raise InputError(name, "不是有效的 OFD 文件（压缩包已损坏）", "not a valid OFD file (broken zip)") from exc
    with archive:
        root = _xml(_read(archive, "OFD.xml", name, budget), name)
        doc_root = _child_text(root, "DocRoot")
        if not doc_root:
            raise InputError(name, "OFD 文件没有文档入口（DocRoot）", "the OFD file has no DocRoot")
        doc_root = doc_root.lstrip("/")
        document = _xml(_read(archive, doc_root, name, budget), name)
        base = posixpath.dirname(doc_root)
        locations = [page.get("BaseLoc") for page in document.iter() if _local(page.tag) == "Page" and page.get("BaseLoc")]
        if len(locations) > MAX_PAGES:
            raise InputError(name, f"OFD 超过 {MAX_PAGES} 页，拒绝处理", f"more than {MAX_PAGES} pages; refused")
        pages, seen = [], set()
        for location in locations:
            path = location.lstrip("/") if location.startswith("/") else posixpath.normpath(posixpath.join(base, location))
            if path in seen:  # one page listed again: read once (a page repeated 300 times is not 300 pages of text)
                continue
            seen.add(path)
            pages.append(_page_lines(_xml(_read(archive, path, name, budget), name)))
    if not any(pages):
        raise InputError(name, "OFD 文件中没有文字（可能是扫描件）", "no text in the OFD file (a scan?)")
    text = join_visual_lines([line for page in drop_running_lines(pages) for line in page])
    return re.sub(r"[ \t]+\n", "\n", text)
