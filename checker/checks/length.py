"""``length``: the size of the scope, absolute and relative to another part.

Parameters
  min_chars     minimum characters (Han, letters and digits; spaces and punctuation excluded).
  max_chars     maximum characters.
  ratio_to      a role; with ``min_ratio``: the scope must be at least this share of that part.
  min_ratio     e.g. 0.1: the problems part is at least a tenth of the achievements part.

Not applicable when the scope's part is missing.  Placeholders: {chars}, {min_chars},
{max_chars}, {ratio}, {min_ratio}, {percent} and {min_percent} (the share as a percentage),
{problems} (what is short, in words: "只有 57 字（至少 80 字）", "仅占成效部分篇幅的 3%（至少 4%）").
"""
from __future__ import annotations

import math

from ..patterns import rx
from ..base.vocab import ROLE_ZH, ROLES

from .base import Context, Outcome, not_applicable, scope_anchor

TYPE = "length"
PARAMS = {"type": "object", "properties": {
    "min_chars": {"type": "integer", "minimum": 0},
    "max_chars": {"type": "integer", "minimum": 1},
    "ratio_to": {"enum": list(ROLES)},
    "min_ratio": {"type": "number", "exclusiveMinimum": 0},
}}
DEFAULTS = {"min_chars": None, "max_chars": None, "ratio_to": None, "min_ratio": None}
PATTERN_KEYS = ()
PLACEHOLDERS = ("chars", "min_chars", "max_chars", "ratio", "min_ratio", "percent", "min_percent", "problems")
_NOT_COUNTED = rx.compile(r"[^\p{L}\p{N}]+")


def prepare(params: dict) -> dict:
    return params


def counted_chars(text: str, spans) -> int:
    """Letters and digits (Han included) in the spans: the span's length less its runs of spaces
    and punctuation (counting the runs, not every character, keeps this fast on long parts)."""
    return sum(e - s - sum(len(run) for run in _NOT_COUNTED.findall(text, s, e)) for s, e in spans)


def evaluate(ctx: Context) -> Outcome:
    if not ctx.scope.found:
        return not_applicable("scope")
    params = ctx.params
    chars = counted_chars(ctx.text, ctx.scope.spans)
    min_percent = round(100 * params["min_ratio"]) if params["min_ratio"] else ""
    values = {"chars": chars, "min_chars": params["min_chars"], "max_chars": params["max_chars"],
              "ratio": "", "min_ratio": params["min_ratio"], "percent": "", "min_percent": min_percent}
    problems = []
    if params["min_chars"] is not None and chars < params["min_chars"]:
        problems.append(f"只有 {chars} 字（至少 {params['min_chars']} 字）")
    if params["max_chars"] is not None and chars > params["max_chars"]:
        problems.append(f"有 {chars} 字（至多 {params['max_chars']} 字）")
    if params["ratio_to"] and params["min_ratio"]:
        other = [(s.start, s.end) for s in ctx.doc.sections if s.role == params["ratio_to"]]
        other_chars = counted_chars(ctx.text, other)
        if other_chars:
            ratio = chars / other_chars
            values["ratio"], values["percent"] = f"{ratio:.2f}", round(100 * ratio)
            if ratio < params["min_ratio"]:
                if values["percent"] >= round(100 * params["min_ratio"], 6):   # 3.96% is not “4%（至少 4%）”
                    values["percent"] = math.floor(1000 * ratio) / 10
                problems.append(f"仅占{ROLE_ZH[params['ratio_to']]}部分篇幅的 {values['percent']}%（至少 {min_percent}%）")
    values["problems"] = "，".join(problems)
    ok = not problems
    return Outcome("pass" if ok else "fail", values, findings=[] if ok else scope_anchor(ctx))
