"""``concrete_items``: the share of items that are concrete — carrying a target or figure, a
deadline, or a named document or system — rather than slogans.

Parameters
  markers     patterns that make an item concrete besides figures (deadlines such as 年内/年底前,
              《titles》, named systems).
  min_share   share of items that must be concrete (default 0.5).

Placeholders: {count} concrete items, {total}, {share} (percent), {labels} the slogan items, {portion}
(没有一项 or 只有 N%（n/total）: never "只有 0%").
"""
from __future__ import annotations

from .base import Context, Mark, Outcome, compile_patterns, not_applicable
from .problems import where
from .items import first_sentence, has_figure, scope_items

TYPE = "concrete_items"
PARAMS = {"type": "object", "properties": {
    "markers": {"type": "array", "items": {"type": "string", "minLength": 1}},
    "min_share": {"type": "number", "minimum": 0, "maximum": 1},
}}
DEFAULTS = {"markers": [], "min_share": 0.5}
PATTERN_KEYS = ("markers",)
PLACEHOLDERS = ("count", "total", "share", "labels", "portion")
_CONCRETE_KINDS = ("count", "amount", "rate", "measure", "duration", "multiple", "date")  # a deadline date counts


def prepare(params: dict) -> dict:
    return {**params, "_markers": compile_patterns(params["markers"])}


def _concrete(ctx: Context, start: int, end: int) -> bool:
    return has_figure(ctx, start, end, _CONCRETE_KINDS) or any(ctx.search(p, [(start, end)]) for p in ctx.params["_markers"])


def evaluate(ctx: Context) -> Outcome:
    items = scope_items(ctx)
    if items is None:
        return not_applicable("scope")
    slogans = [item for item in items if not _concrete(ctx, item.start, item.end)]
    concrete = len(items) - len(slogans)
    share = concrete / len(items)
    values = {"count": concrete, "total": len(items), "share": round(100 * share),
              "labels": "、".join(i.label for i in slogans),
              # "只有 0%" is not how a 公文 says none.
              "portion": "没有一项" if concrete == 0 else
              f"{'不到 1%' if round(100 * share) == 0 else f'只有 {round(100 * share)}%'}（{concrete}/{len(items)}）"}
    if share >= ctx.params["min_share"]:
        return Outcome("pass", values)
    findings = [Mark(*first_sentence(ctx.text, item), f"{where(ctx, item)}：缺少目标、时限或量化指标") for item in slogans]
    return Outcome("fail", values, findings=findings)
