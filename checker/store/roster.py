"""A supervisor's issuer registry: who is expected to report, under which names.

    issuers:
      - name: 淳安县人民政府
        aliases: [淳安县政府, 中共淳安县委、淳安县人民政府]
        level: county
        region: "330127"          # six-digit division code (optional)
        expected: [2023, 2024]    # years a report is due (optional: every year)

A checked report belongs to an entry when its issuer key (store.issuer_key: the division code, or
the place, plus the organ for a department) equals the entry's, or its issuer is the entry's name or
one of its aliases.  The registry gives the round its "not submitted" list: entries expected for the
round's year with no report.  Read with the project's one YAML loader; validated; names only.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .database import issuer_key
from ..base.yamlsafe import load_validated

@dataclass
class Entry:
    name: str
    aliases: list[str] = field(default_factory=list)
    level: str | None = None
    region: str | None = None
    expected: list[int] | None = None

    @property
    def key(self) -> str | None:
        return issuer_key({"issuer": self.name, "issuer_level": self.level, "region": self.region})


@dataclass
class Registry:
    path: str
    entries: list[Entry]

    @classmethod
    def load(cls, path: str | Path) -> "Registry":
        data, _ = load_validated(path, "registry", "主体名录")
        return cls(str(path), [Entry(**entry) for entry in data["issuers"]])

    def match(self, document: dict) -> Entry | None:
        key, name = issuer_key(document), document.get("issuer")
        for entry in self.entries:
            if (key and key == entry.key) or (name and (name == entry.name or name in entry.aliases)):
                return entry
        return None

    def not_submitted(self, rows: list[dict]) -> list[dict]:
        """Entries expected for the round's year(s) with no readable report among ``rows``."""
        years = sorted({r["year"] for r in rows if r.get("year")})
        found: set[tuple[str, int | None]] = set()
        for row in rows:
            entry = self.match({"issuer": row.get("issuer"), "issuer_level": row.get("issuer_level"),
                                "region": row.get("region")})
            if entry:
                found.add((entry.name, row.get("year")))
        out = []
        for entry in self.entries:
            for year in years or [None]:
                due = entry.expected is None or year in entry.expected
                if due and (entry.name, year) not in found:
                    out.append({"issuer": entry.name, "level": entry.level, "region": entry.region, "year": year})
        return out
