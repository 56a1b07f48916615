"""Text a Word file holds outside its body: headers, footers, footnotes, endnotes, text boxes and
embedded documents (altChunk).  None of it is part of the report's text (its outline, figures and
wording rules read the body), but all of it is published with the file, so the publication rules
(personal data, restricted markings) read it too.  Each is its own zone of the document model.

Read from the package python-docx has already opened (the parts were size-checked by
``docx._check_zip``), with XML parsed without entities or network; at most ``MAX_ZONE_CHARS``
characters in all."""
from __future__ import annotations

import re

from ..base.ooxml import W

MAX_ZONE_CHARS = 200_000
MAX_EMBEDDED_BYTES = 4 * 1024 * 1024
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PARTS = (("header", re.compile(r"^/word/header\d*\.xml$")), ("footer", re.compile(r"^/word/footer\d*\.xml$")),
          ("footnotes", re.compile(r"^/word/footnotes\.xml$")), ("endnotes", re.compile(r"^/word/endnotes\.xml$")))


def _paragraphs(root) -> list[str]:
    lines = []
    for paragraph in root.iter(W + "p"):
        if _inside_fallback(paragraph):
            continue
        text = "".join(node.text or "" for node in paragraph.iter(W + "t"))
        if text.strip():
            lines.append(text.strip())
    return lines


def _inside_fallback(element) -> bool:
    """A text box is written twice (DrawingML, and VML as mc:Fallback for old readers): read once."""
    parent = element.getparent()
    while parent is not None:
        if parent.tag == _MC + "Fallback":
            return True
        parent = parent.getparent()
    return False


def _xml(blob: bytes):
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    return etree.fromstring(blob, parser)


def margin_zones(document) -> dict[str, str]:
    """Zone → text, for the zones that hold any."""
    zones: dict[str, list[str]] = {}
    left = MAX_ZONE_CHARS

    def add(zone: str, lines: list[str]) -> None:
        nonlocal left
        for line in lines:
            if left <= 0:
                return
            zones.setdefault(zone, []).append(line[:left])
            left -= len(line)

    for part in sorted(document.part.package.iter_parts(), key=lambda p: str(p.partname)):
        name = str(part.partname)
        zone = next((zone for zone, pattern in _PARTS if pattern.match(name)), None)
        if zone is not None:
            add(zone, _paragraphs(_xml(part.blob)))
    body = document.element.body
    boxes = [box for box in body.iter(W + "txbxContent") if not _inside_fallback(box)]
    add("textboxes", [line for box in boxes for line in _paragraphs(box)])
    for chunk in body.iter(W + "altChunk"):
        part = document.part.related_parts.get(chunk.get(_R_ID))
        if part is not None:
            add("altchunk", _chunk_lines(part))
    return {zone: "\n".join(lines) for zone, lines in zones.items() if lines}


def _decoded(blob: bytes) -> str:
    try:
        return blob.decode("utf-8-sig")
    except UnicodeDecodeError:
        return blob.decode("gb18030", "replace")


def _chunk_lines(part) -> list[str]:
    """An embedded document's text: HTML, plain text or WordprocessingML (never another file's chunks)."""
    kind, blob = part.content_type, part.blob
    try:
        if blob[:2] == b"PK":  # an embedded .docx: its body only, size-limited
            import io
            import zipfile

            with zipfile.ZipFile(io.BytesIO(blob)) as archive, archive.open("word/document.xml") as body:
                data = body.read(MAX_EMBEDDED_BYTES + 1)
            return _paragraphs(_xml(data)) if len(data) <= MAX_EMBEDDED_BYTES else []
        if "html" in kind:
            import lxml.html

            return [line.strip() for line in lxml.html.fromstring(_decoded(blob)).text_content().splitlines()
                    if line.strip()]
        if kind.startswith("text/plain"):
            return [line.strip() for line in _decoded(blob).splitlines() if line.strip()]
        if "wordprocessingml" in kind or kind.endswith("+xml"):
            return _paragraphs(_xml(blob))
    except Exception:  # noqa: BLE001 - a damaged embedded part is left out, the report is still read
        return []
    return []
