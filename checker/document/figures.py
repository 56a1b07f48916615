"""Every quantity in the text, with value, unit, kind and span.

Kinds: count (件, 项, 人次 …), amount (元), rate (%, 个百分点), measure (公里, 亩 …),
duration (天, 个月 …), multiple (倍), year (2020年, 二〇二〇年), date (3月1日, 2021年3月31日).
Approximations (余, 多, 近, 约, 超过, 左右 …) are recorded as ``approx``.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..patterns import rx
from ..base.cnnum import NUMERAL_CHARS, han_to_int, to_decimal

_ARABIC = r"\d{1,3}(?:,\d{3})+(?![\d])|\d+(?:\.\d+)?"
_HAN = rf"[{NUMERAL_CHARS}]+(?:点[{''.join(c for c in NUMERAL_CHARS if c not in '十百千万亿拾佰仟')}]+)?"
_PREFIX = r"(?P<pre>将近|接近|大约|超过|多达|不足|不到|近|约|逾|超|达)?"
_SUFFIX = r"(?P<post>余|多|左右|以上|以下|之多)?"

_UNITS = {
    "amount": ["亿元", "万元", "千元", "元"],
    "rate": ["个百分点", "%"],
    "multiple": ["倍"],
    "duration": ["个工作日", "个小时", "小时", "个月", "天", "周", "分钟"],
    "measure": ["平方公里", "平方米", "公里", "千米", "公顷", "万亩", "亩", "吨", "立方米", "米"],
    "count": ["万人次", "人次", "家次", "户次", "万人", "万件", "万个", "件", "项", "次", "个", "名", "人", "场", "期",
              "部", "条", "家", "起", "宗", "批", "份", "篇", "卷", "台", "户", "所", "座", "处", "类", "套",
              "本", "册", "门", "种", "支", "位", "单", "家单位", "个单位", "件次", "余件"],
}
_UNIT_KIND = {unit: kind for kind, units in _UNITS.items() for unit in units}
_UNIT_ALT = "|".join(sorted(_UNIT_KIND, key=len, reverse=True))
_MULTIPLIER = {"万": Decimal(10**4), "亿": Decimal(10**8)}

# Order matters: dates and years before plain quantities, so 2020年3月 is a date, not 2020 + 3月.
# The leading lookahead names the characters a date can start with: without it the engine tries the
# lookbehind of the second alternative at every position (six times slower on a whole report).
_DATE_RE = rx.compile(
    r"(?=[\d一二三四五六七八九十〇○零])(?:(?P<y>(?:19|20)\d{2}|[一二〇○零三四五六七八九]{4})\s*年\s*(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3})\s*月"
    r"(?:\s*(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日)?"
    r"|(?<![\d年])(?P<m2>1[0-2]|0?[1-9])\s*月\s*(?P<d2>3[01]|[12]\d|0?[1-9])\s*日)")
_YEAR_RE = rx.compile(r"(?<![\d.])(?P<y>(?:19|20)\d{2}|[二][〇○零][一二〇○零三四五六七八九]{2})\s*年(?!代)")
_PERCENT_WORD_RE = rx.compile(rf"{_PREFIX}百分之(?P<num>{_HAN}|{_ARABIC}){_SUFFIX}")
_MIXED_RE = rx.compile(
    rf"{_PREFIX}(?<![\d.])(?P<a>\d+(?:\.\d+)?)\s*(?P<am>亿|万)(?:\s*(?P<b>\d+(?:\.\d+)?)\s*(?P<bm>万))?\s*{_SUFFIX}\s*(?P<unit>元|人次|人|件|户|亩|吨)")
_QUANTITY_RE = rx.compile(
    rf"(?<![第\d.{NUMERAL_CHARS}])(?:{_PREFIX})(?P<num>{_ARABIC}|{_HAN})\s*{_SUFFIX}\s*(?P<unit>{_UNIT_ALT})"
    rf"(?:\s*(?:至|到|-|~|—)\s*(?P<num2>{_ARABIC}|{_HAN})\s*(?P=unit)|(?P<after>以上|以下|左右))?")
_RANGE_RE = rx.compile(rf"(?<![\d.])(?P<num>{_ARABIC})\s*(?:至|到|-|~)\s*(?P<num2>{_ARABIC})\s*(?P<unit>{_UNIT_ALT})")

_APPROX = {"余": "more_than", "多": "more_than", "以上": "at_least", "之多": "more_than", "超过": "more_than",
           "超": "more_than", "逾": "more_than", "多达": "more_than", "近": "nearly", "将近": "nearly",
           "接近": "nearly", "不足": "less_than", "不到": "less_than", "以下": "at_most", "约": "about",
           "大约": "about", "左右": "about"}


@dataclass(frozen=True)
class Figure:
    start: int
    end: int
    text: str
    value: Decimal
    unit: str
    kind: str
    approx: str | None = None
    high: Decimal | None = None  # upper end of a range (3至5天)

    def to_dict(self) -> dict:
        value = int(self.value) if self.value == self.value.to_integral_value() else float(self.value)
        out = {"text": self.text, "value": value, "unit": self.unit, "kind": self.kind,
               "approx": self.approx, "start": self.start, "end": self.end}
        if self.high is not None:
            out["high"] = int(self.high) if self.high == self.high.to_integral_value() else float(self.high)
        return out


def _approx(match) -> str | None:
    """余/多/以上 … before or after the unit (35件以上, 100%以上), or 约/近/超过 … before the number."""
    pre, post = match.group("pre"), match.group("post")
    after = match.group("after") if "after" in match.re.groupindex else None
    return _APPROX.get(post or "") or _APPROX.get(after or "") or _APPROX.get(pre or "")


def _year_value(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    return han_to_int(text.replace("○", "〇"))


def _month_day(text: str | None) -> int | None:
    if text is None:
        return None
    return int(text) if text.isdigit() else han_to_int(text)


def _dates(text: str, taken: _Taken) -> list[Figure]:
    found = []
    for m in _DATE_RE.finditer(text):
        if m.group("y"):
            year, month, day = _year_value(m.group("y")), _month_day(m.group("m")), _month_day(m.group("d"))
        else:
            year, month, day = None, _month_day(m.group("m2")), _month_day(m.group("d2"))
        if not month or not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
            continue
        value = Decimal(year * 10000 + month * 100 + (day or 0)) if year else Decimal(month * 100 + (day or 0))
        found.append(Figure(m.start(), m.end(), m.group(), value, "日期", "date"))
        taken.append((m.start(), m.end()))
    return found


class _Taken:
    """Character positions already claimed by a figure (a bytearray: O(1) marking, C-speed tests)."""

    def __init__(self, length: int):
        self.marks = bytearray(length)

    def append(self, span: tuple[int, int]) -> None:
        self.marks[span[0]:span[1]] = b"\x01" * (span[1] - span[0])

    def overlaps(self, span: tuple[int, int]) -> bool:
        return self.marks.find(1, span[0], span[1]) != -1


def _overlaps(span: tuple[int, int], taken: _Taken) -> bool:
    return taken.overlaps(span)


def _years(text: str, taken: _Taken) -> list[Figure]:
    found = []
    for m in _YEAR_RE.finditer(text):
        if _overlaps(m.span(), taken):
            continue
        year = _year_value(m.group("y"))
        if year and 1900 <= year <= 2100:
            found.append(Figure(m.start(), m.end(), m.group(), Decimal(year), "年", "year"))
            taken.append(m.span())
    return found


def _quantities(text: str, taken: _Taken) -> list[Figure]:
    found = []
    for m in _MIXED_RE.finditer(text):
        value = Decimal(m.group("a")) * _MULTIPLIER[m.group("am")]
        if m.group("b"):
            value += Decimal(m.group("b")) * _MULTIPLIER[m.group("bm")]
        unit = m.group("unit")
        found.append(Figure(m.start(), m.end(), m.group(), value, unit, _UNIT_KIND.get(unit, "count"), _approx(m)))
        taken.append(m.span())
    for m in _PERCENT_WORD_RE.finditer(text):
        value = to_decimal(m.group("num"))
        if value is not None and not _overlaps(m.span(), taken):
            found.append(Figure(m.start(), m.end(), m.group(), value, "%", "rate", _approx(m)))
            taken.append(m.span())
    for m in _RANGE_RE.finditer(text):
        if _overlaps(m.span(), taken):
            continue
        unit = m.group("unit")
        found.append(Figure(m.start(), m.end(), m.group(), Decimal(m.group("num")), unit,
                            _UNIT_KIND[unit], "range", Decimal(m.group("num2"))))
        taken.append(m.span())
    for m in _QUANTITY_RE.finditer(text):
        if _overlaps(m.span(), taken):
            continue
        figure = _quantity(m)
        if figure is not None:
            found.append(figure)
            taken.append(m.span())
    return found


def _quantity(m) -> Figure | None:
    raw, unit = m.group("num"), m.group("unit")
    value = to_decimal(raw)
    if value is None:
        return None
    approx = _approx(m)
    is_han = not raw[0].isdigit()
    # Single Han digits with a unit (三项制度, 一次) are prose far more often than results.
    if is_han and value < 10 and approx is None:
        return None
    unit_value = value
    if unit[0] in _MULTIPLIER and len(unit) > 1:
        unit_value, unit = value * _MULTIPLIER[unit[0]], unit[1:]
    elif unit == "余件":
        unit, approx = "件", approx or "more_than"
    high = to_decimal(m.group("num2")) if m.group("num2") else None
    return Figure(m.start(), m.end(), m.group(), unit_value, unit, _UNIT_KIND.get(m.group("unit"), "count"),
                  approx, high)


def find_figures(text: str) -> list[Figure]:
    """All figures in ``text`` (normalised text), sorted by position."""
    taken = _Taken(len(text))
    figures = _dates(text, taken) + _years(text, taken) + _quantities(text, taken)
    return sorted(figures, key=lambda f: (f.start, f.end))
