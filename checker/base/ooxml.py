"""WordprocessingML facts shared by the .docx reader (ingest) and the .docx writer.

Both sides must agree on two things for an anchor to mean the same place: which element a block
path names, and which runs make up a paragraph's text (and so what a character offset is).  They
are spelled here once.

A block path names a paragraph from ``w:body`` down, each step the element's local name and its
position among the siblings of that name: ``p12`` (the 13th body paragraph), ``tbl1/tr3/tc0/p0``
(the first paragraph of the first cell of the fourth row of the second table).  Counting siblings
of one name keeps a path valid when comment markers or revision wrappers come and go beside it.

A paragraph's text is the text of its runs in order: runs directly in the paragraph, in hyperlinks
and smart tags, and inside other people's tracked insertions; tracked deletions are left out, as
Word shows the text once the changes are accepted.  Revisions written by fzcheck itself are read as
if they had been rejected (its deletions count, its insertions do not), so that checking a
commented copy again finds the same things in the same places and replaces them.

The package a writer saves (.docx or .xlsx) goes through ``settled`` last, so that its member times,
like every date in it, are the run's moment.
"""
from __future__ import annotations

import copy

from .clock import moment, pinned

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{" + W_NS + "}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
AUTHOR = "fzcheck 自查工具"   # author of fzcheck's comments and tracked changes
INITIALS = "FZ"

_CONTAINERS = (W + "hyperlink", W + "smartTag")
_TEXT = {W + "t": None, W + "delText": None, W + "tab": "\t", W + "ptab": "\t", W + "noBreakHyphen": "-",
         W + "cr": "\n"}


def timestamp() -> str:
    """The w:date of the comments and tracked changes fzcheck writes: the run's moment
    (``checker.base.clock``)."""
    return moment().strftime("%Y-%m-%dT%H:%M:%SZ")


def settled(package: bytes) -> bytes:
    """An OOXML package (a zip) with every member's time set to the run's moment when
    ``SOURCE_DATE_EPOCH`` fixes it (zip times cannot go before 1980); otherwise unchanged.  The
    libraries that write .docx and .xlsx files stamp each member with the time of saving, so two
    runs a second apart would otherwise differ."""
    if not pinned():
        return package
    import io
    import zipfile

    when = max(moment().timetuple()[:6], (1980, 1, 1, 0, 0, 0))
    source = zipfile.ZipFile(io.BytesIO(package))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, when)
            member.compress_type, member.external_attr = info.compress_type, info.external_attr
            target.writestr(member, source.read(info))
    return buffer.getvalue()


def is_own(element) -> bool:
    """Whether a revision or comment element was written by fzcheck."""
    return element.get(W + "author") == AUTHOR


def text_runs(paragraph) -> list:
    """The ``w:r`` elements whose text makes up the paragraph's text, in order."""
    out = []
    for child in paragraph.iterchildren():
        tag = child.tag
        if tag == W + "r":
            out.append(child)
        elif tag in _CONTAINERS:
            out.extend(text_runs(child))
        elif tag == W + "ins":
            if not is_own(child):
                out.extend(c for c in child.iterchildren(W + "r"))
        elif tag == W + "del":
            if is_own(child):
                out.extend(c for c in child.iterchildren(W + "r"))
    return out


def piece_text(element) -> str:
    """The text one child of a run stands for (python-docx's reading: a line break is a newline,
    a page or column break nothing)."""
    tag = element.tag
    if tag == W + "br":
        return "\n" if element.get(W + "type", "textWrapping") == "textWrapping" else ""
    if tag not in _TEXT:
        return ""
    fixed = _TEXT[tag]
    return (element.text or "") if fixed is None else fixed


def run_text(run) -> str:
    return "".join(piece_text(child) for child in run.iterchildren())


def paragraph_text(paragraph) -> str:
    return "".join(run_text(run) for run in text_runs(paragraph))


def find_block(body, path: str, cache: dict | None = None):
    """The element a block path names, or None when the document has no such element.  ``cache``
    (a dict the caller keeps while no block is added or removed) holds each parent's children of a
    name, so finding many paragraphs of a long document stays linear."""
    element = body
    for step in path.split("/"):
        name = step.rstrip("0123456789")
        digits = step[len(name):]
        if not name or not digits:
            return None
        wanted, index = W + name, int(digits)
        if cache is None:
            element = next((child for i, child in enumerate(element.iterchildren(wanted)) if i == index), None)
        else:
            key = (element, wanted)
            if key not in cache:
                cache[key] = list(element.iterchildren(wanted))
            children = cache[key]
            element = children[index] if index < len(children) else None
        if element is None:
            return None
    return element


def runs_in(paragraph, start: int, end: int | None) -> list:
    """The runs with text lying within [start, end) of the paragraph's text (``end`` None: to the
    paragraph's end), once the paragraph has been split there."""
    out, position = [], 0
    for run in text_runs(paragraph):
        length = len(run_text(run))
        if length and position >= start and (end is None or position + length <= end):
            out.append(run)
        position += length
    return out


def split_at(paragraph, offset: int) -> None:
    """Makes a run boundary at ``offset`` of the paragraph's text (a run is cut in two, each half
    with the run's own properties, as Word does when a comment starts inside a run)."""
    position = 0
    for run in text_runs(paragraph):
        length = len(run_text(run))
        if position < offset < position + length:
            _split_run(run, offset - position)
            return
        position += length
        if position >= offset:
            return


def _split_run(run, at: int) -> None:
    right = run.makeelement(W + "r", {})
    for key, value in run.attrib.items():
        right.set(key, value)
    properties = run.find(W + "rPr")
    if properties is not None:
        right.append(copy.deepcopy(properties))
    position = 0
    for child in list(run):
        if child.tag == W + "rPr":
            continue
        length = len(piece_text(child))
        if position >= at:
            right.append(child)
        elif position + length > at:  # a text element across the cut: its tail goes right
            tail = copy.deepcopy(child)
            cut = at - position
            tail.text, child.text = child.text[cut:], child.text[:cut]
            for element in (tail, child):
                element.set(XML_SPACE, "preserve")
            right.append(tail)
        position += length
    run.addnext(right)
