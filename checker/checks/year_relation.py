"""``year_relation``: a year named in the scope's heading equals the report year + ``offset``
(a span's end, 2016—2020年, and a starting point, 2018年以来, are not the year a heading is about).

Parameters
  offset     k in "heading year = report year + k" (default 1: the plans are for next year).
  no_year    status when the heading names no year: pass (default) or fail.

Not applicable without the scope's part or a report year.  Placeholders: {found}, {expected}.
"""
from __future__ import annotations

from ..patterns import rx
from .base import Context, Mark, Outcome, not_applicable

TYPE = "year_relation"
PARAMS = {"type": "object", "properties": {"offset": {"type": "integer"}, "no_year": {"enum": ["pass", "fail"]}}}
DEFAULTS = {"offset": 1, "no_year": "pass"}
PATTERN_KEYS = ()
PLACEHOLDERS = ("found", "expected")
# A year the heading is about: not a span's end (2016—2020年) nor a starting point (2018年以来).
_YEAR = rx.compile(r"(?<![\d—–~～至-]\s*)((?:19|20)\d{2})\s*年(?!度?以来)")


def prepare(params: dict) -> dict:
    return params


def evaluate(ctx: Context) -> Outcome:
    if not ctx.scope.found or not ctx.scope.sections:
        return not_applicable("scope")
    year = ctx.doc.meta.year
    if year is None:
        return not_applicable("no year")
    expected = year + ctx.params["offset"]
    heading = ctx.scope.sections[0].heading
    m = _YEAR.search(ctx.text, heading.start, heading.end)
    if m is None:
        return Outcome(ctx.params["no_year"], {"found": "", "expected": expected})
    found = int(m.group(1))
    values = {"found": found, "expected": expected}
    if found == expected:
        return Outcome("pass", values, evidence=[Mark(m.start(), m.end(), m.group())])
    return Outcome("fail", values, findings=[Mark(m.start(), m.end(), "")])
