"""``each_item``: every item of the scope (一是… items, sub-headings, or paragraphs) contains one of
the patterns — e.g. every problem is followed by its cause.

Parameters
  patterns     what each item must contain (regular expressions).
  min_share    share of items that must contain one (default 1.0: every item).
  min_items    fewer items than this: not applicable (default 1).

Each item without a match is a finding at the item's first sentence.
Placeholders: {count} items without a match, {total} items, {labels} their labels (一是、三是).
"""
from __future__ import annotations

from .base import Context, Mark, Outcome, compile_patterns, not_applicable
from .items import first_sentence, scope_items

TYPE = "each_item"
PARAMS = {"type": "object", "properties": {
    "patterns": {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
    "min_share": {"type": "number", "minimum": 0, "maximum": 1},
    "min_items": {"type": "integer", "minimum": 1},
}, "required": ["patterns"]}
DEFAULTS = {"min_share": 1.0, "min_items": 1}
PATTERN_KEYS = ("patterns",)
PLACEHOLDERS = ("count", "total", "labels")


def prepare(params: dict) -> dict:
    return {**params, "_compiled": compile_patterns(params["patterns"])}


def evaluate(ctx: Context) -> Outcome:
    items = scope_items(ctx)
    if items is None or len(items) < ctx.params["min_items"]:
        return not_applicable("scope")
    missing, evidence = [], []
    for item in items:
        hit = next((m for p in ctx.params["_compiled"] if (m := ctx.search(p, [(item.start, item.end)]))), None)
        if hit:
            evidence.append(Mark(hit.start(), hit.end(), hit.group()))
        else:
            missing.append(item)
    share = 1 - len(missing) / len(items)
    values = {"count": len(missing), "total": len(items), "labels": "、".join(i.label for i in missing)}
    if share >= ctx.params["min_share"]:
        return Outcome("pass", values, evidence=evidence)
    findings = [Mark(*first_sentence(ctx.text, item), "") for item in missing]
    return Outcome("fail", values, findings=findings, evidence=evidence)
