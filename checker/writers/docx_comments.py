"""``--format docx``: the author's own document with each finding as a Word comment (批注).

For a .docx input the author's file is copied and annotated (the original is never changed); for
.txt, web pages and .pdf a clean .docx of the text is made and annotated the same way.  Each
comment sits on the runs of the paragraph where its finding is (a missing part: on the title, or
the first paragraph), author “fzcheck 自查工具”, and says what is wrong, how to fix it and which
clause requires it.  python-docx (1.2) writes the comments part; LibreOffice and Word open the
result without a repair prompt (the tests render it with LibreOffice).

Paragraphs are matched to the lines of the checked text in order: a .docx line is the paragraph's
text with its automatic numbering label in front (ingest/docx.py), and a table row is its cells
joined by tabs.  This writer reads the author's .docx only to copy it; it never re-analyses it.
"""
from __future__ import annotations

import io

from ..results import Checked, Place, RuleResult

AUTHOR = "fzcheck 自查工具"
INITIALS = "FZ"


def _blocks(document) -> list:
    """Paragraphs in body order, table cells included (as ingest reads them)."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    out = []
    for child in document.element.body.iterchildren():
        if child.tag == ns + "p":
            out.append(Paragraph(child, document))
        elif child.tag == ns + "tbl":
            for row in Table(child, document).rows:
                for cell in row.cells:
                    out.extend(cell.paragraphs)
    return out


def _line_blocks(lines: list[str], blocks: list) -> dict[int, tuple[object, int]]:
    """Line number (1-based) → (paragraph, offset of the paragraph's text within the line)."""
    mapping, cursor = {}, 0
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped:
            continue
        for index in range(cursor, min(len(blocks), cursor + 50)):
            text = blocks[index].text.strip()
            if text and (stripped.endswith(text) or text in stripped):
                offset = line.find(text)
                mapping[number] = (blocks[index], max(offset, 0))
                cursor = index + 1
                break
    return mapping


def _runs_at(paragraph, start: int, end: int) -> list:
    """The runs of a paragraph that cover [start, end) of its text (at least one run)."""
    runs = list(paragraph.runs)
    if not runs:
        return [paragraph.add_run("")]
    covering, position = [], 0
    for run in runs:
        length = len(run.text)
        if position < max(end, start + 1) and position + length > start:
            covering.append(run)
        position += length
    return covering or runs[:1]


def _comment_text(result: RuleResult, message: str, clauses: dict) -> str:
    cited = "；".join(clauses.get(c, {}).get("label", c) for c in result.spec)
    parts = [message]
    if message != result.message and result.message:
        parts.append(f"（{result.title}：{result.message}）")
    if result.hint:
        parts.append(f"修改建议：{result.hint}")
    if cited:
        parts.append(f"依据：{cited}")
    return "\n".join(parts)


def _document_for(checked: Checked, source: str | bytes | None):
    import docx

    report = checked.report
    if report.document.get("format") == "docx" and source:
        return docx.Document(io.BytesIO(source) if isinstance(source, bytes) else source)
    document = docx.Document()
    for line in checked.text.split("\n"):
        document.add_paragraph(line)
    return document


def render(checked: Checked, source: str | bytes | None = None) -> bytes:
    """The commented .docx as bytes; ``source``: the author's .docx (a path, or its bytes for an
    upload) when the report was read from one."""
    document = _document_for(checked, source)
    lines = checked.text.split("\n")
    mapping = _line_blocks(lines, _blocks(document))
    anchor_default = next(iter(mapping.values()), None)
    report = checked.report
    clauses = report.spec_clauses
    for result in report.results:
        if not result.counts_against:
            continue
        # A result without open findings (a missing part) is commented at the start of the text.
        places = [(f.message, f.place) for f in result.open_findings()] or [(result.message, Place(0, 0, 1, 1, 1, 1))]
        for message, place in places:
            paragraph, offset = mapping.get(place.line, anchor_default or (None, 0))
            if paragraph is None:
                continue
            start = max(0, place.column - 1 - offset)
            end = start + max(1, (place.end_column - place.column) if place.end_line == place.line else 1)
            document.add_comment(_runs_at(paragraph, start, end), text=_comment_text(result, message, clauses),
                                 author=AUTHOR, initials=INITIALS)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
