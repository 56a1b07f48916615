"""``figures_count``: how many quantities the scope carries.

Parameters
  kinds     figure kinds that count (default: count, amount, rate, measure, duration, multiple);
            years, dates and heading numbers never count unless listed.
  min       pass when at least this many figures are found (default 5).
  max       optional upper bound.
  per_kchars  optional: minimum figures per 1,000 characters of the scope.

Placeholders: {count}, {min}, {density} figures per 1,000 characters, {how_many} (没有数字, or
只有 N 个数字: never "只有 0 个").
"""
from __future__ import annotations

from .base import Context, Mark, Outcome, not_applicable, reaches_cut, scope_anchor

TYPE = "figures_count"
# Its verdict rests on exact figures, which a text recognised from a scan may have misread.
READS_FIGURES = True
KINDS = ["count", "amount", "rate", "measure", "duration", "multiple", "year", "date"]
PARAMS = {
    "type": "object",
    "properties": {
        "kinds": {"type": "array", "items": {"enum": KINDS}, "minItems": 1},
        "min": {"type": "integer", "minimum": 0},
        "max": {"type": "integer", "minimum": 0},
        "per_kchars": {"type": "number", "minimum": 0},
    },
}
DEFAULTS = {"kinds": ["count", "amount", "rate", "measure", "duration", "multiple"], "min": 5,
            "max": None, "per_kchars": None}
PATTERN_KEYS = ()
PLACEHOLDERS = ("count", "min", "density", "how_many")


def prepare(params: dict) -> dict:
    return params


def figures_in_scope(ctx: Context, kinds: list[str]):
    spans = ctx.scope.spans
    return [f for s, e in spans for f in ctx.doc.figures_in(s, e) if f.kind in kinds and f.end <= e]


def evaluate(ctx: Context) -> Outcome:
    if not ctx.scope.found:
        return not_applicable("scope")
    params = ctx.params
    figures = figures_in_scope(ctx, params["kinds"])
    chars = max(ctx.scope_chars(), 1)
    density = round(len(figures) * 1000 / chars, 2)
    ok = len(figures) >= params["min"]
    if params["max"] is not None:
        ok = ok and len(figures) <= params["max"]
    if params["per_kchars"] is not None:
        ok = ok and density >= params["per_kchars"]
    evidence = [Mark(f.start, f.end, f.text) for f in figures]
    values = {"count": len(figures), "min": params["min"], "density": density,
              "how_many": "没有数字" if not figures else f"只有 {len(figures)} 个数字"}
    findings = [] if ok else scope_anchor(ctx)
    return Outcome("pass" if ok else "fail", values, findings=findings, evidence=evidence,
                   cut_short=not ok and reaches_cut(ctx))
