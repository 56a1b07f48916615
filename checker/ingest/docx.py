"""Text of a .docx in document order, with Word's automatic numbering rendered back in.

python-docx leaves out the labels of auto-numbered paragraphs (一、 (一) 1.) and does not mix
tables into ``doc.paragraphs``; both matter for the outline, so the body is walked here and
numbering.xml is read for the label formats.
"""
from __future__ import annotations

import zipfile
from typing import BinaryIO

from ..base.errors import InputError
from ..base.ooxml import paragraph_text

MAX_UNCOMPRESSED = 200 * 1024 * 1024  # refuses zip bombs before python-docx inflates them
# Actual inflated bytes of the parts that are parsed (a 300-page report's document.xml is ~5 MB):
# counted while inflating, so a zip directory that understates sizes does not help.
# Every other XML part python-docx parses when it opens the package (settings, comments, headers,
# footers, notes, themes, relationships…) gets XML_PART_LIMIT, and all XML parts together XML_TOTAL;
# every member, media included, is counted by its real inflated bytes against MAX_UNCOMPRESSED.
PART_LIMITS = {"word/document.xml": 32 * 1024 * 1024, "word/numbering.xml": 4 * 1024 * 1024,
               "word/styles.xml": 4 * 1024 * 1024}
XML_PART_LIMIT = 4 * 1024 * 1024
XML_TOTAL = 64 * 1024 * 1024
MAX_LEVEL = 8  # Word's list levels are 0–8
_LABEL_ENDS = ".．"  # a label 1. fused to a text that opens with a digit reads as one number (1.2020)
MAX_PARAGRAPHS = 50_000  # body paragraphs and table cells; a long report has a few thousand
MAX_TABLE_CELLS = 100_000
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HAN_DIGITS = "零一二三四五六七八九"


def han_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (counting form used in headings)."""
    if n <= 0:
        return str(n)
    if n < 10:
        return _HAN_DIGITS[n]
    if n < 20:
        return "十" + (_HAN_DIGITS[n - 10] if n > 10 else "")
    if n < 100:
        tens, ones = divmod(n, 10)
        return _HAN_DIGITS[tens] + "十" + (_HAN_DIGITS[ones] if ones else "")
    return str(n)


def _format_number(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "ideographTraditional",
               "chineseLegalSimplified", "taiwaneseCounting", "ideographDigital"):
        return han_number(n)
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


class _Numbering:
    """Label formats from numbering.xml and running counters per list.  Lazy and linear: a list's
    abstract definition is read the first time a paragraph uses it, and only levels 0–8 (a file with
    thousands of lists sharing one definition of thousands of levels once took gigabytes)."""

    def __init__(self, document):
        self.counters: dict[str, list[int]] = {}
        self.abstract_of: dict[str, str] = {}
        self.abstract_nodes: dict[str, object] = {}
        self.abstract_levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        try:
            part = document.part.numbering_part
        except (KeyError, NotImplementedError, AttributeError):
            return
        root = part.element
        for absnum in root.iterchildren(_W + "abstractNum"):
            self.abstract_nodes.setdefault(absnum.get(_W + "abstractNumId"), absnum)
        for num in root.iterchildren(_W + "num"):
            ref = num.find(_W + "abstractNumId")
            if ref is not None:
                self.abstract_of[num.get(_W + "numId")] = ref.get(_W + "val")

    def _levels(self, num_id: str) -> dict[int, tuple[str, str, int]]:
        abstract_id = self.abstract_of.get(num_id)
        if abstract_id not in self.abstract_levels:
            lvls: dict[int, tuple[str, str, int]] = {}
            node = self.abstract_nodes.get(abstract_id)
            for lvl in node.iterchildren(_W + "lvl") if node is not None else ():
                try:
                    ilvl = int(lvl.get(_W + "ilvl", "0"))
                    start = lvl.find(_W + "start")
                    first = int(start.get(_W + "val")) if start is not None else 1
                except (TypeError, ValueError):
                    continue
                if not 0 <= ilvl <= MAX_LEVEL or ilvl in lvls:
                    continue
                fmt = lvl.find(_W + "numFmt")
                text = lvl.find(_W + "lvlText")
                lvls[ilvl] = (fmt.get(_W + "val") if fmt is not None else "decimal",
                              text.get(_W + "val") if text is not None else "%1.", first)
            self.abstract_levels[abstract_id] = lvls
        return self.abstract_levels[abstract_id]

    def label(self, num_id: str, ilvl: int) -> str:
        levels = self._levels(num_id)
        if ilvl not in levels:
            return ""
        counts = self.counters.setdefault(num_id, [0] * 9)
        counts[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counts[deeper] = 0
        label = levels[ilvl][1]
        for level in range(ilvl + 1):
            fmt, _, start = levels.get(level, ("decimal", "", 1))
            value = counts[level] + start - 1 if counts[level] else start
            label = label.replace(f"%{level + 1}", _format_number(value, fmt))
        return label


def _style_numbering(document) -> dict[str, tuple[str, int] | None]:
    """Style id → the numbering it gives its paragraphs (through its base styles), computed once:
    looking each paragraph's style up through python-docx scans every style, which is quadratic
    on a document with many styles and paragraphs; a base-style cycle ends the walk."""
    styles = {}
    for style in document.styles.element.iter(_W + "style"):
        styles[style.get(_W + "styleId")] = style
    out: dict[str, tuple[str, int] | None] = {}
    for style_id in styles:
        chain, current, seen = [], style_id, set()
        # Walk up to a style already resolved, one with numbering of its own, or the end (or a cycle).
        while current in styles and current not in out and current not in seen:
            seen.add(current)
            chain.append(current)
            if _numbering_of(styles[current].find(_W + "pPr")) is not None:
                break
            based = styles[current].find(_W + "basedOn")
            current = based.get(_W + "val") if based is not None else None
        found = out.get(current)
        for link in reversed(chain):
            own = _numbering_of(styles[link].find(_W + "pPr"))
            found = own if own is not None else found
            out[link] = found
    return out


def _numbering_of(p_pr) -> tuple[str, int] | None:
    num_pr = p_pr.find(_W + "numPr") if p_pr is not None else None
    if num_pr is None:
        return None
    num_id = num_pr.find(_W + "numId")
    if num_id is None:
        return None
    ilvl = num_pr.find(_W + "ilvl")
    try:
        return num_id.get(_W + "val"), int(ilvl.get(_W + "val")) if ilvl is not None else 0
    except (TypeError, ValueError):
        return None


def _num_pr(paragraph, style_numbering: dict) -> tuple[str, int] | None:
    p_pr = paragraph.find(_W + "pPr")
    own = _numbering_of(p_pr)
    if own is not None:
        return own
    style = p_pr.find(_W + "pStyle") if p_pr is not None else None
    return style_numbering.get(style.get(_W + "val") if style is not None else "Normal")


def _inflated_size(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> int:
    """The bytes a member really inflates to, reading at most ``limit`` + 1 of them."""
    size = 0
    with archive.open(info) as member:
        while size <= limit:
            chunk = member.read(1 << 20)
            if not chunk:
                break
            size += len(chunk)
    return size


def _check_zip(data, name: str) -> None:
    try:
        with zipfile.ZipFile(data) as archive:
            names = archive.namelist()
            total = sum(info.file_size for info in archive.infolist())
            if total > MAX_UNCOMPRESSED:
                raise InputError(name, f"解压后超过 {MAX_UNCOMPRESSED // 2**20} MB，拒绝处理（疑似压缩炸弹）",
                                 f"inflates beyond {MAX_UNCOMPRESSED // 2**20} MB; refused (zip bomb?)")
            inflated, xml = 0, 0
            for info in archive.infolist():
                is_xml = info.filename.endswith((".xml", ".rels"))
                limit = PART_LIMITS.get(info.filename, XML_PART_LIMIT if is_xml else MAX_UNCOMPRESSED)
                limit = min(limit, MAX_UNCOMPRESSED - inflated, XML_TOTAL - xml if is_xml else MAX_UNCOMPRESSED)
                size = _inflated_size(archive, info, limit)
                if size > limit:
                    raise InputError(name, f"{info.filename} 解压后超过上限，拒绝处理（疑似压缩炸弹或不是年度报告）",
                                     f"{info.filename} inflates beyond its limit; refused (zip bomb?)")
                inflated += size
                xml += size if is_xml else 0
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - zipfile raises several types on damaged archives
        raise InputError(name, "不是有效的 .docx 文件（压缩包已损坏）",
                         f"not a valid .docx file (broken zip archive: {exc.__class__.__name__})") from exc
    if "word/document.xml" not in names:
        raise InputError(name, "压缩包中没有 Word 正文（word/document.xml）",
                         "the zip archive has no Word body (word/document.xml)")
    if total > MAX_UNCOMPRESSED:
        raise InputError(name, f"解压后超过 {MAX_UNCOMPRESSED // 2**20} MB，拒绝处理（疑似压缩炸弹）",
                         f"inflates beyond {MAX_UNCOMPRESSED // 2**20} MB; refused (zip bomb?)")


def extract_docx(data: BinaryIO, name: str) -> str:
    """Text of a .docx given as a binary stream (a file or BytesIO)."""
    return read_docx(data, name)[0]


def read_docx(data: BinaryIO, name: str, zones: dict | None = None) -> tuple[str, list[tuple[int, int, str, int]]]:
    """Text of a .docx and where each stretch of it came from: (start, end, block path, offset in
    the paragraph's text) per paragraph, the offset -1 for an automatic numbering label (which has
    no runs of its own); block paths and paragraph text as ``checker.base.ooxml`` defines them."""
    _check_zip(data, name)
    data.seek(0)
    import docx

    try:
        document = docx.Document(data)
        if zones is not None:  # what the file holds outside its body (headers, footers, notes…)
            from .zones import margin_zones
            zones.update(margin_zones(document))
        return _document_text(document)
    except _OverBudget as exc:
        raise InputError(name, f"Word 文件的{'段落' if exc.args[0] == 'paragraphs' else '表格单元格'}数量超过上限，不像一份年度报告，拒绝处理",
                         f"too many {exc.args[0]} in the Word file; refused") from exc
    except Exception as exc:  # noqa: BLE001 - python-docx and lxml raise many types on malformed packages
        raise InputError(name, f"Word 文件已损坏或格式不受支持（{exc.__class__.__name__}）",
                         f"broken or unsupported Word file ({exc.__class__.__name__}: {exc})") from exc


class _OverBudget(Exception):
    pass


def _stripped(paragraph) -> tuple[str, int]:
    """The paragraph's text without surrounding white space, and where it starts in the text."""
    text = paragraph_text(paragraph).replace("\r", "\n")
    stripped = text.strip()
    return stripped, (text.index(stripped) if stripped else 0)


def _document_text(document) -> tuple[str, list[tuple[int, int, str, int]]]:
    numbering = _Numbering(document)
    style_numbering = _style_numbering(document)
    lines: list[str] = []
    anchors: list[tuple[int, int, str, int]] = []
    position = [0]  # offset in the text where the next line starts
    budget = {"paragraphs": MAX_PARAGRAPHS, "cells": MAX_TABLE_CELLS}

    def spend(kind: str) -> None:
        budget[kind] -= 1
        if budget[kind] < 0:
            raise _OverBudget(kind)

    def add_line(line: str) -> None:
        lines.append(line)
        position[0] += len(line) + 1

    def add_paragraph(element, path: str) -> None:
        spend("paragraphs")
        text, lead = _stripped(element)
        num = _num_pr(element, style_numbering)
        label = numbering.label(*num) if num else ""
        if not (text or label):
            return
        start = position[0]
        # Word sets a tab between a numbering label and the text; where the text opens with a digit
        # the tab is written too, or "1." and "2020年…" would read as the figure 1.2020.
        gap = "\t" if len(label) > 1 and label[-1] in _LABEL_ENDS and label[-2].isdigit() and text[:1].isdigit() else ""
        if label:
            anchors.append((start, start + len(label), path, -1))
        if text:
            anchors.append((start + len(label) + len(gap), start + len(label) + len(gap) + len(text), path, lead))
        add_line(f"{label}{gap}{text}")

    body = document.element.body
    counts: dict[str, int] = {}
    for child in body.iterchildren():
        local = child.tag.rsplit("}", 1)[-1] if isinstance(child.tag, str) else ""
        index = counts[local] = counts.get(local, -1) + 1
        if child.tag == _W + "p":
            add_paragraph(child, f"p{index}")
        elif child.tag == _W + "tbl":
            _add_table(child, f"tbl{index}", document, spend, add_line, anchors, position)
    return "\n".join(lines), anchors


def _add_table(table, path: str, document, spend, add_line, anchors, position) -> None:
    """One line per row: the cells' text joined by tabs (a merged cell once, as python-docx repeats
    it for every grid column it spans), each cell's paragraphs joined by spaces."""
    from docx.table import Table

    rows = list(table.iterchildren(_W + "tr"))
    row_index = {tr: r for r, tr in enumerate(rows)}  # the list keeps each element's proxy, so identity holds
    for row in Table(table, document).rows:
        cells: list[str] = []
        pieces: list[list[tuple[int, int, str, int]]] = []
        for cell in row.cells:
            spend("cells")
            tc = cell._tc
            tr = tc.getparent()
            cell_path = f"{path}/tr{row_index.get(tr, 0)}/tc{list(tr.iterchildren(_W + 'tc')).index(tc)}"
            parts, offset, spans = [], 0, []
            for p_index, p in enumerate(tc.iterchildren(_W + "p")):
                text, lead = _stripped(p)
                if not text:
                    continue
                if parts:
                    offset += 1
                spans.append((offset, offset + len(text), f"{cell_path}/p{p_index}", lead))
                parts.append(text)
                offset += len(text)
            value = " ".join(parts)
            if not cells or cells[-1] != value:  # merged cells repeat their text
                cells.append(value)
                pieces.append(spans)
        if any(cells):
            start = position[0]
            for value, spans in zip(cells, pieces):
                anchors.extend((start + a, start + b, p, lead) for a, b, p, lead in spans)
                start += len(value) + 1
            add_line("\t".join(cells))
