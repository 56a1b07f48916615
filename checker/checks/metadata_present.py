"""``metadata_present``: a metadata field could be recovered (or was given on the command line).

Parameters
  fields   any of title, issuer, issuer_level, year, date (from the text or the page), signature
           (the issuing organ's name at the end, 发文机关署名), signature_date (the 成文日期 written at
           the end of the text itself) (default [year]).

Placeholders: {missing} the fields not found, {value} the first field's value.
"""
from __future__ import annotations

from ..patterns import rx
from .base import Context, Mark, Outcome

TYPE = "metadata_present"
FIELD_NAMES = {"title": "标题", "issuer": "报告主体", "issuer_level": "主体层级", "year": "报告年度", "date": "成文日期",
               "signature": "落款署名", "signature_date": "落款日期"}
PARAMS = {"type": "object", "properties": {"fields": {"type": "array", "items": {"enum": list(FIELD_NAMES)}, "minItems": 1}}}
DEFAULTS = {"fields": ["year"]}
PATTERN_KEYS = ()
PLACEHOLDERS = ("missing", "value")


def prepare(params: dict) -> dict:
    return params


def _value(ctx: Context, field: str):
    meta = ctx.doc.meta
    if field == "signature":
        part = ctx.doc.gongwen.first("发文机关署名") if ctx.doc.gongwen else None
        return part.value if part else _signed_above_date(ctx)
    if field == "signature_date":
        return meta.date if meta.date_source == "signature" else None
    return getattr(meta, field)


# An organ's name on a line of its own (上海市某区发展和改革委员会, 某县人民政府, 某县司法局).
_ORGAN_LINE = rx.compile(r"^(?:中共)?\p{Han}{2,40}(?:人民政府|政府|委员会|党委|党组|党工委|局|厅|办公室|委|办|中心|司法所|街道办事处|办事处)$")


def _signed_above_date(ctx: Context) -> str | None:
    """The organ's name on the line above the 落款 date the report's date was read from (a
    covering letter signed and dated: its 署名 is the report's)."""
    meta = ctx.doc.meta
    if meta.date_source != "signature" or not meta.date_span:
        return None
    before = ctx.text[max(0, meta.date_span[0] - 200):meta.date_span[0]]
    lines = [line.strip() for line in before.split("\n") if line.strip()]
    return lines[-1] if lines and _ORGAN_LINE.match(lines[-1]) else None


def evaluate(ctx: Context) -> Outcome:
    values = {field: _value(ctx, field) for field in ctx.params["fields"]}
    missing = [FIELD_NAMES[f] for f, v in values.items() if v in (None, "")]
    value = values[ctx.params["fields"][0]]
    findings = []
    at_end = missing and any(f.startswith("signature") for f, v in values.items() if v in (None, ""))
    cut = bool(at_end) and ctx.doc.cut_at is not None
    if missing and ctx.doc.paragraphs and any(f.startswith("signature") for f in ctx.params["fields"]):
        last = ctx.doc.paragraphs[-1]  # where the 落款 belongs: after the last line
        said = f"文本在此中断，看不到{'和'.join(missing)}" if cut else f"正文之后没有{'和'.join(missing)}"
        findings = [Mark(last.end, last.end, said)]
    return Outcome("fail" if missing else "pass", {"missing": "、".join(missing), "value": value if value is not None else ""},
                   findings=findings, cut_short=cut)
