"""``count_matches``: how many times the patterns match in the scope (distinct matched strings by
default) — e.g. named documents 《…》, systems and cases cited in the achievements part.

Parameters
  patterns   regular expressions.
  min        pass when at least this many (default 3).
  distinct   count each matched string once (default true).
  exclude    patterns searched in each matched string: a match any of them finds is not counted
             (a Han run ending in 案 that is a 方案 or 预案, not a case; 无败诉案件, a case that did
             not happen; 《纲要》, a short name for a document named before).

Placeholders: {count}, {min}, {found} (up to ten of the matches, each from a word's start: a match
that begins inside a word or on a joining word, 和公共服务…试点 or 定中央…方案 of 制定, is shown
from the next word), {found_note} (（已举：…） when anything was found, else nothing).
"""
from __future__ import annotations

from ..patterns import tokens
from .base import Context, Mark, Outcome, compile_patterns, not_applicable, reaches_cut, scope_anchor

TYPE = "count_matches"
PARAMS = {"type": "object", "properties": {
    "patterns": {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
    "min": {"type": "integer", "minimum": 0},
    "distinct": {"type": "boolean"},
    "exclude": {"type": "array", "items": {"type": "string", "minLength": 1}},
}, "required": ["patterns"]}
DEFAULTS = {"min": 3, "distinct": True, "exclude": []}
PATTERN_KEYS = ("patterns", "exclude")
HELPER_PATTERN_KEYS = ("exclude",)  # searched in each match, not in the text
PLACEHOLDERS = ("count", "min", "found", "found_note")
# One-character joining words a greedy Han run may take in before what it names.
_JOINING = frozenset("和与及并且在对将把为向从等或")


def prepare(params: dict) -> dict:
    return {**params, "_compiled": compile_patterns(params["patterns"]), "_exclude": compile_patterns(params["exclude"])}


def evaluate(ctx: Context) -> Outcome:
    if not ctx.scope.found:
        return not_applicable("scope")
    exclude = ctx.params["_exclude"]
    matches = sorted((m for p in ctx.params["_compiled"] for m in ctx.finditer(p) if m.end() > m.start()
                      and not any(x.search(m.group(), timeout=ctx.timeout) for x in exclude)),
                     key=lambda m: m.start())
    if ctx.params["distinct"]:
        seen, unique = set(), []
        for m in matches:
            if m.group() not in seen:
                seen.add(m.group())
                unique.append(m)
        matches = unique
    found = "、".join(_shown(ctx.text, m) for m in matches[:10])
    values = {"count": len(matches), "min": ctx.params["min"], "found": found,
              "found_note": f"（已举：{found}）" if found else ""}
    evidence = [Mark(m.start(), m.end(), m.group()) for m in matches]
    if len(matches) >= ctx.params["min"]:
        return Outcome("pass", values, evidence=evidence)
    return Outcome("fail", values, findings=scope_anchor(ctx), evidence=evidence, cut_short=reaches_cut(ctx))


def _shown(text: str, match) -> str:
    """A match as a reader should see it: not from inside a word (定中央… where the text has 制定
    中央…), nor from a joining word (和公共服务…)."""
    start, end = match.start(), match.end()
    if end - start > 4 and start > 0 and text[start - 1:start + 1] in tokens.dictionary_words():
        start += 1
    while end - start > 4 and text[start] in _JOINING:
        start += 1
    return text[start:end]
