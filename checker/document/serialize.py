"""The document model as JSON-ready data, with spans in original-text offsets."""
from __future__ import annotations

from .model import Document, Section


def _span(doc: Document, start: int, end: int) -> tuple[int, int]:
    return doc.norm.to_original(start, end)


def section_dict(doc: Document, section: Section) -> dict:
    start, end = _span(doc, section.start, section.end)
    heading = section.heading
    return {
        "role": section.role,
        "role_source": section.role_source,
        "heading": doc.source.text[slice(*_span(doc, heading.start, heading.end))].strip(),
        "title": heading.text,
        "marker": heading.marker,
        "number": heading.number,
        "level": section.level,
        "run_in": heading.run_in,
        "start": start,
        "end": end,
        "children": [section_dict(doc, child) for child in section.children],
    }


def _publisher(publisher) -> dict | None:
    """Who published the page: own | repost | null (not known), the deciding zone and what it printed,
    and each zone's evidence with its verdict."""
    if publisher is None or not publisher.evidence:
        return None
    return {"relation": publisher.relation, "zone": publisher.zone, "name": publisher.name,
            "evidence": [list(row) for row in publisher.evidence]}


def document_dict(doc: Document, with_figures: bool = False) -> dict:
    meta = doc.meta
    out = {
        "path": doc.source.path,
        "sha256": doc.source.sha256,
        "format": doc.source.format,
        "encoding": doc.source.encoding,
        "chars": len(doc.source.text),
        "title": meta.title,
        "title_source": meta.title_source,
        "issuer": meta.issuer,
        "issuer_level": meta.issuer_level,
        "issuer_source": meta.issuer_source,
        "issuer_confidence": meta.issuer_confidence,
        "issuer_evidence": [[zone, name, *_span(doc, *span)] for zone, name, span in meta.issuer_evidence],
        "level_source": meta.level_source,
        "level_confidence": meta.level_confidence,
        "region": meta.region,
        "year": meta.year,
        "year_source": meta.year_source,
        "period": meta.period,
        "date": meta.date,
        "date_source": meta.date_source,
        "date_confidence": meta.date_confidence,
        "published": meta.published,
        "publisher": _publisher(meta.publisher),
        "header": [{"part": part.name, "value": part.value, "start": _span(doc, part.start, part.end)[0],
                    "end": _span(doc, part.start, part.end)[1]} for part in (doc.gongwen.parts if doc.gongwen else [])],
        "page": dict(sorted(doc.source.page.items())),
        "zones": dict(sorted(doc.source.zones.items())),  # text outside the body (a Word file's footers, notes…)
        "ocr_confidence": float(doc.source.meta["ocr_confidence"]) if "ocr_confidence" in doc.source.meta else None,
        "sections": [section_dict(doc, s) for s in doc.sections],
        "item_runs": [[{"number": item.number, "start": _span(doc, item.start, item.end)[0],
                        "end": _span(doc, item.start, item.end)[1]} for item in run.items]
                      for run in doc.item_runs],
    }
    if with_figures:
        figures = []
        for figure in doc.figures:
            entry = figure.to_dict()
            entry["start"], entry["end"] = _span(doc, figure.start, figure.end)
            figures.append(entry)
        out["figures"] = figures
    return out
