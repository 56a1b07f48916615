"""Which part of a document a rule looks at: the body (``document``, from the title on), the whole
text (``full_text``: the 公文's 版头 and 版记 too, for what must never be published), the title, a
role, the sections whose heading matches a pattern, or the batch (``batch``: a rule the round
evaluates over all its reports; on one document alone it sees the body)."""
from __future__ import annotations

import time

from ..patterns import rx
from ..document.model import Document
from .base import Scope


def resolve_scope(doc: Document, scope, timeout: float | None = None) -> Scope:
    """``timeout``: seconds for matching a ``heading`` pattern against every heading, together (a
    pattern that backtracks without end raises TimeoutError, like a check's own patterns)."""
    text_end = len(doc.norm.text)
    if scope == "document":
        return Scope([(doc.body_start, text_end)], [], "document")
    if scope == "batch":  # judged by the round against the rest of the batch; on its own, the body
        return Scope([(doc.body_start, text_end)], [], "batch")
    if scope == "full_text":
        return Scope([(0, text_end)], [], "document")
    if scope == "title":
        span = doc.meta.title_span
        return Scope([span] if span else [], [], "title", found=span is not None)
    if "role" in scope:
        sections = [s for s in doc.walk() if s.role == scope["role"]]
        # A nested part inside a part of the same role adds nothing to the spans.
        spans = _merge([(s.start, s.end) for s in sections])
        return Scope(spans, sections, "role", found=bool(sections))
    pattern = rx.compile(scope["heading"])
    deadline = time.monotonic() + timeout if timeout else None
    sections = []
    for section in doc.walk():
        left = deadline - time.monotonic() if deadline is not None else None
        if left is not None and left <= 0:
            raise TimeoutError(scope["heading"])
        if pattern.search(section.heading.text, timeout=left):
            sections.append(section)
    return Scope(_merge([(s.start, s.end) for s in sections]), sections, "heading", found=bool(sections))


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
