"""One report through the whole flow: ingest → document → checks → report."""
from __future__ import annotations

from functools import lru_cache

from .document import build
from .engine import Options, run
from .ingest import Source, from_text, load
from .report import build_report
from .ruleset import Ruleset, load_ruleset


@lru_cache(maxsize=4)
def _default_ruleset() -> Ruleset:
    return load_ruleset()


def load_source(path=None, text: str | None = None) -> Source:
    if text is not None:
        return from_text(text)
    return load(path)


def apply_overrides(doc, year=None, issuer_level=None, published=None) -> None:
    """Metadata given by the user wins over what was recovered (and fills what was not)."""
    if year is not None:
        doc.meta.year, doc.meta.year_source = year, "given"
    if issuer_level is not None:
        doc.meta.issuer_level = issuer_level
    if published is not None:
        doc.meta.date, doc.meta.date_source, doc.meta.date_span = published, "given", None
        doc.meta.published = published


def check_source(source: Source, rules: Ruleset | None = None, year=None, issuer_level=None, published=None,
                 options: Options | None = None) -> dict:
    ruleset = rules or _default_ruleset()
    doc = build(source)
    apply_overrides(doc, year, issuer_level, published)
    return build_report(doc, ruleset, run(doc, ruleset, options))
