"""``written_date``: the 成文日期 under the signature written as GB/T 9704-2012 7.3.5 asks — year, month
and day in Arabic numerals, the year in full, month and day without a leading zero (2024年3月5日, not
二〇二四年三月五日 or 2024年03月05日).  The 1999 edition of the standard used Chinese numerals, which is
why authors still write them.

Only a date the document itself carries (the 落款 or the 公文 版头) is judged; a date taken from the
web page's information table is not the author's writing, and no date is not applicable.

Parameters: none.  Placeholders: {found} the date as written.
"""
from __future__ import annotations

from ..patterns import rx
from .base import Context, Mark, Outcome, not_applicable

TYPE = "written_date"
PARAMS = {"type": "object", "properties": {}}
DEFAULTS: dict = {}
PLACEHOLDERS = ("found",)
PATTERN_KEYS = ()
_DATE = rx.compile(r"(?P<y>[\d〇○零一二三四五六七八九]{2,4})\s*年\s*(?P<m>[\d〇○零一二三四五六七八九十]{1,3})\s*月"
                   r"\s*(?P<d>[\d〇○零一二三四五六七八九十]{1,3})\s*日")
_HAN = rx.compile(r"[〇○零一二三四五六七八九十]")


def prepare(params: dict) -> dict:
    return params


def evaluate(ctx: Context) -> Outcome:
    meta = ctx.doc.meta
    if meta.date_source != "signature" or not meta.date_span:
        return not_applicable("no_date")
    m = _DATE.search(ctx.text, *meta.date_span)
    if not m:
        return not_applicable("no_date")
    written = m.group()
    problems = []
    if _HAN.search(written):
        problems.append("用了汉字数字，应使用阿拉伯数字")
    else:
        if len(m.group("y")) != 4:
            problems.append("年份没有标全称")
        if m.group("m").startswith("0") or m.group("d").startswith("0"):
            problems.append("月、日编了虚位（如“03月”），应不编虚位")
    values = {"found": written}
    if not problems:
        return Outcome("pass", values, evidence=[Mark(m.start(), m.end(), written)])
    y, mo, d = meta.date.split("-")
    right = f"{int(y)}年{int(mo)}月{int(d)}日"
    return Outcome("fail", values, findings=[Mark(m.start(), m.end(),
                   f"成文日期“{written}”{'；'.join(problems)}，应写作“{right}”（GB/T 9704-2012 第7.3.5条）")])
