"""``period``: the period the report covers (from its title or opening sentence).

Parameters
  allowed   periods that pass (default [annual]); others: half_year, quarter.

Placeholders: {period} in Chinese (全年 / 半年 / 季度).
"""
from __future__ import annotations

from ..patterns import rx
from .base import Context, Mark, Outcome

TYPE = "period"
PARAMS = {"type": "object", "properties": {"allowed": {"type": "array", "items": {"enum": ["annual", "half_year", "quarter", "other"]}, "minItems": 1}}}
DEFAULTS = {"allowed": ["annual"]}
PATTERN_KEYS = ()
PLACEHOLDERS = ("period",)
from ..base.vocab import PERIOD_ZH as NAMES
_EVIDENCE = rx.compile(r"上半年|下半年|半年|第?[一二三四1-4]季度|前三季度")


def prepare(params: dict) -> dict:
    return params


def evaluate(ctx: Context) -> Outcome:
    period = ctx.doc.meta.period
    values = {"period": NAMES.get(period, period)}
    if period in ctx.params["allowed"]:
        return Outcome("pass", values)
    span = ctx.doc.meta.title_span or (ctx.doc.body_start, min(len(ctx.text), ctx.doc.body_start + 200))
    m = _EVIDENCE.search(ctx.text, span[0], span[1])
    finding = Mark(m.start(), m.end(), "") if m else Mark(span[0], span[1], "")
    return Outcome("fail", values, findings=[finding])
