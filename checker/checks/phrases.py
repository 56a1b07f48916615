"""``phrases``: phrases present (or absent) in the rule's scope.

Parameters
  patterns   list of regular expressions (the ``regex`` module; literal Chinese words are fine),
             matched on the normalised text (NFKC: full-width digits and punctuation folded).
             A pattern with a named group ``year`` ((?P<year>20\\d{2})年) matches only where that
             group is the report year (完成2023年各项任务 in a report on 2023, not in one on 2022).
  mode       any (default): at least one pattern matches; all: every pattern matches;
             at_least: at least ``min`` distinct patterns match; none: no pattern matches
             (a phrase that must not appear).
  min        with at_least: how many distinct patterns (default 2).
  tokens     true: a pattern must match whole jieba tokens (loads jieba; use only where a word
             boundary matters, e.g. 复议 but not 行政复议).
  absent_scope  status when the scope's part is missing: not_applicable (default) or fail.
  finding    with none: what each finding says, {phrase} being the phrase found there
             (数据统计到“{phrase}”，不是全年数据); without it each finding says the rule's message.
             A finding never says the phrase alone: the author reads what is wrong in words.

Placeholders: {count} distinct patterns found, {min}, {found} the phrases found, {missing} the
patterns not found, {how_many} the count in words (一类也没有写到, or 只写到 N 类: never "只写到 0 类").

Example::

    check: {type: phrases, mode: any, patterns: ['原因', '由于', '导致']}
    scope: {role: shortcomings}
"""
from __future__ import annotations

from .base import Context, Mark, Outcome, compile_patterns, not_applicable, reaches_cut, scope_anchor

TYPE = "phrases"
PARAMS = {
    "type": "object",
    "properties": {
        "patterns": {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
        "mode": {"enum": ["any", "all", "at_least", "none"]},
        "min": {"type": "integer", "minimum": 1},
        "tokens": {"type": "boolean"},
        "absent_scope": {"enum": ["not_applicable", "fail"]},
        "finding": {"type": "string", "minLength": 1},
    },
    "required": ["patterns"],
}
DEFAULTS = {"mode": "any", "min": 2, "tokens": False, "absent_scope": "not_applicable"}
PATTERN_KEYS = ("patterns",)
PLACEHOLDERS = ("count", "min", "found", "missing", "how_many")
_MAX_PER_PATTERN = 3  # places shown per pattern: enough to find the habit, not a page of the same line


def prepare(params: dict) -> dict:
    return {**params, "_compiled": compile_patterns(params["patterns"])}


def _how_many(count: int) -> str:
    return "一类也没有写到" if count == 0 else f"只写到 {count} 类"


def _hits(ctx: Context, pattern) -> list[Mark]:
    hits = []
    for m in ctx.finditer(pattern):
        if m.end() > m.start() and (not ctx.params["tokens"] or _on_token_boundaries(ctx, m.start(), m.end())) \
                and _of_the_report_year(ctx, m):
            hits.append(Mark(m.start(), m.end(), m.group()))
    return hits


def _of_the_report_year(ctx: Context, m) -> bool:
    """A pattern's group ``year`` (完成(?P<year>\\d{4})年…任务) counts only where it names the report year."""
    named = m.groupdict().get("year")
    return named is None or ctx.doc.meta.year is not None and int(named) == ctx.doc.meta.year


def _on_token_boundaries(ctx: Context, start: int, end: int) -> bool:
    from ..patterns.tokens import token_boundaries

    bounds = token_boundaries(ctx.text)
    return start in bounds and end in bounds


def evaluate(ctx: Context) -> Outcome:
    params = ctx.params
    if not ctx.scope.found:
        if params["absent_scope"] == "fail":
            return Outcome("fail", {"count": 0, "min": params["min"], "found": "", "missing": "、".join(params["patterns"]),
                                    "how_many": _how_many(0)})
        return not_applicable("scope")
    per_pattern = [_hits(ctx, p) for p in params["_compiled"]]
    found = [params["patterns"][i] for i, hits in enumerate(per_pattern) if hits]
    missing = [params["patterns"][i] for i, hits in enumerate(per_pattern) if not hits]
    evidence = sorted((h for hits in per_pattern for h in hits[:_MAX_PER_PATTERN]), key=lambda f: (f.start, f.end))
    count, mode = len(found), params["mode"]
    ok = {"any": count >= 1, "all": not missing, "at_least": count >= params["min"], "none": count == 0}[mode]
    values = {"count": count, "min": params["min"], "found": "、".join(sorted({e.message for e in evidence})),
              "missing": "、".join(missing), "how_many": _how_many(count)}
    if mode == "none":
        template = params.get("finding")
        findings = [Mark(h.start, h.end, template.replace("{phrase}", h.message) if template else "")
                    for hits in per_pattern for h in hits[:_MAX_PER_PATTERN]]
        findings.sort(key=lambda f: (f.start, f.end))
        return Outcome("pass" if ok else "fail", values, findings=findings, evidence=evidence)
    findings = [] if ok else scope_anchor(ctx)
    # any / all / at_least fall short on what is not there, which may lie past a break in the text.
    return Outcome("pass" if ok else "fail", values, findings=findings, evidence=evidence,
                   cut_short=not ok and reaches_cut(ctx))
