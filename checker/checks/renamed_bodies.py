"""``renamed_bodies``: names of bodies that were renamed, merged or abolished (the 2018 institutional
reform: 法制办 → 司法局, 工商局/质监局/食药监局 → 市场监督管理局, 卫计委 → 卫生健康委员会, 国税局/地税局 →
税务局 …), used as current in a report on a later year.

The changes are data (data/renamed_bodies.yaml, with sources): for each, the old names and, per level
(national, province, city, county), the last year in which the old name could still be current — the
reform reached the provinces in 2018 and the cities and counties by March 2019.  The level of a
mention is read from the word just before it (国家、省、市、州、县、区、旗 …), else the issuer's level;
when neither is known the latest year applies (no finding a later reform could excuse).

Where the old word has one current word at its level (法制办 → 司法局, 省法制办 → 司法厅, 卫计委 → 卫健委;
the data's ``fix``), the finding offers it as the replacement (a tracked change in Word).

Not a finding: a name after 原、前身、撤销、并入、整合、更名 (history, not current usage); a name inside a
document title 《…》 (an old body's document keeps its name); a report whose year is unknown.

Parameters
  changes   extra changes of the rule's own, in the data file's shape ({old, new, years, source});
            a province adds its local renames this way.

Placeholders: {count} findings, {found} the old names found.
"""
from __future__ import annotations

from functools import lru_cache

import regex

from ..patterns import rx
from ..base.yamlsafe import package_data
from .base import Context, Mark, Outcome

TYPE = "renamed_bodies"
_LEVELS = ("national", "province", "city", "county")
_WORDS = {"type": "object", "additionalProperties": {"type": "string", "minLength": 1}}
_CHANGE = {"type": "object", "additionalProperties": False, "required": ["old", "new", "years", "source"], "properties": {
    "old": {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
    "fix": _WORDS, "fix_province": _WORDS, "fix_national": _WORDS,
    "new": {"type": "string", "minLength": 1},
    "years": {"type": "object", "additionalProperties": False, "required": list(_LEVELS),
              "properties": {level: {"type": "integer", "minimum": 1949, "maximum": 2100} for level in _LEVELS}},
    "source": {"type": "string", "minLength": 1},
}}
PARAMS = {"type": "object", "properties": {"changes": {"type": "array", "items": _CHANGE}}}
DEFAULTS = {"changes": []}
PLACEHOLDERS = ("count", "found")
PATTERN_KEYS = ()

# The word just before an old name that says at which level the body sits.
_LEVEL_BEFORE = rx.compile(r"(?:(?P<national>国家|国务院|中央)|(?P<province>省|自治区)|(?P<city>市|州|盟|地区)"
                           r"|(?P<county>县|区|旗))$")
# In the name itself: 总局 and 部 are national, 厅 provincial, 所 and 分局 county.
_LEVEL_INSIDE = (("总局", "national"), ("部", "national"), ("厅", "province"), ("所", "county"))
_HISTORY = rx.compile(r"(?:原|前身|撤销|并入|整合|更名|改为|组建|改革前|改革后)[\p{Han}、和及与]{0,12}$")
_ISSUER_LEVEL = {"province": "province", "city": "city", "county": "county", "township": "county"}
_LEVEL_ZH = {"national": "国家层面", "province": "省级", "city": "市级", "county": "县级"}
_OPEN_TITLE = rx.compile(r"《[^《》\n]*$")


def patterns_of(params: dict) -> list[tuple[tuple, str]]:
    return [(("check", "changes", i, "old", j), form) for i, change in enumerate(params.get("changes") or [])
            for j, form in enumerate(change["old"])]


@lru_cache(maxsize=1)
def bundled_changes() -> tuple[dict, ...]:
    data = package_data("checks", "renamed_bodies")
    return tuple(data["changes"])


def prepare(params: dict) -> dict:
    changes = [*bundled_changes(), *(params.get("changes") or [])]
    forms = [(i, form) for i, change in enumerate(changes) for form in change["old"]]
    pattern = rx.compile("|".join(f"(?P<c{i}_{j}>{form})" for j, (i, form) in enumerate(forms)))
    return {**params, "_changes": changes, "_pattern": pattern}


def _level(ctx: Context, match: regex.Match) -> str | None:
    name = match.group()
    for word, level in _LEVEL_INSIDE:
        if name.endswith(word):
            return level
    before = _LEVEL_BEFORE.search(ctx.text, max(0, match.start() - 3), match.start())
    if before:
        return before.lastgroup
    return _ISSUER_LEVEL.get(ctx.doc.meta.issuer_level or "")


def evaluate(ctx: Context) -> Outcome:
    year = ctx.doc.meta.year
    findings: list[Mark] = []
    if year is not None:
        changes = ctx.params["_changes"]
        for match in ctx.finditer(ctx.params["_pattern"]):
            change = changes[int(match.lastgroup[1:].split("_")[0])]
            before = ctx.text[max(0, match.start() - 40):match.start()]
            if _HISTORY.search(before) or _OPEN_TITLE.search(before):
                continue
            level = _level(ctx, match)
            last = change["years"][level] if level else max(change["years"].values())
            if year <= last:
                continue
            where = _LEVEL_ZH.get(level, "")
            fix = (change.get(f"fix_{level}") or {}).get(match.group()) or (change.get("fix") or {}).get(match.group())
            findings.append(Mark(match.start(), match.end(),
                                    f"“{match.group()}”是机构改革前的名称，{where}机构调整{last}年已经完成，现为{change['new']}"
                                    f"（{change['source']}）；{year}年度报告应使用现行名称，说历史时写“原……”", fix=fix))
    values = {"count": len(findings), "found": "、".join(dict.fromkeys(ctx.text[f.start:f.end] for f in findings))}
    return Outcome("fail" if findings else "pass", values, findings=findings)
