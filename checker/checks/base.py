"""What every check type receives and returns."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterator

import regex

from ..patterns import rx
from ..document.model import Document, Section

PATTERN_TIMEOUT = 1.0  # seconds per regex call on rule-supplied patterns


@dataclass
class Mark:
    """What a check marks: a span of the normalised text and what is wrong (or found) there.  The
    engine maps it onto the original text as a :class:`checker.results.Finding`."""

    start: int
    end: int
    message: str
    severity: str | None = None  # overrides the rule's severity for this finding
    fix: str | None = None       # the one right form of the span's text (a tracked change in Word)


@dataclass
class Outcome:
    status: str                      # pass | fail | not_applicable
    values: dict[str, Any] = field(default_factory=dict)   # message placeholders
    findings: list[Mark] = field(default_factory=list)
    evidence: list[Mark] = field(default_factory=list)  # what the check found (for pass too)
    spec_left_out: set[str] = field(default_factory=set)  # the rule's clauses that do not apply here
    # The verdict rests on what the scope does not contain, and the text breaks off inside the scope
    # (Document.cut_at): what is missing may lie past the break.  The engine words the message so.
    cut_short: bool = False


@dataclass
class Scope:
    """The part of the document a rule looks at."""

    spans: list[tuple[int, int]]
    sections: list[Section]
    kind: str  # document | title | role | heading
    found: bool = True  # False: the scope's part does not exist in this document


@dataclass
class Context:
    doc: Document
    scope: Scope
    params: dict[str, Any]
    timeout: float | None = PATTERN_TIMEOUT  # None: no per-call timeout (checker/engine/evaluate.py:pattern_timeout)
    related: dict[str, Document] = field(default_factory=dict)  # e.g. "previous": last year's report

    @property
    def text(self) -> str:
        return self.doc.norm.text

    def finditer(self, pattern: regex.Pattern, spans: list[tuple[int, int]] | None = None) -> Iterator[regex.Match]:
        for start, end in spans if spans is not None else self.scope.spans:
            yield from pattern.finditer(self.text, start, end, timeout=self.timeout)

    def search(self, pattern: regex.Pattern, spans: list[tuple[int, int]] | None = None) -> regex.Match | None:
        for start, end in spans if spans is not None else self.scope.spans:
            m = pattern.search(self.text, start, end, timeout=self.timeout)
            if m:
                return m
        return None

    def scope_chars(self) -> int:
        return sum(end - start for start, end in self.scope.spans)


def reaches_cut(ctx: Context) -> bool:
    """The text breaks off mid-sentence (Document.cut_at) inside this scope, so a shortfall found in
    it may only be where the text stops."""
    cut = ctx.doc.cut_at
    return cut is not None and any(end >= cut for _, end in ctx.scope.spans)


def scope_anchor(ctx: Context, message: str = "") -> list[Mark]:
    """Where to point a finding about the scope as a whole: its heading, else its first line."""
    if ctx.scope.sections:
        heading = ctx.scope.sections[0].heading
        return [Mark(heading.start, heading.end, message)]
    for start, end in ctx.scope.spans[:1]:
        line_end = ctx.text.find("\n", start, end)
        return [Mark(start, line_end if line_end != -1 else end, message)]
    return []


def compile_patterns(patterns: list[str]) -> list[regex.Pattern]:
    return [rx.compile(p) for p in patterns]


def after_last(text: str, marks: str, floor: int, position: int) -> int:
    """The offset just after the last of the characters ``marks`` in ``text[floor:position]``, else
    ``floor``: where the sentence or clause holding ``position`` starts.  One backward search (five
    times faster than a ``rfind`` per mark, and figures ask this thousands of times a report)."""
    found = _last_of(marks).search(text, floor, position)
    return found.end() if found else floor


@lru_cache(maxsize=16)
def _last_of(marks: str) -> regex.Pattern:
    return rx.compile("(?r)[" + regex.escape(marks) + "]")


def not_applicable(reason: str) -> Outcome:
    return Outcome("not_applicable", {"reason": reason})


class ZoneText:
    """What a check's scan reads of a Context (``text``, ``params``, ``finditer``), for a zone the file
    publishes outside its body: a Word file's header, footer, notes, text boxes, embedded documents."""

    def __init__(self, text: str, params: dict[str, Any], timeout: float):
        self.text, self.params, self.timeout = text, params, timeout

    def finditer(self, pattern: regex.Pattern, spans=None) -> Iterator[regex.Match]:
        return pattern.finditer(self.text, timeout=self.timeout)


def outside_zones(ctx: Context) -> list[tuple[str, ZoneText]]:
    """(zone, its text as a scan reads it) for every zone outside the body, in name order."""
    zones = getattr(ctx.doc.source, "zones", None) or {}
    return [(zone, ZoneText(text, ctx.params, ctx.timeout)) for zone, text in sorted(zones.items())]


def zone_anchor(ctx: Context) -> tuple[int, int]:
    """Where a finding in a zone outside the body is shown: the report's first line."""
    end = ctx.text.find("\n")
    return 0, end if end > 0 else min(len(ctx.text), 1)
