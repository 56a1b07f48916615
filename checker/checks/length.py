"""``length``: the size of the scope, absolute and relative to another part.

Parameters
  min_chars     minimum characters (Han, letters and digits; spaces and punctuation excluded).
  max_chars     maximum characters.
  ratio_to      a role; with ``min_ratio``: the scope must be at least this share of that part.
  min_ratio     e.g. 0.1: the problems part is at least a tenth of the achievements part.

Not applicable when the scope's part is missing.  Placeholders: {chars}, {min_chars},
{max_chars}, {ratio}, {min_ratio}.
"""
from __future__ import annotations

from ..vocab import ROLES

import regex

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
PLACEHOLDERS = ("chars", "min_chars", "max_chars", "ratio", "min_ratio")
_COUNTED = regex.compile(r"[\p{L}\p{N}]")


def prepare(params: dict) -> dict:
    return params


def counted_chars(text: str, spans) -> int:
    return sum(len(_COUNTED.findall(text, s, e)) for s, e in spans)


def evaluate(ctx: Context) -> Outcome:
    if not ctx.scope.found:
        return not_applicable("scope")
    params = ctx.params
    chars = counted_chars(ctx.text, ctx.scope.spans)
    values = {"chars": chars, "min_chars": params["min_chars"], "max_chars": params["max_chars"],
              "ratio": "", "min_ratio": params["min_ratio"]}
    ok = (params["min_chars"] is None or chars >= params["min_chars"]) and \
         (params["max_chars"] is None or chars <= params["max_chars"])
    if params["ratio_to"] and params["min_ratio"]:
        other = [(s.start, s.end) for s in ctx.doc.sections if s.role == params["ratio_to"]]
        other_chars = counted_chars(ctx.text, other)
        if other_chars:
            ratio = chars / other_chars
            values["ratio"] = f"{ratio:.2f}"
            ok = ok and ratio >= params["min_ratio"]
    return Outcome("pass" if ok else "fail", values, findings=[] if ok else scope_anchor(ctx))
