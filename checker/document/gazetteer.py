"""China's administrative divisions: is a name a real place, and at which level.

The data (data/divisions.tsv, plus the few units it lacks in data/divisions_added.tsv) is generated from a maintained data set by tools/make_divisions.py;
the level of each unit follows from its six-digit code: ``xx0000`` a province-level unit (the four
municipalities included), ``xxyy00`` a prefecture (市、州、盟、地区), anything else county-level
(县、区、旗、县级市).  Below the county, 乡、镇、街道 are recognised by their suffix.

Besides the full name (某某回族区, 某某苗族自治县) a unit is found by the forms reports use: the
short name (某某; only where it has two characters or more) and, for autonomous units, short name +
县/州/旗 (某某县).  A short name stands for the unit only where it stands as a word (issuer.py).
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from ..base import datacache
from ..base.vocab import CITY, COUNTY, PROVINCE

_SUFFIX = re.compile(r"(?:自治(?:区|州|县|旗)|特别行政区|省|市|地区|盟|州|县|区|旗|林区|特区)$")
_NOT_SHORT = frozenset("全我本各该其市县区省州郊")


class Division(NamedTuple):
    """One unit, built from its cached row when a form is looked up."""
    code: str
    name: str
    level: str
    province: str
    prefecture: str | None

    @property
    def short(self) -> str:
        return short_name(self.name)


def short_name(name: str) -> str:
    """某某回族区 → 某某, 某某苗族瑶族自治县 → 某某, 某某市 → 某某, 内蒙古自治区 → 内蒙古."""
    return _short(name, _tables()[0])


def _short(name: str, nations: tuple[str, ...]) -> str:
    stripped = _SUFFIX.sub("", name)
    if "自治" not in name and "族" not in name:
        return stripped or name
    while True:
        tail = next((n for n in nations if stripped.endswith(n) and len(stripped) > len(n) + 1), None)
        if tail is None:
            break
        stripped = stripped[:-len(tail)]
    return stripped or name


def _data_bytes() -> bytes:
    """divisions.tsv as generated, then the units it lacks (divisions_added.tsv, with its source)."""
    folder = resources.files("checker.document").joinpath("data")
    return folder.joinpath("divisions.tsv").read_bytes() + folder.joinpath("divisions_added.tsv").read_bytes()


def _nations(lines: list[str]) -> tuple[str, ...]:
    """The 56 nationalities, longest first, plus the shortened forms names use (维吾尔 for 维吾尔族)."""
    line = next(l for l in lines if l.startswith("# nations\t"))
    names = line.split("\t", 1)[1].split()
    return tuple(sorted(set(names) | {n[:-1] for n in names if len(n) > 2}, key=lambda n: (-len(n), n)))


def _level(code: str) -> str:
    if code[2:] == "0000":
        return PROVINCE
    if code[4:] == "00":
        return CITY
    return COUNTY


def _rows(lines: list[str]) -> list[tuple]:
    """(code, name, level, province, prefecture) of every unit."""
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")]
    names = {code: name for code, name in rows}
    out = []
    for code, name in rows:
        level = _level(code)
        # The municipalities list themselves again as their own prefecture (110100 北京市): skip it.
        if level == CITY and name == names.get(code[:2] + "0000"):
            continue
        prefecture = names.get(code[:4] + "00") if level == COUNTY else None
        out.append((code, name, level, names.get(code[:2] + "0000", name), prefecture))
    return out


def _forms(rows: list[tuple], nations: tuple[str, ...]) -> dict[str, tuple[int, ...]]:
    """Every form a report writes (full name, short name, 自治县 as 县) → the rows it may mean."""
    forms: dict[str, list[int]] = {}
    for number, (_, name, *_rest) in enumerate(rows):
        forms.setdefault(name, []).append(number)
        short = _short(name, nations)
        if short != name and len(short) >= 2 and short[0] not in _NOT_SHORT:
            forms.setdefault(short, []).append(number)
            if "自治" in name:
                forms.setdefault(short + name[-1], []).append(number)
    return {form: tuple(numbers) for form, numbers in forms.items()}


def _prefix_lengths(forms: dict[str, tuple[int, ...]]) -> dict[str, tuple[int, ...]]:
    """First two characters of a form → the lengths of the forms that start with them, longest
    first: a scan tries a position only when a form can start there (one lookup for most)."""
    lengths: dict[str, set[int]] = {}
    for form in forms:
        lengths.setdefault(form[:2], set()).add(len(form))
    return {prefix: tuple(sorted(found, reverse=True)) for prefix, found in lengths.items()}


@lru_cache(maxsize=1)
def _tables() -> tuple[tuple[str, ...], list[tuple], dict[str, tuple[int, ...]], dict[str, tuple[int, ...]]]:
    """(nations, unit rows, form → row numbers, prefix → form lengths), computed from the data file
    once per machine and read back afterwards (about 25 ms of every cold start otherwise)."""
    data = _data_bytes()
    cached = datacache.load("divisions", data)
    if isinstance(cached, tuple) and len(cached) == 4:
        return cached
    lines = data.decode("utf-8").splitlines()
    nations = _nations(lines)
    rows = _rows(lines)
    forms = _forms(rows, nations)
    tables = (nations, rows, forms, _prefix_lengths(forms))
    datacache.store("divisions", data, tables)
    return tables


@lru_cache(maxsize=1)
def divisions() -> tuple[Division, ...]:
    return tuple(Division(*row) for row in _tables()[1])


@lru_cache(maxsize=4096)
def lookup(form: str) -> tuple[Division, ...]:
    _, rows, forms, _ = _tables()
    return tuple(Division(*rows[number]) for number in forms.get(form, ()))


def best(form: str, context: set[str] | frozenset = frozenset()) -> Division | None:
    """The unit a form most likely means.  ``context``: other forms found in the same document;
    a unit whose province or prefecture is named there wins (a short name shared by a district of
    one province and an autonomous county of another means the one whose prefecture the report
    names).  Then a full name over a short one, and for a short name shared by several levels the
    highest (a report says 某某 for 某某市, not for its 某某区)."""
    units = lookup(form)
    if not units:
        return None
    context_units = {u.name for f in context if f != form for u in lookup(f)}
    order = {PROVINCE: 0, CITY: 1, COUNTY: 2}

    def rank(unit: Division):
        related = unit.province in context_units or (unit.prefecture or "") in context_units
        return (not related, unit.name != form, order[unit.level], unit.code)

    return min(units, key=rank)


# A place name that begins with a character which, after another Chinese character, joins two words
# (县人大代表和县政协委员, 城区与县城): read there as the conjunction.  A name of that kind stands after
# punctuation, a line start, or its province or prefecture (安徽省和县 — 省市州盟 before it).
_JOINING = "和与及同"


# A place name whose first characters end a common word of these reports: 示范县 (法治政府建设示范县,
# 示范区) is never 范县.  Each entry: the name's first character → the characters that, before it,
# make it that word.
_ENDS_WORD = {"范": "示"}


def _ends_word(text: str, i: int) -> bool:
    return i > 0 and text[i - 1] in _ENDS_WORD.get(text[i], "")


def _joins(before: str) -> bool:
    return "\u4e00" <= before <= "\u9fff" and before not in "省市州盟"


def find_places(text: str, full_only: bool = False) -> list[tuple[int, int, str]]:
    """(start, end, form) of every place form in ``text``, left to right, longest at each point.
    ``full_only``: only full names and 自治县-as-县 forms, for free text where a short name may be
    an ordinary word (资源, 平和)."""
    _, _, index, prefixes = _tables()
    out, i, n = [], 0, len(text)
    while i < n - 1:
        lengths = prefixes.get(text[i:i + 2])
        if lengths and text[i] in _JOINING and i > 0 and _joins(text[i - 1]):
            lengths = None  # 代表和县政协委员: 和 joins two words here, it does not begin 和县
        if lengths and _ends_word(text, i):
            lengths = None  # 示范县: the end of 示范, not 范县
        if lengths:
            for length in lengths:
                form = text[i:i + length]
                units = index.get(form) if len(form) == length else None
                if units and (not full_only or _is_full_form(form, units)):
                    out.append((i, i + length, form))
                    i += length
                    break
            else:
                i += 1
        else:
            i += 1
    return out


def _is_full_form(form: str, units: tuple[Division, ...]) -> bool:
    return any(u.name == form or (u.short + u.name[-1]) == form for u in units)
