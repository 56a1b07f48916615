"""Metadata the user states for a report: a module of its own, with no imports, so that the light
callers (the ``--server`` client, the command line before it decides where to check) need not load
the document model."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Given:
    """Metadata the user states (command line, configuration, a rule example's ``meta``): it wins
    over what the document's text shows, and fills what it does not show."""
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
            meta.date, meta.date_source, meta.date_span = self.published, "given", None
            meta.published = self.published

    def __bool__(self) -> bool:
        return any(v is not None for v in (self.year, self.issuer_level, self.published))
