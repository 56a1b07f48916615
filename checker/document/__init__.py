"""Document: a :class:`~checker.ingest.Source` → the model every check reads: normalised text,
paragraphs, the outline of parts and their roles, item runs, figures, the recovered metadata
(issuer, level, year, dates) and text fingerprints.

May import: ``checker.base``, ``checker.patterns`` and ``checker.ingest``."""
from __future__ import annotations

from bisect import bisect_right

from ..ingest.source import Source
from .completeness import cut_at
from .figures import find_figures
from .gongwen import parse as parse_gongwen
from .metadata import extract as extract_metadata
from .model import Document, Given, Heading, Item, ItemRun, Metadata, Paragraph, Section, ROLES
from .normalize import normalize
from .outline import (build_tree, find_bare_headings, find_headings, find_item_runs, find_part_openings, number_bare,
                      split_paragraphs, trim_ends)
from .roles import assign_roles

__all__ = ["build", "Document", "Given", "Section", "Heading", "Item", "ItemRun", "Metadata", "Paragraph", "ROLES"]


def build(source: Source, given: Given | None = None) -> Document:
    """``given``: metadata the user stated, applied as the metadata is recovered (it wins over the
    text; see :class:`Given`)."""
    norm = normalize(source.text)
    residue = [(norm.to_normal(a), norm.to_normal(b)) for a, b in source.residue]
    every_paragraph = split_paragraphs(norm.text, residue)
    gongwen = parse_gongwen(norm.text, every_paragraph)
    paragraphs = [p for i, p in enumerate(every_paragraph) if i not in gongwen.skip]
    headings = find_headings(norm.text, paragraphs)
    meta, body_start = extract_metadata(source, norm.text, paragraphs, headings, gongwen)
    if given:
        given.apply(meta)
    if meta.title_span:
        # The title itself is never a heading (一、 at the start of a title is rare but real).
        headings = [h for h in headings if h.start >= body_start]
    text_end = paragraphs[-1].end if paragraphs else 0
    body_end = meta.date_span[0] if meta.date_span and meta.date_span[0] >= body_start else text_end
    bare = find_bare_headings(norm.text, paragraphs, headings, body_start, body_end)
    if bare:
        headings = sorted(headings + bare, key=lambda h: h.start)
    openings = find_part_openings(norm.text, paragraphs, headings, body_start, body_end)
    if openings:
        headings = number_bare(sorted(headings + openings, key=lambda h: h.start))
    sections = build_tree(headings, text_end)
    trim_ends(sections, paragraphs)
    if meta.date_span:
        _cut_signature(sections, meta.date_span[0], paragraphs)
    cut = cut_at(norm.text, paragraphs, sections, meta.date_span[0] if meta.date_span else None)
    assign_roles(sections, cut=cut is not None)
    item_runs = find_item_runs(norm.text, paragraphs, headings)
    figures = find_figures(norm.text)
    return Document(source=source, norm=norm, paragraphs=paragraphs, sections=sections,
                    item_runs=item_runs, figures=figures, meta=meta, body_start=body_start, gongwen=gongwen,
                    cut_at=cut)


def _cut_signature(sections: list[Section], signature_start: int, paragraphs: list[Paragraph],
                   ends: list[int] | None = None) -> None:
    """The 落款 date after the last part does not belong to that part.  A part that starts after the
    date (a covering letter's 落款 above the report it sends) is not cut by it."""
    if ends is None:
        ends = [p.end for p in paragraphs if p.end <= signature_start]  # in order, so sorted
    for section in sections:
        if section.start >= signature_start:
            continue
        if section.end > signature_start:
            last = bisect_right(ends, signature_start) - 1
            section.end = ends[last] if last >= 0 and ends[last] >= section.start else section.start
        _cut_signature(section.children, signature_start, paragraphs, ends)
