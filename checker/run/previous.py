"""The issuer's report on the year before, for the history rules: one given file, the matching
file of a folder of last year's reports, or the results store.  Read here, never by a check.

Each lookup also says what it found, for the report's JSON (``previous``): the report used (path,
sha256, issuer, year, where it came from) with a warning when a given file is not the same issuer's
or not the year before, or, when none was found, why — so that a round can say how many of its
reports found their previous one and which did not.
"""
from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, field

from ..document import Document, build
from ..base.errors import InputError
from ..ingest import from_text, load
from .inputs import expand_inputs
from ..store.database import Store, issuer_key


def key_of(doc: Document) -> str | None:
    meta = doc.meta
    return issuer_key({"issuer": meta.issuer, "issuer_level": meta.issuer_level, "region": meta.region})


@dataclass
class Lookup:
    """What the search for one report's previous report gave: the document (None: not found) and
    what the report's JSON says of it."""
    document: Document | None
    info: dict = field(default_factory=dict)


def _described(doc: Document, source: str, path: str | None = None) -> dict:
    return {"path": path or doc.source.path, "sha256": doc.source.sha256, "issuer": doc.meta.issuer,
            "year": doc.meta.year, "source": source}


def _missing(reason: str) -> dict:
    return {"path": None, "sha256": None, "issuer": None, "year": None, "source": None, "reason": reason}


def _name(doc: Document) -> str:
    return doc.meta.issuer or "该主体"


class PreviousReports:
    """Finds the previous report of each checked report.

    ``given``: a file (every report is compared with it) or a folder (indexed by issuer and year);
    ``store``: the results store's path, looked in when nothing was given."""

    def __init__(self, given: str | None = None, store: str | None = None):
        self.fixed: Document | None = None
        self.folder: str | None = None
        self.index: dict[tuple[str, int], str] = {}
        self.years: dict[str, list[int]] = defaultdict(list)  # issuer key → the folder's years for it
        self.store_path = store
        self._store: Store | None = None
        if given and os.path.isdir(given):
            self.folder = given
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
                self.years[key].append(doc.meta.year)

    def __bool__(self) -> bool:
        return bool(self.fixed or self.folder or self.store_path)

    def look_up(self, doc: Document) -> Lookup:
        if self.fixed is not None:
            return Lookup(self.fixed, self._given(doc))
        key, year = key_of(doc), doc.meta.year
        if not key:
            return Lookup(None, _missing("未识别出报告主体，无法查找上一年度报告"))
        if not year:
            return Lookup(None, _missing("未识别出报告年度，无法查找上一年度报告"))
        if self.folder is not None:
            path = self.index.get((key, year - 1))
            if path:
                found = build(load(path))
                return Lookup(found, _described(found, "folder", path))
            return Lookup(None, _missing(f"“{self.folder}”中没有{_name(doc)}{year - 1}年度的报告"
                                         + _other_years(self.years.get(key, []), year)))
        if not self.store_path or not os.path.exists(self.store_path):
            return Lookup(None, _missing("结果库中还没有报告"))
        if self._store is None:
            self._store = Store(self.store_path)
        found = self._store.previous_report(key, year)
        if not found:
            return Lookup(None, _missing(f"结果库中没有{_name(doc)}{year - 1}年度的报告"
                                         + _other_years(self._store.years_of(key), year)))
        document = build(from_text(found.pop("text"), name=found["path"] or "previous"))
        return Lookup(document, {**found, "source": "store"})

    def _given(self, doc: Document) -> dict:
        """The file given with --previous, and a warning when it is not the same issuer's report of
        the year before (it is still compared with: the user named it)."""
        previous = self.fixed
        info = _described(previous, "given")
        warnings = []
        key, old_key = key_of(doc), key_of(previous)
        if key and old_key and key != old_key:
            warnings.append(f"上一年度报告的主体“{previous.meta.issuer}”与本报告的主体“{doc.meta.issuer}”不是同一单位")
        elif not old_key:
            warnings.append("上一年度报告未识别出报告主体，无法确认是同一单位的报告")
        if doc.meta.year and previous.meta.year and previous.meta.year != doc.meta.year - 1:
            warnings.append(f"上一年度报告的年度为{previous.meta.year}年，本报告为{doc.meta.year}年，不是上一年度")
        elif not previous.meta.year:
            warnings.append("上一年度报告未识别出年度，无法确认是上一年度的报告")
        if warnings:
            info["warnings"] = warnings
        return info


def _other_years(years: list[int], year: int) -> str:
    others = sorted(set(years) - {year - 1, year})
    return f"（有{'、'.join(map(str, others))}年度的）" if others else ""
