"""The issuer's report on the year before, for the history rules: one given file, the matching
file of a folder of last year's reports, or the results store.  Read here, never by a check."""
from __future__ import annotations

import os

from ..document import Document, build
from ..base.errors import InputError
from ..ingest import from_text, load
from .inputs import expand_inputs
from ..store.database import Store, issuer_key


def key_of(doc: Document) -> str | None:
    meta = doc.meta
    return issuer_key({"issuer": meta.issuer, "issuer_level": meta.issuer_level, "region": meta.region})


class PreviousReports:
    """Finds the previous report of each checked report.

    ``given``: a file (every report is compared with it) or a folder (indexed by issuer and year);
    ``store``: the results store's path, looked in when nothing was given."""

    def __init__(self, given: str | None = None, store: str | None = None):
        self.fixed: Document | None = None
        self.index: dict[tuple[str, int], str] = {}
        self.store_path = store
        self._store: Store | None = None
        if given and os.path.isdir(given):
            self._index_folder(given)
        elif given:
            self.fixed = build(load(given))

    def _index_folder(self, folder: str) -> None:
        files, _, _ = expand_inputs([folder])
        for path in files:
            try:
                doc = build(load(path))
            except InputError:
                continue  # an unreadable old report simply is not there to compare with
            key = key_of(doc)
            if key and doc.meta.year:
                self.index.setdefault((key, doc.meta.year), path)

    def __bool__(self) -> bool:
        return bool(self.fixed or self.index or self.store_path)

    def for_document(self, doc: Document) -> Document | None:
        if self.fixed is not None:
            return self.fixed
        key, year = key_of(doc), doc.meta.year
        if not key or not year:
            return None
        if self.index:
            path = self.index.get((key, year - 1))
            return build(load(path)) if path else None
        if self.store_path and os.path.exists(self.store_path):
            if self._store is None:
                self._store = Store(self.store_path)
            found = self._store.previous_text(key, year)
            return build(from_text(found[1], name=found[0] or "previous")) if found else None
        return None
