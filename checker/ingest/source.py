"""The result of ingest: decoded text plus what the container told us about it."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Source:
    """Text recovered from an input file.

    ``text`` keeps the file's own lines (line ends folded to ``\\n``) so that line numbers in
    findings match what the author sees.  ``residue`` lists the spans of web-page residue lines
    (breadcrumbs, share widgets ...) that the document layer must ignore; ``meta`` holds page
    metadata such as the publication date found in such lines or in HTML ``<meta>`` tags
    (``written``, ``published``, ``issuer``, ``title``, ``doc_number``, ``source``); ``page`` keeps every
    field of the page's 政务公开 information table under its canonical label.  ``anchors`` (a .docx
    only) says where each stretch of the text came from: (start, end, block path, offset in that
    paragraph's text, -1 for a numbering label), in text order (``checker.base.ooxml`` defines paths).
    """

    text: str
    format: str  # txt | html | docx | pdf
    path: str | None = None
    encoding: str | None = None
    sha256: str | None = None
    meta: dict[str, str] = field(default_factory=dict)
    residue: list[tuple[int, int]] = field(default_factory=list)
    page: dict[str, str] = field(default_factory=dict)
    anchors: list[tuple[int, int, str, int]] = field(default_factory=list)
    # Text published with the file outside its body (a Word file's headers, footers, notes, text boxes,
    # embedded documents: ingest/zones.py), by zone; read by the publication rules, not part of ``text``.
    zones: dict[str, str] = field(default_factory=dict)
    # What a saved page says about who published it: (zone, text) in page order, zone one of source,
    # author_unit, site, host, repost (ingest/publisher.py); the table's 发布机构 stays in ``page``.
    publisher: list[tuple[str, str]] = field(default_factory=list)
