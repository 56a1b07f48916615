"""``vague_items``: items made only of stock phrases (有待进一步加强, 存在差距, 个别单位 …) that name
nothing specific: no figure, no document title, no named unit, field or law.

Parameters
  stock      stock-phrase patterns; an item with at least ``min_stock`` of them is a candidate.
  specific   patterns that make an item specific (a named field, unit, system or law); figures
             (counts, amounts, rates) and 《titles》 always do.
  min_stock  default 1.
  max_vague  how many vague items are tolerated (default 0).

Placeholders: {count} vague items, {total} items, {labels}.
"""
from __future__ import annotations

import regex

from .base import Context, Finding, Outcome, compile_patterns, not_applicable
from .items import first_sentence, has_figure, scope_items

TYPE = "vague_items"
PARAMS = {"type": "object", "properties": {
    "stock": {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
    "specific": {"type": "array", "items": {"type": "string", "minLength": 1}},
    "min_stock": {"type": "integer", "minimum": 1},
    "max_vague": {"type": "integer", "minimum": 0},
}, "required": ["stock"]}
DEFAULTS = {"specific": [], "min_stock": 1, "max_vague": 0}
PATTERN_KEYS = ("stock", "specific")
PLACEHOLDERS = ("count", "total", "labels")
_TITLE = regex.compile(r"《[^》]{2,60}》")


def prepare(params: dict) -> dict:
    return {**params, "_stock": compile_patterns(params["stock"]), "_specific": compile_patterns(params["specific"])}


def _is_specific(ctx: Context, start: int, end: int) -> bool:
    return has_figure(ctx, start, end) or bool(_TITLE.search(ctx.text, start, end)) \
        or any(ctx.search(p, [(start, end)]) for p in ctx.params["_specific"])


def evaluate(ctx: Context) -> Outcome:
    items = scope_items(ctx)
    if items is None:
        return not_applicable("scope")
    vague = []
    for item in items:
        stock = sum(1 for p in ctx.params["_stock"] if ctx.search(p, [(item.start, item.end)]))
        if stock >= ctx.params["min_stock"] and not _is_specific(ctx, item.start, item.end):
            vague.append(item)
    values = {"count": len(vague), "total": len(items), "labels": "、".join(i.label for i in vague)}
    if len(vague) <= ctx.params["max_vague"]:
        return Outcome("pass", values)
    findings = [Finding(*first_sentence(ctx.text, item), f"“{item.label}”只有套话，没有具体领域、单位、数据或法规") for item in vague]
    return Outcome("fail", values, findings=findings)
