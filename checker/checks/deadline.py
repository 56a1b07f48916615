"""``deadline``: the document date against the reporting calendar.

The date is the report's own 成文日期 (the 落款), else the page's date, else ``--published``.
Deadlines are month-day in the year after the report year, per issuer level.

Parameters
  tiers       list of {by: "MM-DD", levels: [...] (omit for all), severity: error|warning|info,
              label: text}; the date must be on or before each tier that applies to the issuer level.
  not_before  {month_day: "MM-DD", year_offset: 1}: the date must be on or after this day
              (year_offset counts from the report year; 1-01 of the next year = after the year ended).

Not applicable without a date or a report year.  Placeholders: {date}, {deadline}, {label}.
"""
from __future__ import annotations

from datetime import date

from .base import Context, Finding, Outcome, not_applicable

TYPE = "deadline"
_MONTH_DAY = {"type": "string", "pattern": r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"}
PARAMS = {
    "type": "object",
    "properties": {
        "tiers": {"type": "array", "minItems": 1, "items": {
            "type": "object", "additionalProperties": False, "required": ["by"],
            "properties": {"by": _MONTH_DAY, "levels": {"type": "array", "items": {"type": "string"}},
                           "severity": {"enum": ["error", "warning", "info"]}, "label": {"type": "string"}}}},
        "not_before": {"type": "object", "additionalProperties": False, "required": ["month_day"],
                       "properties": {"month_day": _MONTH_DAY, "year_offset": {"type": "integer"}}},
    },
}
DEFAULTS = {"tiers": [], "not_before": None}
PATTERN_KEYS = ()
PLACEHOLDERS = ("date", "deadline", "label")


def prepare(params: dict) -> dict:
    return params


def _day(year: int, month_day: str) -> date:
    month, day = (int(x) for x in month_day.split("-"))
    if month == 2 and day == 29:
        day = 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return date(year, month, day)


def _anchor(ctx: Context) -> list[Finding]:
    span = ctx.doc.meta.date_span
    if span:
        return [Finding(span[0], span[1], "")]
    if ctx.doc.meta.title_span:
        return [Finding(ctx.doc.meta.title_span[0], ctx.doc.meta.title_span[1], "")]
    return []


def evaluate(ctx: Context) -> Outcome:
    meta = ctx.doc.meta
    if not meta.date or not meta.year:
        return not_applicable("no date" if not meta.date else "no year")
    when = date.fromisoformat(meta.date)
    values = {"date": meta.date, "deadline": "", "label": ""}
    findings: list[Finding] = []
    not_before = ctx.params["not_before"]
    if not_before:
        earliest = _day(meta.year + not_before.get("year_offset", 1), not_before["month_day"])
        values["deadline"] = earliest.isoformat()
        if when < earliest:
            findings += _anchor(ctx) or [Finding(0, 0, "")]
    for tier in ctx.params["tiers"]:
        if tier.get("levels") and meta.issuer_level not in tier["levels"]:
            continue
        latest = _day(meta.year + 1, tier["by"])
        values["deadline"] = values["deadline"] or latest.isoformat()
        if when > latest:
            values["deadline"], values["label"] = latest.isoformat(), tier.get("label", "")
            findings += [Finding(f.start, f.end, "", tier.get("severity")) for f in _anchor(ctx)] \
                or [Finding(0, 0, "", tier.get("severity"))]
    return Outcome("fail" if findings else "pass", values, findings=findings)
