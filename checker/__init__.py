"""fzcheck: a rule-based compliance checker for annual 法治政府建设 reports.

Python API::

    import checker
    report = checker.check("report.docx")        # or checker.check(text=...)
    report["summary"]["verdict"]
"""
from __future__ import annotations

__version__ = "0.1.0"


def check(path=None, *, text: str | None = None, rules=None, year: int | None = None,
          issuer_level: str | None = None, published: str | None = None, options=None) -> dict:
    """Checks one report (a file path, or ``text``) and returns the report dict (same as the JSON)."""
    from .pipeline import check_source, load_source

    source = load_source(path, text)
    return check_source(source, rules=rules, year=year, issuer_level=issuer_level, published=published,
                        options=options)
