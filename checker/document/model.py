"""The document model every check reads: outline with roles, metadata, items and figures.

All offsets held here are offsets into the normalised text (``Document.norm.text``); they are
mapped back to the original text only when findings or the model are written out.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Any
from dataclasses import dataclass, field

from ..ingest.source import Source
from .figures import Figure
from .normalize import NormalText

from ..base.given import Given  # noqa: F401 (re-exported)
from ..base.vocab import ROLES  # noqa: F401 (re-exported)


@dataclass
class Paragraph:
    start: int
    end: int


@dataclass
class Heading:
    start: int          # start of the marker
    end: int            # end of the heading sentence (run-in text follows it)
    marker: str         # 一、 / (一) / 1. / (1) / 第一部分; empty for a bare heading line
    kind: str           # bare | part | cn | paren_cn | num | paren_num
    number: int         # for bare headings their ordinal (nothing is written on the page)
    text: str           # heading words without marker or closing punctuation
    run_in: bool        # the paragraph goes on after the heading sentence
    unended: bool = False  # run-in heading with no 。 after it: the text is its first clause only


@dataclass
class Section:
    heading: Heading
    level: int
    start: int
    end: int
    role: str = "none"
    role_source: str | None = None  # heading | thematic | inside_achievements
    children: list["Section"] = field(default_factory=list)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Item:
    """One inline enumeration item (一是 … 二是 …)."""

    number: int
    start: int          # start of the 一是 marker
    marker_end: int
    end: int            # up to the next item, heading or paragraph end of the run


@dataclass
class ItemRun:
    items: list[Item]


@dataclass
class Metadata:
    title: str | None = None
    title_span: tuple[int, int] | None = None
    title_source: str | None = None   # text | page
    issuer: str | None = None
    issuer_level: str | None = None
    issuer_source: str | None = None  # the zone of the chosen name: page | issuer_mark | organ_line | title | cover_letter | signature | opening | own_title | self_reference | given
    issuer_confidence: float | None = None  # measured precision of its zone pattern (data/calibration.yaml); None: not measured
    issuer_pattern: str | None = None       # the zones that agreed (page+title …)
    issuer_evidence: list = field(default_factory=list)   # (zone, name, span) that agree with the issuer
    issuer_conflicts: list = field(default_factory=list)  # (zone, name, span) in the report's own words naming another unit
    issuer_zones: list = field(default_factory=list)      # (zone, name, level) of every zone's unit, for calibration
    level_source: str | None = None   # organ | division | township | suffix | self_reference | given
    level_confidence: float | None = None
    region: str | None = None         # six-digit division code of the issuer's place, when known
    year: int | None = None
    year_source: str | None = None
    period: str = "annual"
    date: str | None = None           # YYYY-MM-DD
    date_source: str | None = None    # signature | cover_letter | page_written | page_published | given
    date_confidence: float | None = None
    date_span: tuple[int, int] | None = None
    published: str | None = None      # page publication date when known
    published_source: str | None = None  # page | given (--published)
    # Who published the page (document/publisher.py): the issuer itself, or a re-post whose date is
    # not the issuer's publication date.
    publisher: Any = None


@dataclass
class Document:
    source: Source
    norm: NormalText
    paragraphs: list[Paragraph]
    sections: list[Section]
    item_runs: list[ItemRun]
    figures: list[Figure]
    meta: Metadata
    body_start: int = 0  # first offset after the title block
    gongwen: Any = None  # the 公文 parts around the body (gongwen.Gongwen)
    cut_at: int | None = None  # where the text visibly breaks off mid-sentence (completeness.py), else None
    _starts: list[int] | None = field(default=None, repr=False)
    _index: tuple | None = field(default=None, repr=False)
    _parents: dict | None = field(default=None, repr=False)
    _items: tuple | None = field(default=None, repr=False)
    _level_starts: dict = field(default_factory=dict, repr=False)
    _anchor_starts: list[int] | None = field(default=None, repr=False)

    @property
    def text(self) -> str:
        return self.norm.text

    def figures_in(self, start: int, end: int) -> list[Figure]:
        """Figures that start inside [start, end), by binary search (figures are sorted)."""
        starts = self._figure_starts()
        return self.figures[bisect_left(starts, start):bisect_left(starts, end)]

    def _figure_starts(self) -> list[int]:
        if self._starts is None or len(self._starts) != len(self.figures):
            self._starts = [f.start for f in self.figures]
        return self._starts

    def docx_ranges(self, start: int, end: int) -> list[tuple[str, int, int]]:
        """Where the original-text span [start, end) stands in the author's .docx: (block path,
        start, end in that paragraph's text) per paragraph it touches, from what ingest recorded.
        A span on an automatic numbering label alone names its paragraph's whole text; an empty
        span names the character it stands before.  Empty for inputs that are not a .docx."""
        anchors = self.source.anchors
        if not anchors:
            return []
        if self._anchor_starts is None:
            self._anchor_starts = [a[0] for a in anchors]
        end = max(end, start + 1)
        out: list[tuple[str, int, int]] = []
        labels: list[tuple[str, int, int]] = []
        position = max(0, bisect_right(self._anchor_starts, start) - 1)
        while position < len(anchors) and anchors[position][0] < end:
            a_start, a_end, path, offset = anchors[position]
            position += 1
            low, high = max(start, a_start), min(end, a_end)
            if low >= high:
                continue
            if offset < 0:
                labels.append((path, 0, 0))
            else:
                out.append((path, offset + low - a_start, offset + high - a_start))
        if out:
            return out
        return [(path, 0, -1) for path, _, _ in labels[:1]]  # -1: to the paragraph's end

    def walk(self):
        for section in self.sections:
            yield from section.walk()

    def sections_at(self, offset: int) -> list[Section]:
        """The sections that contain ``offset``, outermost first."""
        path, level = [], self.sections
        while level:
            section = self._containing(level, offset)
            if section is None:
                break
            path.append(section)
            level = section.children
        return path

    def part_path(self, offset: int) -> list[str]:
        """The headings (marker + title, shortened) of the parts that contain ``offset``, outermost
        first: where an author finds a place in their own document."""
        return [f"{s.heading.marker}{s.heading.text if len(s.heading.text) <= 24 else s.heading.text[:22] + '…'}"
                for s in self.sections_at(offset)]

    def _containing(self, level: list[Section], offset: int) -> Section | None:
        """The section of one level (siblings: in order, not overlapping) that holds ``offset``, by
        binary search over their starts (a long part may have thousands of subsections)."""
        starts = self._level_starts.get(id(level))
        if starts is None or len(starts) != len(level):
            starts = self._level_starts[id(level)] = [s.start for s in level]
        position = bisect_right(starts, offset) - 1
        if position >= 0 and level[position].start <= offset < level[position].end:
            return level[position]
        return None

    def parent_of(self, section: Section) -> Section | None:
        """The section directly containing ``section`` (None for a top-level part); by identity, from
        a map built once (comparing sections field by field made a long report quadratic)."""
        if self._parents is None:
            self._parents = {id(child): parent for parent in self.walk() for child in parent.children}
        return self._parents.get(id(section))

    def item_at(self, offset: int) -> Item | None:
        """The first item (in reading order) whose span holds ``offset``.  Items come in text order
        but the last item of a run may reach past the start of the next run, so the search walks
        back from the last item starting at or before ``offset`` while an earlier item could still
        reach it (the running maximum of their ends)."""
        if self._items is None:
            flat = [item for run in self.item_runs for item in run.items]
            reach, furthest = [], -1
            for item in flat:
                furthest = max(furthest, item.end)
                reach.append(furthest)
            self._items = ([item.start for item in flat], flat, reach)
        starts, flat, reach = self._items
        found = None
        position = bisect_right(starts, offset) - 1
        while position >= 0 and reach[position] > offset:
            if flat[position].end > offset:
                found = flat[position]
            position -= 1
        return found

    def innermost_section(self, offset: int) -> Section | None:
        """The deepest section containing ``offset`` (binary search over the sections in order)."""
        if self._index is None:
            flat = list(self.walk())  # pre-order: parents before children, siblings in order
            self._index = ([s.start for s in flat], flat)
        starts, flat = self._index
        position = bisect_right(starts, offset) - 1
        while position >= 0:
            section = flat[position]
            if section.start <= offset < section.end:
                return section
            position -= 1
        return None
