"""The author's edits made on the web page, written into their own .docx as tracked changes (修订).

The page shows the text ingest read from the uploaded .docx; the author edits it in the text box.
For the Word download those edits go back into the author's package paragraph by paragraph: lines
are matched (difflib), a changed line's changed characters become a deletion and an insertion in
that paragraph (or table cell), a removed line a deleted paragraph, an added line an inserted
paragraph.  Where an edit does not map onto the package (it touches an automatic numbering label,
crosses table cells, or adds or removes a table row) nothing is forced: :func:`apply_edits`
answers why, and the caller says so and offers a file made from the text under another name.

Positions come from ingest's anchors (``Source.anchors``: line stretches → block path and offset in
the paragraph's text, see ``checker.base.ooxml``); the package is only copied and changed here.
"""
from __future__ import annotations

import copy
import difflib
import io
from dataclasses import dataclass

from ..base.ooxml import W, find_block, run_text, runs_in, settled, split_at, text_runs
from .revisions import WRAPPERS, Revisions, element

EDIT_AUTHOR = "作者（在 fzcheck 网页中修改）"


class NotApplicable(Exception):
    """An edit that cannot be written into the package as a tracked change (the reason in Chinese)."""


@dataclass(frozen=True)
class Edited:
    package: bytes
    paragraphs: int   # paragraphs changed, added or removed


def normalized(text: str) -> str:
    """The edited text as ingest reads a .docx: lines without surrounding spaces, no empty lines."""
    return "\n".join(line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n") if line.strip())


def apply_edits(package: bytes, old_text: str, anchors: list, new_text: str) -> Edited:
    """The package with ``new_text``'s differences from ``old_text`` as tracked changes; raises
    :class:`NotApplicable` when an edit cannot be placed."""
    import docx

    if not anchors:
        raise NotApplicable("读取原文件时没有得到段落位置")
    document = docx.Document(io.BytesIO(package))
    editor = _Editor(document, old_text, anchors)
    old_lines, new_lines = old_text.split("\n"), normalized(new_text).split("\n")
    changed = 0
    # Right to left, bottom to top: an edit never moves the positions of the ones still to do.
    opcodes = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in reversed(opcodes):
        if tag == "equal":
            continue
        paired = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        # Deleted paragraphs stay in place (marked), so the block paths of the lines above hold;
        # new paragraphs go in below every line still to be changed.
        for index in reversed(range(i1 + paired, i2)):
            editor.delete_line(index)
        if j1 + paired < j2:
            editor.insert_lines(i1 + paired, new_lines[j1 + paired:j2])
        for offset in reversed(range(paired)):
            editor.change_line(i1 + offset, new_lines[j1 + offset])
        changed += max(i2 - i1, j2 - j1)
    buffer = io.BytesIO()
    document.save(buffer)
    return Edited(settled(buffer.getvalue()), changed)


class _Editor:
    def __init__(self, document, text: str, anchors: list):
        self.body = document.element.body
        self.lines = text.split("\n")
        starts, position = [], 0
        for line in self.lines:
            starts.append(position)
            position += len(line) + 1
        self.segments: list[list[tuple[int, int, str, int]]] = [[] for _ in self.lines]
        line = 0
        for start, end, path, offset in anchors:
            while line + 1 < len(starts) and starts[line + 1] <= start:
                line += 1
            self.segments[line].append((start - starts[line], end - starts[line], path, offset))
        # Ids clear of those the comments writer gives its own revisions when it comments the result.
        self.revisions = Revisions(self.body, EDIT_AUTHOR, 2_000_000)

    def _paragraph_of(self, line: int):
        """The one body paragraph a line came from, or why it has none."""
        blocks = {path for _, _, path, _ in self.segments[line]}
        if len(blocks) != 1 or "/" in next(iter(blocks)):
            raise NotApplicable(f"第 {line + 1} 行是表格中的一行，增删表格行请在 Word 中进行")
        paragraph = find_block(self.body, next(iter(blocks)))
        if paragraph is None:
            raise NotApplicable(f"第 {line + 1} 行在原文件中找不到")
        return paragraph

    def change_line(self, line: int, new: str) -> None:
        old = self.lines[line]
        operations = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
        for tag, a1, a2, b1, b2 in reversed(operations):
            if tag == "equal":
                continue
            path, start, end = self._locate(line, a1, a2)
            paragraph = find_block(self.body, path)
            if paragraph is None:
                raise NotApplicable(f"第 {line + 1} 行在原文件中找不到")
            self._replace(paragraph, start, end, new[b1:b2])

    def _locate(self, line: int, a1: int, a2: int) -> tuple[str, int, int]:
        """The paragraph and its offsets holding [a1, a2) of a line: within one stretch of text
        (an insertion may sit at either end of one)."""
        for start, end, path, offset in self.segments[line]:
            if offset < 0:
                continue
            if start <= a1 and a2 <= end:
                return path, offset + a1 - start, offset + a2 - start
        raise NotApplicable(f"第 {line + 1} 行的修改涉及 Word 自动编号或跨越表格单元格")

    def _replace(self, paragraph, start: int, end: int, text: str) -> None:
        split_at(paragraph, start)
        split_at(paragraph, end)
        runs = runs_in(paragraph, start, end) if end > start else []
        properties = None
        if runs:
            if any(r.getparent().tag in WRAPPERS for r in runs) or \
                    len({id(r.getparent()) for r in runs}) != 1:
                raise NotApplicable("修改的文字已有他人的修订")
            properties = runs[0].find(W + "rPr")
            anchor = self.revisions.delete(runs)
        else:  # an insertion: before the run that starts there, in the properties of the text it joins
            anchor = None
            position = 0
            for run in text_runs(paragraph):
                if position >= start and run_text(run):
                    anchor = ("before", run)
                    if properties is None:
                        properties = run.find(W + "rPr")
                    break
                position += len(run_text(run))
                properties = run.find(W + "rPr") if run_text(run) else properties
        if not text:
            return
        inserted = self.revisions.insert(text, properties)
        if anchor is None:
            paragraph.append(inserted)
        elif isinstance(anchor, tuple):
            _outside(anchor[1]).addprevious(inserted)
        else:
            anchor.addnext(inserted)

    def delete_line(self, line: int) -> None:
        paragraph = self._paragraph_of(line)
        if any(offset < 0 for _, _, _, offset in self.segments[line]):
            raise NotApplicable(f"第 {line + 1} 行带 Word 自动编号，删除请在 Word 中进行")
        for run in text_runs(paragraph):
            if run.getparent().tag in WRAPPERS:
                raise NotApplicable("删除的段落已有他人的修订")
        for run in text_runs(paragraph):
            self.revisions.delete([run])
        _paragraph_mark(paragraph).append(self.revisions.mark("del"))

    def insert_lines(self, before: int, lines: list[str]) -> None:
        """New paragraphs for ``lines``, after the paragraph of line ``before - 1`` (or before the
        paragraph of the first line), with that paragraph's properties except its numbering."""
        if before > 0:
            neighbour = self._paragraph_of(before - 1)
            place = neighbour.addnext
        else:
            neighbour = self._paragraph_of(0)
            place = neighbour.addprevious
        for text in (lines if before == 0 else reversed(lines)):
            paragraph = _new_paragraph(neighbour)
            _paragraph_mark(paragraph).append(self.revisions.mark("ins"))
            paragraph.append(self.revisions.insert(text))
            place(paragraph)


def _outside(run):
    parent = run.getparent()
    return parent if parent.tag in WRAPPERS else run


def _new_paragraph(neighbour):
    paragraph = element("p")
    properties = neighbour.find(W + "pPr")
    if properties is not None:
        properties = copy.deepcopy(properties)
        for unwanted in properties.findall(W + "numPr") + properties.findall(W + "rPr") + properties.findall(W + "sectPr"):
            properties.remove(unwanted)
        paragraph.append(properties)
    return paragraph


def _paragraph_mark(paragraph):
    """The paragraph mark's run properties (w:pPr/w:rPr), created where missing, in schema order."""
    properties = paragraph.find(W + "pPr")
    if properties is None:
        properties = element("pPr")
        paragraph.insert(0, properties)
    mark = properties.find(W + "rPr")
    if mark is None:
        mark = element("rPr")
        # w:rPr comes after the paragraph's other properties except sectPr and pPrChange.
        later = [c for c in properties if c.tag in (W + "sectPr", W + "pPrChange")]
        if later:
            later[0].addprevious(mark)
        else:
            properties.append(mark)
    return mark
