"""The 政务公开 information table that government sites print above a report.

Real layouts, all read here: ``[ 索引号 ] x [ 主题分类 ] y`` (bracketed, two pairs a line),
``发布机构：x 发文日期：y``, ``索 引 号：x`` (spaced labels), ``| 文号 | x |`` (pipes), and a label on
its own line with the value on the next.  Each field is kept with its canonical label; a line that
is part of the table is page residue, never title or body.  Dates written ``2022- 02- 28``,
``2022年2月28日`` or ``二〇二二年二月二十八日`` all parse.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..patterns import rx
from ..base.cnnum import han_to_int

# Canonical label → the ways sites print it.  Order matters only for overlapping names: the
# longer alternatives come first in the compiled pattern.
LABELS: dict[str, tuple[str, ...]] = {
    "索引号": ("索引号", "索取号"),
    "主题分类": ("主题分类", "信息分类", "组配分类", "体裁分类", "服务对象分类", "分类"),
    "发布机构": ("发布机构", "发文机关", "发文单位", "公开主体", "发布单位", "信息公开主体", "制发机关", "生成机构"),
    "成文日期": ("成文日期", "生成日期", "印发日期", "发文日期"),
    "发布日期": ("发布日期", "发布时间", "公开日期", "公开时间", "更新时间", "更新日期"),
    "文号": ("发文字号", "文号"),
    "标题": ("标题", "名称", "公文标题"),
    "来源": ("信息来源", "文章来源", "来源"),
    "有效性": ("有效性", "时效性", "是否有效"),
    "公开方式": ("公开方式", "公开形式", "公开范围"),
    "主题词": ("主题词", "关键词"),
}
DATE_LABELS = {"成文日期": "written", "发布日期": "published"}


def _spaced(word: str) -> str:
    return r"\s*".join(map(re.escape, word))


_CANONICAL = {name: canon for canon, names in LABELS.items() for name in names}
_NAMES = sorted(_CANONICAL, key=len, reverse=True)
_LABEL = rx.compile(r"[\[【|｜]?\s*(?P<label>" + "|".join(_spaced(n) for n in _NAMES) + r")\s*[\]】]?\s*[:：]?\s*")
_LINE_START = rx.compile(r"^\s*[\[【|｜]?\s*(?:" + "|".join(_spaced(n) for n in _NAMES) + r")\s*(?:[\]】]|[:：]|\s*$|\s)")
_NUMERAL = r"(?:\d{1,4}|[〇○零一二三四五六七八九十]{1,4})"
_DATE = rx.compile(rf"(?P<y>\d{{4}}|[〇○零一二三四五六七八九]{{4}})\s*[-年/.]\s*(?P<m>{_NUMERAL})\s*[-月/.]\s*(?P<d>{_NUMERAL})\s*日?")


@dataclass
class PageTable:
    fields: dict[str, str] = field(default_factory=dict)  # canonical label → value as printed
    lines: list[int] = field(default_factory=list)        # indexes of the lines that belong to the table
    bare_date: str | None = None                           # a date printed without a label (• 2021-01-11 15:41)

    def meta(self) -> dict[str, str]:
        """The fields other layers use: written/published dates, issuer, title, document number, source."""
        out = {}
        for label, key in DATE_LABELS.items():
            date = parse_date(self.fields.get(label, ""))
            if date:
                out[key] = date
        if "published" not in out and self.bare_date:
            out["published"] = self.bare_date
        for label, key in (("发布机构", "issuer"), ("标题", "title"), ("文号", "doc_number"), ("来源", "source")):
            if self.fields.get(label):
                out[key] = self.fields[label]
        return out


def parse_date(text: str) -> str | None:
    m = _DATE.search(text)
    if not m:
        return None

    def number(raw: str) -> int | None:
        if raw.isdigit():
            return int(raw)
        if len(raw) == 4 and all(c in "〇○零一二三四五六七八九" for c in raw):
            return int("".join(str("〇一二三四五六七八九".index(c.replace("○", "〇").replace("零", "〇"))) for c in raw))
        return han_to_int(raw)

    year, month, day = number(m["y"]), number(m["m"]), number(m["d"])
    if not (year and month and day and 1900 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _pairs(line: str) -> list[tuple[str, str]]:
    """(canonical label, value) for every label printed in a line; a value runs to the next label."""
    hits = list(_LABEL.finditer(line))
    out = []
    for i, hit in enumerate(hits):
        end = hits[i + 1].start() if i + 1 < len(hits) else len(line)
        value = line[hit.end():end].strip(" \t|｜[]【】:：")
        label = re.sub(r"\s+", "", hit["label"])
        out.append((_CANONICAL[label], value))
    return out


# A line of page chrome that is a date alone, or a date (and time) followed by other page fields:
# ``• 2022-02-28 15:41:39``, ``2022-01-12    来源:厅办公室``, ``日期：2024年1月23日``.
_BULLET = r"[•·▪●◆■\-*>|｜\s]*"
_BARE_DATE = rx.compile(rf"^{_BULLET}(?:\p{{Han}}{{0,4}}(?:日期|时间)\s*[:：]?\s*)?(?P<date>(?:19|20)\d{{2}}\s*(?:[-/.]\s*\d{{1,2}}\s*[-/.]\s*\d{{1,2}}"
                        rf"|年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日))(?:\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?"
                        rf"(?P<rest>\s*$|\s+\S[^。，,；;]{{0,50}}$|\s*[|｜]\s*[^。，,；;]{{0,50}}$)")
# An unknown label ending in 日期/时间 (信息时间, 生成时间) whose value is a date, anywhere on a table line.
_ANY_DATE_LABEL = rx.compile(r"(?P<label>\p{Han}{0,4}(?:日期|时间))\s*[:：]?\s*(?P<date>(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2})")
_WRITTEN = ("成文", "印发", "生成", "制发", "发文")
# A date with a time of day: a page's posting time, whatever field it is printed after.
_POSTED = rx.compile(r"(?<!\d)(?:19|20)\d{2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}\s+\d{1,2}:\d{2}")


def bare_date(line: str) -> str | None:
    """The date of a page line that is a date alone (with a time, a bullet or page fields after it)."""
    m = _BARE_DATE.match(line)
    if not m:
        return None
    if "年" in m["date"] and m.group() .strip() == m["date"].strip():
        return None  # 2024年3月20日 alone on a line is a 公文's 成文日期, read with the 落款
    return parse_date(m["date"])


def _labelled_dates(line: str) -> list[tuple[str, str]]:
    """(canonical date label, value) for labels not in LABELS that end in 日期/时间 (发布时间 in a line
    that starts with 公开类别): a written date when the label says so, else a publication date."""
    out = []
    for m in _ANY_DATE_LABEL.finditer(line):
        label = m["label"]
        if _CANONICAL.get(label):
            continue
        out.append(("成文日期" if any(w in label for w in _WRITTEN) else "发布日期", m["date"]))
    return out


def is_table_line(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and len(stripped) <= 160 and bool(_LINE_START.match(stripped))


def read_table(lines: list[str], limit: int = 60) -> PageTable:
    """The page table among the first ``limit`` lines (a table is printed above the report)."""
    table = PageTable()
    pending: str | None = None
    for index, line in enumerate(lines[:limit]):
        stripped = line.strip()
        if pending and stripped and not is_table_line(stripped) and len(stripped) <= 60:
            table.fields.setdefault(pending, stripped)
            table.lines.append(index)
            pending = None
            continue
        pending = None
        if not is_table_line(stripped):
            date = bare_date(stripped) if len(stripped) <= 80 else None
            if date:
                table.bare_date = table.bare_date or date
                table.lines.append(index)
                continue
            if len(stripped) <= 80 and not rx.search(r"[。，；]", stripped):
                dated = _pairs(stripped)
                dated = [(label, value) for label, value in dated if label in DATE_LABELS and parse_date(value)]
                dated += _labelled_dates(stripped)
                if dated:
                    table.lines.append(index)
                    for label, value in dated:
                        table.fields.setdefault(label, value)
            continue
        table.lines.append(index)
        pairs = _pairs(stripped)
        for label, value in pairs:
            if value:
                table.fields.setdefault(label, value)
            posted = _POSTED.search(value) if label not in DATE_LABELS else None
            if posted:  # 来源：某某日报 2024-03-16 08:15: the posting time printed after another field's value
                table.bare_date = table.bare_date or parse_date(posted.group())
        if len(pairs) == 1 and not pairs[0][1]:
            pending = pairs[0][0]
    return table
