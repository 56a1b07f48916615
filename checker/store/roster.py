"""A supervisor's issuer registry: who is expected to report, under which names.

    issuers:
      - name: 杭州市临安区人民政府
        aliases: [临安区政府, 中共杭州市临安区委、杭州市临安区人民政府]
        level: 县级                # or county; optional
        region: "330112"          # six-digit division code (optional)
        expected: [2023, 2024]    # years a report is due (optional: every year)

Names, aliases and codes reduce to the issuer key reports get (database.issuer_key: the division code
the name reads to in the national division list, else the place; a department adds its organ), so
an entry written by name only (杭州市临安区人民政府) matches a report whose issuer was read as 临安区
or resolved to 330112.  A match that needed an alias or the entry's code says so.  The registry
gives the round its "not submitted" list: each unit due for the round's year with no report of that
year, once, with the year.  Read with the project's one YAML loader; validated with Chinese and
English messages naming the accepted values; a unit listed twice or a name that means two places is
refused.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..base.errors import FzError, RuleError
from .database import _PARTY, issuer_key, leading_places
from ..base.vocab import MATCHED_VIA_ZH, level_of, unknown_level
from ..base.yamlsafe import DataFileError, mark, read_data_file, schema_message, schema_problems

_KEYS = ("name", "aliases", "level", "region", "expected")
VIA_ZH = MATCHED_VIA_ZH


class RegistryError(RuleError):
    """An issuer registry that cannot be used: one ``file:line:col - problem`` line per problem."""

    def __init__(self, path, problems: list[str]):
        super().__init__(problems)
        body = "\n".join(problems)
        FzError.__init__(self, f"主体名录“{path}”有误：\n{body}", f"invalid issuer registry '{path}' ({len(problems)} problem(s))")


@dataclass
class Entry:
    name: str
    aliases: list[str] = field(default_factory=list)
    level: str | None = None
    region: str | None = None
    expected: list[int] | None = None
    line: int = 0
    # The division code each name reads to, among the places the whole registry names (朝阳区 in a
    # registry that lists 长春市 is Changchun's).
    resolved: dict[str, str] = field(default_factory=dict)

    def keys(self) -> list[tuple[str, str]]:
        """(key, how) for the entry's name, aliases and code, in that order of preference."""
        def key(name):
            return issuer_key({"issuer": name, "issuer_level": self.level, "region": self.resolved.get(name)})

        out = [(key(self.name), "name")] + [(key(alias), "alias") for alias in self.aliases]
        if self.region:
            out.append((issuer_key({"issuer": self.name, "issuer_level": self.level, "region": self.region}), "code"))
        return [(key, how) for key, how in out if key]

    @property
    def key(self) -> str | None:
        keys = self.keys()
        code = [key for key, how in keys if how == "code"]
        return code[0] if code else (keys[0][0] if keys else None)

    def due(self, year: int | None) -> bool:
        return self.expected is None or year in self.expected


def _describe(error) -> str:
    """A schema problem in Chinese and English, naming what is accepted."""
    value = str(error.instance) if len(str(error.instance)) <= 20 else str(error.instance)[:20] + "…"
    if "level" in error.absolute_path:
        return " / ".join(unknown_level(value))
    if error.validator == "additionalProperties":
        if not error.absolute_path:
            extra = sorted(str(key)[:20] for key in set(error.instance) - {"issuers"})
            return f"未知的键：{'、'.join(extra)}；只有 issuers（单位列表）/ unknown key(s); only 'issuers'"
        unknown = sorted(str(key)[:20] for key in set(error.instance) - set(_KEYS))
        return (f"未知的键：{'、'.join(unknown)}；可用的键：{'、'.join(_KEYS)} / unknown key(s) {', '.join(unknown)}; "
                f"accepted: {', '.join(_KEYS)}")
    if error.validator == "required":
        return "缺少 issuers（单位列表）/ missing 'issuers'" if not error.absolute_path else \
            "缺少 name（单位名称）/ missing 'name'"
    if "region" in error.absolute_path:
        return f"区划代码“{value}”应为六位数字，如 \"330127\" / region must be a six-digit division code"
    if "expected" in error.absolute_path:
        return f"应报年度“{value}”应为 1990 至 2100 之间的年份或年份列表，如 [2023, 2024] / expected: a year or a list of years"
    if "aliases" in error.absolute_path:
        return "别名应为至少两个字的名称列表，如 [淳安县政府] / aliases: a list of names"
    if "name" in error.absolute_path:
        return "单位名称应为至少两个字的文字 / name: a text of two characters or more"
    if error.validator == "type" and not error.absolute_path:
        return "名录应为以 issuers: 开头的 YAML 映射 / the registry must be a mapping with 'issuers'"
    if error.validator == "type" and list(error.absolute_path) == ["issuers"]:
        return "issuers 应为单位列表（每项以 - 开头）/ 'issuers' must be a list"
    return schema_message(error)


@dataclass
class Registry:
    path: str
    entries: list[Entry]
    places: set[str] = field(default_factory=set)   # every place the registry names

    @classmethod
    def load(cls, path: str | Path) -> "Registry":
        try:
            data, tree, _ = read_data_file(path, "主体名录")
        except DataFileError as exc:
            raise RegistryError(path, [exc.problem]) from exc

        # The published schema (checker/schema/registry.schema.json), worded here with what is accepted.
        problems = schema_problems(data, tree, "registry", path, lambda error, location: f"主体名录格式有误：{_describe(error)}")
        issuers = data["issuers"] if not problems else []
        if problems:
            raise RegistryError(path, problems)
        entries = []
        for index, raw in enumerate(issuers):
            raw = dict(raw)
            if "level" in raw:
                raw["level"] = level_of(raw["level"])
            if "region" in raw:
                raw["region"] = str(raw["region"])
            if isinstance(raw.get("expected"), int):
                raw["expected"] = [raw["expected"]]
            entries.append(Entry(**raw, line=mark(tree, ["issuers", index])[0]))
        context, problems = _resolve(path, entries)
        problems += _repeated(path, entries)
        if problems:
            raise RegistryError(path, problems)
        return cls(str(path), entries, context)

    def match(self, document: dict) -> tuple[Entry, str] | None:
        """The entry a report belongs to and how it was found (name, alias or code), or None."""
        if document.get("issuer") and not document.get("region"):  # read among the registry's places
            tied = _read_place(document["issuer"], self.places)
            if len(tied) == 1:
                document = {**document, "region": tied[0].code}
        key = issuer_key(document)
        if not key:
            return None
        for wanted in ("name", "alias", "code"):
            for entry in self.entries:
                if any(k == key and how == wanted for k, how in entry.keys()):
                    return entry, wanted
        return None

    def reconcile(self, rows: list[dict], year: int | None = None) -> dict:
        """The round against the registry: which report belongs to which unit (and how it was
        matched), which reports belong to none, and the units due for the round's year that sent
        no report of that year — each once.  The round's year is ``year`` (``--year``) or the year
        most of its reports are for."""
        readable = [r for r in rows if r.get("verdict") != "unreadable"]
        if year is None:
            counts = Counter(r["year"] for r in readable if r.get("year"))
            year = max(counts, key=lambda y: (counts[y], y)) if counts else None
        matches, unlisted = [], []
        received: dict[int, set] = {}
        for row in readable:
            found = self.match({"issuer": row.get("issuer"), "issuer_level": row.get("issuer_level"),
                                "region": row.get("region")})
            if found is None:
                unlisted.append({"path": row.get("path"), "issuer": row.get("issuer"), "year": row.get("year")})
                continue
            entry, how = found
            matches.append({"path": row.get("path"), "issuer": row.get("issuer"), "year": row.get("year"),
                            "unit": entry.name, "via": how})
            received.setdefault(id(entry), set()).add(row.get("year"))
        missing = []
        for entry in self.entries:
            if not entry.due(year):
                continue
            years = received.get(id(entry), set())
            if year in years or (years and None in years) or (year is None and years):
                continue
            item = {"issuer": entry.name, "level": entry.level, "region": entry.region, "year": year}
            other = sorted(y for y in years if y)
            if other:
                item["received_years"] = other
            missing.append(item)
        due = sum(1 for entry in self.entries if entry.due(year))
        return {"path": self.path, "year": year, "due": due, "submitted": due - len(missing),
                "matches": matches, "unlisted": unlisted, "not_submitted": missing}

    def not_submitted(self, rows: list[dict], year: int | None = None) -> list[dict]:
        return self.reconcile(rows, year)["not_submitted"]


def _read_place(name: str, context: set[str]) -> list:
    """The divisions a name's last place may be, best first, and only those tied for best: a
    division under a place the name itself gives (北京市通州区) first, then one under a place the
    registry names elsewhere (``context``: 朝阳区 in a registry that lists 长春市), then a full name
    over a short one and the higher level, as the document reads a report."""
    from ..document import gazetteer

    places = _places(name)
    if not places:
        return []
    form = places[-1]

    def around(forms) -> set[str]:
        return {u.name for f in set(forms) - {form} for u in gazetteer.lookup(f)}

    own, registry = around(places), around(context)

    def under(unit, names) -> bool:
        return unit.province in names or (unit.prefecture or "") in names

    ranked = sorted(((not under(u, own), not under(u, registry), u.name != form, _RANK[u.level]), u.code, u)
                    for u in gazetteer.lookup(form))
    return [u for rank, _, u in ranked if rank == ranked[0][0]]


_RANK = {"province": 0, "city": 1, "county": 2}


def _resolve(path, entries: list[Entry]) -> tuple[set[str], list[str]]:
    """Reads every name to its division among the places the registry names; a name that still
    reads to two places of the same rank (朝阳区 with neither 北京市 nor 长春市 in the registry)
    would match the wrong unit's report, so the registry must say which, unless a code is given.
    Returns the registry's places and the problems."""
    context = {form for entry in entries for name in [entry.name, *entry.aliases] for form in _places(name)}
    problems = []
    for entry in entries:
        for name in [entry.name, *entry.aliases]:
            tied = _read_place(name, context)
            if len(tied) > 1 and not entry.region:
                listed = "、".join(f"{u.prefecture or u.province}{u.name}（{u.code}）" for u in tied[:4])
                problems.append(f"{path}:{entry.line}:1 - “{name}”可能是{listed}，请写出上级地名或 region 区划代码"
                                f" / '{name}' names more than one place; add the parent place or a region code")
                break
            if tied:
                entry.resolved[name] = tied[0].code
    return context, problems


def _places(name: str) -> list[str]:
    return leading_places(_PARTY.sub("", name.split("、")[-1]))


def _repeated(path, entries: list[Entry]) -> list[str]:
    """One unit listed twice (by two names that read to one place) would be counted twice."""
    seen: dict[str, Entry] = {}
    problems = []
    for entry in entries:
        key = entry.key
        if key and key in seen:
            first = seen[key]
            problems.append(f"{path}:{entry.line}:1 - “{entry.name}”与第 {first.line} 行的“{first.name}”"
                            f"是同一单位（{key}），请合并为一项，另一名称写入 aliases / the same unit as line {first.line}; "
                            f"merge them and list the other name under aliases")
        elif key:
            seen[key] = entry
    return problems
