"""``law_citations``: laws and regulations cited with a revision that does not exist, that came after
the report's year, or as in force before the revision took effect.

The laws are data (data/law_revisions.yaml, with sources): each adoption, revision (修订) and
amendment (修正) with the day it was adopted and the day it took effect.  A citation is a law's name
(with or without 《》 and 中华人民共和国); around it the check reads, in the same sentence:

- a revision year (《行政处罚法》（2020年修订）, 2019年修订的行政复议法): a year in which the law was
  not adopted, revised or amended is a finding; so is a revision adopted after the report was written;
- a date of adoption or entry into force (2021年1月1日起施行的《行政处罚法》): a date that is none of
  the law's is a finding;
- 新修订、修订后、新《…》: a report on a year that calls the law newly revised, when its last change
  before then is more than two years old and the revision it must mean came later (a 2020 report on
  新修订的行政处罚法, revised in 2021), is a finding;
- a law repealed before the report's year (合同法, 物权法 … after 民法典 took effect on 1 January 2021;
  信访条例 after 信访工作条例) cited as current — unless the sentence says it was repealed;
- the revised law applied in the report's own year (施行以来、依据、适用) when the revision took effect
  only after that year (a 2023 report on 新修订的行政复议法实施以来, in force from 2024) — except in the
  part on next year's plans and where the sentence speaks of preparing for it (将于、学习、宣传 …).

Parameters
  laws   extra laws of the rule's own, in the data file's shape.

Placeholders: {count} findings, {found} the laws concerned.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache

import regex

from ..patterns import rx
from ..base.yamlsafe import package_data
from .base import Context, Mark, Outcome

TYPE = "law_citations"
_EVENT = {"type": "object", "additionalProperties": False, "required": ["year", "adopted", "effective", "kind"],
          "properties": {"year": {"type": "integer"}, "adopted": {}, "effective": {}, "kind": {"enum": ["制定", "修订", "修正"]}}}
PARAMS = {"type": "object", "properties": {"laws": {"type": "array", "items": {
    "type": "object", "additionalProperties": False, "required": ["names", "events", "source"], "properties": {
        "names": {"type": "array", "items": {"type": "string", "minLength": 2}, "minItems": 1},
        "not_after": {"type": "array", "items": {"type": "string", "minLength": 1}},
        "repealed": {"type": "object", "additionalProperties": False, "required": ["date", "by"],
                     "properties": {"date": {}, "by": {"type": "string", "minLength": 2}}},
        "events": {"type": "array", "items": _EVENT, "minItems": 1},
        "source": {"type": "string", "minLength": 1}}}}}}
DEFAULTS = {"laws": []}
PLACEHOLDERS = ("count", "found")
PATTERN_KEYS = ()

_DATE = r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
_YEAR_AFTER = rx.compile(r"》?\s*[（(]\s*(?P<y>(?:19|20)\d{2})\s*年?\s*(?:修订|修正|修改)?(?:版|本)?\s*[）)]")
_YEAR_BEFORE = rx.compile(r"(?<![\d月])(?P<y>(?:19|20)\d{2})\s*年\s*(?:新)?(?:修订|修正|修改)(?:后)?的?\s*《?(?:中华人民共和国)?$")
_DATE_BEFORE = rx.compile(rf"(?P<d>{_DATE})\s*(?:起)?\s*(?:正式)?(?P<v>施行|实施|生效|修订|修正|通过|公布)(?:后)?的?\s*"
                          r"(?:新修订|新修正|修订后|新)?的?\s*《?(?:中华人民共和国)?$")
_DATE_AFTER = rx.compile(rf"》?[^。；;，,]{{0,8}}?(?:于|自|从)?\s*(?P<d>{_DATE})\s*起?\s*(?:正式)?(?P<v>施行|实施|生效)")
_NEW = rx.compile(r"(?P<word>新修订|新修正|新修改|修订后|修正后|最新修订|(?<![创更重革清最])新)的?\s*《?(?:中华人民共和国)?$")
_APPLIED = rx.compile(r"施行以来|实施以来|施行后|实施后|正式施行|正式实施|依据|依照|适用|按照")
_PREPARING = rx.compile(r"将|即将|拟|准备|迎接|衔接|学习|宣传|培训|解读|宣讲|贯彻落实|草案|征求意见")
_SENTENCE = rx.compile(r"[。；;！!？?\n]")
_GONE = rx.compile(r"废止|失效|取代|不再适用|原《|原\p{Han}{0,4}法")
_DIGITS = rx.compile(r"\d+")


@lru_cache(maxsize=1)
def bundled_laws() -> tuple[dict, ...]:
    data = package_data("checks", "law_revisions")
    return tuple(data["laws"])


def _day(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _law(raw: dict) -> dict:
    events = sorted(({**e, "adopted": _day(e["adopted"]), "effective": _day(e["effective"])} for e in raw["events"]),
                    key=lambda e: e["adopted"])
    out = {**raw, "events": events}
    if raw.get("repealed"):
        out["repealed"] = {**raw["repealed"], "date": _day(raw["repealed"]["date"])}
    return out


def _name_pattern(law: dict, name: str) -> str:
    guard = "".join(f"(?<!{regex.escape(word)})" for word in law.get("not_after") or [])
    return guard + regex.escape(name)


def prepare(params: dict) -> dict:
    laws = [_law(law) for law in (*bundled_laws(), *(params.get("laws") or []))]
    names = [(i, name) for i, law in enumerate(laws) for name in law["names"]]
    names.sort(key=lambda pair: -len(pair[1]))
    pattern = rx.compile("(?:" + "|".join(f"(?P<l{i}_{j}>{_name_pattern(laws[i], name)})" for j, (i, name) in enumerate(names))
                         + r")(?!实施条例|实施细则|实施办法|释义|律)")
    return {**params, "_laws": laws, "_pattern": pattern}


def _date_of(written: str) -> dt.date | None:
    y, m, d = (int(n) for n in _DIGITS.findall(written))
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _title(law: dict) -> str:
    return f"《{law['names'][0]}》"


def _history(law: dict) -> str:
    return "、".join(f"{e['year']}年{e['kind']}" for e in law["events"])


def _in_plans(ctx: Context, offset: int) -> bool:
    section = ctx.doc.innermost_section(offset)
    while section is not None:
        if section.role == "next_year":
            return True
        section = ctx.doc.parent_of(section)
    return False


def evaluate(ctx: Context) -> Outcome:
    year, text = ctx.doc.meta.year, ctx.text
    written = _day(ctx.doc.meta.date) if ctx.doc.meta.date else None
    findings: list[Mark] = []
    for match in ctx.finditer(ctx.params["_pattern"]):
        law = ctx.params["_laws"][int(match.lastgroup[1:].split("_")[0])]
        stop = _SENTENCE.search(text, match.end(), min(len(text), match.end() + 60))
        after = text[match.end():stop.start() if stop else min(len(text), match.end() + 60)]
        floor = max(0, match.start() - 60)
        starts = [m.end() for m in _SENTENCE.finditer(text, floor, match.start())]
        before = text[starts[-1] if starts else floor:match.start()]
        why = _why(ctx, law, match, before, after, year, written)
        if why:
            findings.append(Mark(match.start(), match.end(), f"{_title(law)}：{why}（{law['source']}）"))
    values = {"count": len(findings), "found": "、".join(dict.fromkeys(
        f.message.split("：", 1)[0] for f in findings))}
    return Outcome("fail" if findings else "pass", values, findings=findings)


def _why(ctx: Context, law: dict, match, before: str, after: str, year: int | None, written: dt.date | None) -> str | None:
    repealed = law.get("repealed")
    if repealed and year is not None and repealed["date"] <= dt.date(year, 1, 1):
        if _GONE.search(before + after):
            return None  # 合同法等同时废止: the text says so itself
        day = repealed["date"]
        return f"该法已于{day.year}年{day.month}月{day.day}日废止，由《{repealed['by']}》取代，{year}年度报告不应再引用"
    events = law["events"]
    years = {e["year"] for e in events}
    cited = _YEAR_AFTER.match(after) or _YEAR_BEFORE.search(before)
    if cited:
        y = int(cited.group("y"))
        if y not in years:
            return f"该法没有{y}年的修订或修正（历次：{_history(law)}）"
        event = next(e for e in events if e["year"] == y)
        if year is not None and y > year and (written is None and y > year + 1 or written and event["adopted"] > written):
            return f"{y}年的{event['kind']}在报告成文之后，{year}年度报告不能引用"
    dated = _DATE_AFTER.match(after) or _DATE_BEFORE.search(before)
    if dated:
        day = _date_of(dated.group("d"))
        kind = dated.group("v")
        known = {e["effective"] for e in events} if kind in ("施行", "实施", "生效") else {e["adopted"] for e in events}
        if day and day not in known:
            right = "、".join(f"{d.year}年{d.month}月{d.day}日" for d in sorted(known))
            return f"{dated.group('d')}{kind}与该法的{'施行' if kind in ('施行', '实施', '生效') else '通过'}日期不符（应为{right}）"
    if year is None:
        return None
    new = _NEW.search(before)
    if not new:
        return None
    in_plans = _in_plans(ctx, match.start())
    # Work of the report's year is judged against the law as it stood at the year's end; plans for
    # next year against the law when the report was written.
    cutoff = (written or dt.date(year + 1, 3, 31)) if in_plans else dt.date(year, 12, 31)
    kinds = ("制定", "修订") if "修订" in new.group() else ("制定", "修订", "修正")
    known = [e for e in events if e["adopted"] <= cutoff and e["kind"] in kinds]
    later = [e for e in events if e["adopted"] > cutoff and e["kind"] in kinds]
    if not known:
        return f"该法{events[0]['adopted'].year}年才{events[0]['kind']}，{year}年度报告不能引用"
    last = known[-1]
    if last["year"] < year - 2 and later:
        since = (f"该法{last['year']}年制定后到{year}年底没有修订过" if last["kind"] == "制定" else
                 f"该法到{year}年底最近一次{last['kind']}是在{last['year']}年")
        return (f"{since}，称“{new.group('word')}”不准确：新的{later[0]['kind']}{later[0]['adopted'].year}年"
                f"{later[0]['adopted'].month}月才通过")
    last = [e for e in events if e["adopted"] <= cutoff][-1]
    if last["effective"].year > year and not in_plans:
        clause = before + after
        if _APPLIED.search(clause) and not _PREPARING.search(clause):
            e = last["effective"]
            return f"{last['year']}年{last['kind']}的文本自{e.year}年{e.month}月{e.day}日起施行，{year}年度内尚未施行，不能依据或写“实施以来”"
    return None
