"""Metadata the user states for a report: a module of its own, with no imports, so that the light
callers (the ``--server`` client, the command line before it decides where to check) need not load
the document model."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Given:
    """Metadata the user states (command line, configuration, a rule example's ``meta``): the year
    and level win over what the document's text shows; the publication date is the page's, beside
    the report's own 成文日期 (which it stands in for only where the text has none)."""
    year: int | None = None
    issuer_level: str | None = None
    published: str | None = None

    def apply(self, meta) -> None:
        """Writes the stated values into a document's :class:`~checker.document.model.Metadata`."""
        if self.year is not None:
            meta.year, meta.year_source = self.year, "given"
        if self.issuer_level is not None:
            meta.issuer_level = self.issuer_level
        if self.published is not None:
            meta.published, meta.published_source = self.published, "given"
            if meta.date is None:
                meta.date, meta.date_source, meta.date_span = self.published, "given", None

    @staticmethod
    def valid_date(text: str) -> bool:
        """YYYY-MM-DD and a real day (2024-13-45 is not)."""
        from datetime import date

        try:
            return len(text) == 10 and date.fromisoformat(text).isoformat() == text
        except ValueError:
            return False

    def __bool__(self) -> bool:
        return any(v is not None for v in (self.year, self.issuer_level, self.published))
