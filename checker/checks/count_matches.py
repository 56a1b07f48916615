"""``count_matches``: how many times the patterns match in the scope (distinct matched strings by
default) — e.g. named documents 《…》, systems and cases cited in the achievements part.

Parameters
  patterns   regular expressions.
  min        pass when at least this many (default 3).
  distinct   count each matched string once (default true).

Placeholders: {count}, {min}, {found} (up to ten of the matches).
"""
from __future__ import annotations

from .base import Context, Finding, Outcome, compile_patterns, not_applicable, scope_anchor

TYPE = "count_matches"
PARAMS = {"type": "object", "properties": {
    "patterns": {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
    "min": {"type": "integer", "minimum": 0},
    "distinct": {"type": "boolean"},
}, "required": ["patterns"]}
DEFAULTS = {"min": 3, "distinct": True}
PATTERN_KEYS = ("patterns",)
PLACEHOLDERS = ("count", "min", "found")


def prepare(params: dict) -> dict:
    return {**params, "_compiled": compile_patterns(params["patterns"])}


def evaluate(ctx: Context) -> Outcome:
    if not ctx.scope.found:
        return not_applicable("scope")
    matches = sorted((m for p in ctx.params["_compiled"] for m in ctx.finditer(p) if m.end() > m.start()),
                     key=lambda m: m.start())
    if ctx.params["distinct"]:
        seen, unique = set(), []
        for m in matches:
            if m.group() not in seen:
                seen.add(m.group())
                unique.append(m)
        matches = unique
    values = {"count": len(matches), "min": ctx.params["min"], "found": "、".join(m.group() for m in matches[:10])}
    evidence = [Finding(m.start(), m.end(), m.group()) for m in matches]
    if len(matches) >= ctx.params["min"]:
        return Outcome("pass", values, evidence=evidence)
    return Outcome("fail", values, findings=scope_anchor(ctx), evidence=evidence)
