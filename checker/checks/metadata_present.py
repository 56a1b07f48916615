"""``metadata_present``: a metadata field could be recovered (or was given on the command line).

Parameters
  fields   any of title, issuer, issuer_level, year, date (default [year]).

Placeholders: {missing} the fields not found, {value} the first field's value.
"""
from __future__ import annotations

from .base import Context, Outcome

TYPE = "metadata_present"
FIELD_NAMES = {"title": "标题", "issuer": "报告主体", "issuer_level": "主体层级", "year": "报告年度", "date": "成文日期"}
PARAMS = {"type": "object", "properties": {"fields": {"type": "array", "items": {"enum": list(FIELD_NAMES)}, "minItems": 1}}}
DEFAULTS = {"fields": ["year"]}
PATTERN_KEYS = ()
PLACEHOLDERS = ("missing", "value")


def prepare(params: dict) -> dict:
    return params


def evaluate(ctx: Context) -> Outcome:
    meta = ctx.doc.meta
    missing = [FIELD_NAMES[f] for f in ctx.params["fields"] if getattr(meta, f) in (None, "")]
    value = getattr(meta, ctx.params["fields"][0])
    return Outcome("fail" if missing else "pass", {"missing": "、".join(missing), "value": value if value is not None else ""})
