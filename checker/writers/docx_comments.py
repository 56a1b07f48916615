"""``--format docx``: the author's own document with each finding as a Word comment (批注), and the
fixes whose one right form the rule knows as tracked changes (修订).

For a .docx input the author's package is copied and annotated (the original is never changed);
for .txt, web pages and .pdf a .docx of the text is made (A4, one paragraph per line) and annotated
the same way.

Where a comment goes is read from the finding, never guessed: a .docx finding carries its anchor
(block path and character offsets in the paragraph's text, recorded by ingest; see
``checker.base.ooxml``), and the writer splits runs at those offsets as Word does, so the comment covers
exactly the flagged words, in the table cell they are in.  A finding about a part as a whole is
anchored on the part's heading (the check points it there); a failing result with no finding at
all on the document's first line.  One comment per finding: the problem, the fix, the basis once
(an article number that is not verified is left out, the document is named).

A finding with a fix (习近平法制思想 → 习近平法治思想) becomes a deletion and an insertion by
“fzcheck 自查工具” beside its comment, which the author accepts or rejects in Word's 审阅 pane;
``revisions=False`` leaves them out (the tracked-change XML is made by ``checker.writers.revisions``,
as the web edits' is).  Comments and revisions by that author from an earlier run are
removed first (its deletions restored, its insertions dropped: ingest read the text that way), so a
re-check replaces them; everybody else's comments and revisions stay.  Only WordprocessingML 2006
elements are written (no w14/w15 extensions), which Word, WPS and LibreOffice all read.
"""
from __future__ import annotations

import io
from dataclasses import dataclass

from ..base.ooxml import (AUTHOR, INITIALS, W, find_block, is_own, run_text, runs_in, settled, split_at, text_runs,
                          timestamp)
from ..results import Checked, DocxRange, RuleResult
from .common import xml_text
from .revisions import WRAPPERS, Revisions, element, text_run

_MARKUP = {W + "bookmarkStart", W + "bookmarkEnd", W + "commentRangeStart", W + "commentRangeEnd",
           W + "proofErr", W + "permStart", W + "permEnd"}
_PLAIN_TEXT = {W + "rPr", W + "t", W + "tab", W + "ptab", W + "noBreakHyphen", W + "lastRenderedPageBreak"}

COMMENTED_SUFFIX = "-批注.docx"  # the commented copy's name after the input's stem (the web download too)


@dataclass(frozen=True)
class Note:
    """One comment to write: where (paragraph pieces), the problem, the advice when there is no
    fix, the basis, and the fix it offers."""
    pieces: tuple[DocxRange, ...]
    problem: str
    advice: str = ""
    basis: str = ""
    fix: str | None = None

    def text(self, revised: bool) -> str:
        """Problem, fix (said to be marked as a tracked change only when it is), basis: each once."""
        parts = [self.problem]
        if self.fix is not None:
            parts.append(f"修改：改为“{self.fix}”" + ("（已标为修订，在“审阅”中接受即可）" if revised else ""))
        elif self.advice:
            parts.append(f"修改建议：{self.advice}")
        if self.basis:
            parts.append(f"依据：{self.basis}")
        return "\n".join(parts)


def render(checked: Checked, source: str | bytes | None = None, revisions: bool = True) -> bytes:
    """The commented .docx as bytes; ``source``: the author's .docx (a path, or its bytes for an
    upload) when the report was read from one; ``revisions``: offer fixes as tracked changes."""
    document, own = _document_for(checked, source)
    if own:
        remove_own_annotations(document)
    writer = _Writer(document, revisions)
    for note in notes(checked, own):
        writer.add(note)
    writer.tidy()
    buffer = io.BytesIO()
    document.save(buffer)
    return settled(buffer.getvalue())


def _document_for(checked: Checked, source: str | bytes | None):
    import docx

    if checked.report.document.get("format") == "docx" and source:
        return docx.Document(io.BytesIO(source) if isinstance(source, bytes) else source), True
    return text_document(checked.text), False


def text_document(text: str):
    """A .docx of plain text, one paragraph per line, on A4 in the 公文 body font."""
    import docx
    from docx.shared import Mm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = "仿宋_GB2312", Pt(16)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(W + "eastAsia", "仿宋_GB2312")
    for line in text.split("\n"):
        document.add_paragraph(xml_text(line))  # one character for one: offsets into the text hold
    return document


def notes(checked: Checked, own: bool) -> list[Note]:
    """The comments for a report, in report order: one per open finding of a result that counts,
    one per failing result without a finding."""
    report = checked.report
    lines = checked.text.split("\n")
    out = []
    for result in report.results:
        if not result.counts_against:
            continue
        findings = result.open_findings()
        if not findings:
            out.append(Note((), result.message, result.hint, basis(result, report.spec_clauses)))
            continue
        for finding in findings:
            place = finding.place
            if own:
                pieces = tuple(place.anchor or ())
            else:  # the writer's own document: paragraph n is line n + 1 of the text
                pieces = tuple(_line_pieces(place, lines))
            out.append(Note(pieces, finding.message or result.message, result.hint, basis(result, report.spec_clauses),
                            finding.fix))
    return out


def _line_pieces(place, lines: list[str]) -> list[DocxRange]:
    out = []
    for line in range(place.line, min(place.end_line, len(lines)) + 1):
        start = place.column - 1 if line == place.line else 0
        end = place.end_column - 1 if line == place.end_line else -1
        if line != place.line and end == 0:
            continue  # a span ending at a line's start does not reach into that line
        out.append(DocxRange(f"p{line - 1}", start, end))
    return out


def basis(result: RuleResult, clauses: dict) -> str:
    """The clauses a result rests on, each once: an article number only where it is verified."""
    cited = []
    for clause_id in result.spec:
        clause = clauses.get(clause_id, {})
        label = clause.get("label", clause_id) if clause.get("verified") else clause.get("document") or ""
        if label and label not in cited:
            cited.append(label)
    return "；".join(cited)


# ---------------------------------------------------------------------------------------------
# Earlier runs' annotations


def _commentselement(document, create: bool):
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    part = document.part
    if not create and not any(rel.reltype == RT.COMMENTS for rel in part.rels.values()):
        return None
    return document.comments._comments_elm


def remove_own_annotations(document) -> None:
    """Removes the comments and tracked changes an earlier fzcheck run wrote: its comments (and their
    ranges and references), its insertions; its deletions are restored as plain text."""
    body = document.element.body
    comments = _commentselement(document, create=False)
    ids = set()
    paragraphs = set()  # Word's ids of the removed comments' paragraphs (w14:paraId)
    if comments is not None:
        for comment in list(comments.iterchildren(W + "comment")):
            if is_own(comment):
                ids.add(comment.get(W + "id"))
                paragraphs.update(p.get(W14 + "paraId") for p in comment.iter(W + "p"))
                comments.remove(comment)
    paragraphs.discard(None)
    if paragraphs:
        _drop_comment_extensions(document, paragraphs)
    for element in list(body.iter(W + "commentRangeStart", W + "commentRangeEnd")):
        if element.get(W + "id") in ids:
            element.getparent().remove(element)
    for reference in list(body.iter(W + "commentReference")):
        if reference.get(W + "id") in ids:
            run = reference.getparent()
            if run.tag == W + "r" and all(c is reference or c.tag == W + "rPr" for c in run):
                run.getparent().remove(run)
            else:
                run.remove(reference)
    for inserted in [e for e in body.iter(W + "ins") if is_own(e) and e.getparent().tag != W + "rPr"]:
        inserted.getparent().remove(inserted)
    for deleted in [e for e in body.iter(W + "del") if is_own(e) and e.getparent().tag != W + "rPr"]:
        for child in list(deleted):
            _undelete(child)
            deleted.addprevious(child)
        deleted.getparent().remove(deleted)


W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
_EXTENSIONS = {  # Word's parts beside comments.xml, keyed by the comment's paragraph or durable id
    "commentsExtended": ("{http://schemas.microsoft.com/office/word/2012/wordml}", "paraId", "paraIdParent"),
    "commentsIds": ("{http://schemas.microsoft.com/office/word/2016/wordml/cid}", "paraId", None),
    "commentsExtensible": ("{http://schemas.microsoft.com/office/word/2018/wordml/cex}", "durableId", None),
}


def _drop_comment_extensions(document, paragraphs: set[str]) -> None:
    """Removes the entries Word keeps for the removed comments in commentsExtended, commentsIds
    and commentsExtensible (a file saved by Word has them), so none points at a missing comment;
    a reply to a removed comment becomes a comment of its own."""
    from lxml import etree

    parts = {}
    for rel in document.part.rels.values():
        if rel.is_external:
            continue
        name = str(rel.target_part.partname).rsplit("/", 1)[-1].split(".")[0]
        if name in _EXTENSIONS and not hasattr(rel.target_part, "element"):
            parts[name] = rel.target_part
    durable: set[str] = set()
    for name in ("commentsExtended", "commentsIds", "commentsExtensible"):
        part = parts.get(name)
        if part is None:
            continue
        namespace, key, parent_key = _EXTENSIONS[name]
        try:
            root = etree.fromstring(part.blob)
        except etree.XMLSyntaxError:
            continue
        gone = durable if key == "durableId" else paragraphs
        for entry in list(root):
            if entry.get(namespace + key) in gone:
                if name == "commentsIds" and entry.get(namespace + "durableId"):
                    durable.add(entry.get(namespace + "durableId"))
                root.remove(entry)
            elif parent_key and entry.get(namespace + parent_key) in paragraphs:
                del entry.attrib[namespace + parent_key]
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _undelete(run) -> None:
    for element in run.iter(W + "delText", W + "delInstrText"):
        element.tag = W + ("t" if element.tag == W + "delText" else "instrText")


# ---------------------------------------------------------------------------------------------
# Writing


class _Writer:
    def __init__(self, document, revisions: bool):
        self.document = document
        self.body = document.element.body
        self.date = timestamp()
        # The fixes' tracked changes; their ids are kept clear of comment and bookmark ids.
        self.revisions = Revisions(self.body, AUTHOR, 1_000_000, self.date) if revisions else None
        self.fallback = None
        self.blocks: dict = {}  # find_block's cache: this writer adds and removes no paragraphs or tables
        self.comments = None  # the comments part's root, made when the first comment is added
        self.comment_id = 0

    def add(self, note: Note) -> None:
        located = [(p, piece) for piece in note.pieces
                   if (p := find_block(self.body, piece.block, self.blocks)) is not None]
        if located:
            # A comment stays within one story: the body, or one table cell.
            container = located[0][0].getparent()
            located = [(p, piece) for p, piece in located if p.getparent() is container]
        if not located:
            paragraph = self._first_paragraph()
            if paragraph is None:
                return
            located = [(paragraph, DocxRange("", 0, -1))]
        spans = []
        for paragraph, piece in located:
            length = sum(len(run_text(r)) for r in text_runs(paragraph))
            start = min(max(piece.start, 0), length)
            end = length if piece.end < 0 else min(piece.end, length)
            if end <= start:  # an empty span: the character it stands before (or the last one)
                start, end = (start, start + 1) if start < length else (max(length - 1, 0), length)
            split_at(paragraph, start)
            split_at(paragraph, end)
            spans.append((paragraph, start, end))
        revised = None
        if note.fix is not None and self.revisions is not None and len(spans) == 1:
            revised = self._revise(*spans[0], note.fix)
        self._mark(spans, self._comment(xml_text(note.text(revised is not None))), revised)

    def _comment(self, text: str) -> str:
        """Adds a comment (one paragraph per line of ``text``) to the comments part; its id.  Ids
        are counted here: python-docx looks every existing id up again for each new comment, which
        makes a report with thousands of findings take minutes."""
        if self.comments is None:
            self.comments = _commentselement(self.document, create=True)
            self.comment_id = 1 + max((int(v) for c in self.comments.iterchildren(W + "comment")
                                       if (v := c.get(W + "id", "")).isdigit()), default=-1)
        comment = element("comment", id=str(self.comment_id), author=AUTHOR, initials=INITIALS, date=self.date)
        for number, line in enumerate(text.split("\n")):
            paragraph = element("p")
            properties = element("pPr")
            properties.append(element("pStyle", val="CommentText"))
            paragraph.append(properties)
            if number == 0:  # the mark Word shows at the comment's start
                mark = element("r")
                style = element("rPr")
                style.append(element("rStyle", val="CommentReference"))
                mark.append(style)
                mark.append(element("annotationRef"))
                paragraph.append(mark)
            paragraph.append(text_run(line))
            comment.append(paragraph)
        self.comments.append(comment)
        self.comment_id += 1
        return str(self.comment_id - 1)

    def _first_paragraph(self):
        if self.fallback is None:
            self.fallback = next((p for p in self.body.iter(W + "p") if any(run_text(r) for r in text_runs(p))), None)
        return self.fallback

    def _revise(self, paragraph, start: int, end: int, fix: str):
        """Replaces [start, end) of the paragraph's text by ``fix`` as a tracked deletion and
        insertion; None (and nothing changed) where the runs cannot take it cleanly: another
        revision, a field or an object among them, or runs in different containers."""
        runs = runs_in(paragraph, start, end)
        if not runs or any(r.getparent().tag in WRAPPERS for r in runs):
            return None
        parent = runs[0].getparent()
        stretch, current = [], runs[0]
        while current is not None:
            if current.tag not in _MARKUP and (current.tag != W + "r" or any(c.tag not in _PLAIN_TEXT for c in current)):
                return None
            stretch.append(current)
            if current is runs[-1]:
                break
            current = current.getnext()
        if current is None or any(r.getparent() is not parent for r in runs):
            return None
        deleted = self.revisions.delete(stretch)
        inserted = self.revisions.insert(xml_text(fix), runs[0].find(W + "rPr"))
        deleted.addnext(inserted)
        return deleted, inserted

    def _mark(self, spans, comment_id: str, revised) -> None:
        first, start, _ = spans[0]
        last, _, end = spans[-1]
        opening = element("commentRangeStart", id=comment_id)
        closing = element("commentRangeEnd", id=comment_id)
        if revised is not None:
            revised[0].addprevious(opening)
            revised[1].addnext(closing)
        else:
            runs = runs_in(first, start, end if first is last else None)
            if runs:
                _outside(runs[0]).addprevious(opening)
            else:
                _insert_at_start(first, opening)
            runs = runs_in(last, start if first is last else 0, end)
            if runs:
                _outside(runs[-1], at_end=True).addnext(closing)
            else:
                last.append(closing)
        reference = element("r")
        properties = element("rPr")
        properties.append(element("rStyle", val="CommentReference"))
        reference.append(properties)
        reference.append(element("commentReference", id=comment_id))
        beside = closing
        while beside.getparent().tag in WRAPPERS:  # the reference run is nobody's revision
            beside = beside.getparent()
        following = beside.getnext()
        if beside.tag == W + "del" and following is not None and following.tag == W + "ins" and is_own(following):
            beside = following  # nor does it come between a fix's deletion and its insertion
        beside.addnext(reference)

    def tidy(self) -> None:
        """The comments part declares only the namespaces it uses (python-docx's template declares
        w14 and drawing namespaces it never uses)."""
        from lxml import etree

        comments = _commentselement(self.document, create=False)
        if comments is not None:
            etree.cleanup_namespaces(comments)


def _outside(run, at_end: bool = False):
    """The element a comment marker goes beside: the run itself, or fzcheck's own revision holding
    it when the run is that revision's first (a start) or last (an end) run, so a comment on a fixed
    stretch covers the deletion and the insertion after it.  Inside a revision the marker stays by
    the run, so the comment covers just its words."""
    parent = run.getparent()
    if parent.tag != W + "del" or not is_own(parent):
        return run
    runs = [child for child in parent if child.tag == W + "r"]
    if run is not (runs[-1] if at_end else runs[0]):
        return run
    following = parent.getnext()
    if at_end and following is not None and following.tag == W + "ins" and is_own(following):
        return following
    return parent


def _insert_at_start(paragraph, element) -> None:
    properties = paragraph.find(W + "pPr")
    if properties is not None:
        properties.addnext(element)
    else:
        paragraph.insert(0, element)
