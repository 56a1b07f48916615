"""``plans_answer``: each problem in the shortcomings part has a matching measure in the plans.

Problems are the items of the shortcomings part; a problem is answered when the plans part shares
at least ``min_shared`` content words with it (jieba tokens with the domain dictionary in the
package, stop words removed; loads jieba), or names one of the problem's ``fields``.

Parameters
  plans_role   the role whose text holds the measures (default next_year).
  min_shared   content words a problem must share with the plans (default 2).
  fields       patterns for named fields (执法, 复议, 普法 …): a field named in both counts as an answer.

Not applicable without both parts.  Placeholders: {count} unanswered problems, {total}, {labels}.
"""
from __future__ import annotations

from ..vocab import ROLES

from ..tokens import content_words
from .base import Context, Finding, Outcome, compile_patterns, not_applicable
from .items import first_sentence, scope_items

TYPE = "plans_answer"
PARAMS = {"type": "object", "properties": {
    "plans_role": {"enum": list(ROLES)},
    "min_shared": {"type": "integer", "minimum": 1},
    "fields": {"type": "array", "items": {"type": "string", "minLength": 1}},
}}
DEFAULTS = {"plans_role": "next_year", "min_shared": 2, "fields": []}
PATTERN_KEYS = ("fields",)
PLACEHOLDERS = ("count", "total", "labels")


def prepare(params: dict) -> dict:
    return {**params, "_fields": compile_patterns(params["fields"])}


def evaluate(ctx: Context) -> Outcome:
    plans = [(s.start, s.end) for s in ctx.doc.sections if s.role == ctx.params["plans_role"]]
    items = scope_items(ctx)
    if items is None or not plans:
        return not_applicable("scope")
    plan_text = "".join(ctx.text[s:e] for s, e in plans)
    plan_words = content_words(plan_text)
    plan_fields = {i for i, p in enumerate(ctx.params["_fields"]) if p.search(plan_text, timeout=ctx.timeout)}
    unanswered, evidence = [], []
    for item in items:
        body = item.text(ctx.text)
        shared = content_words(body) & plan_words
        fields = {i for i, p in enumerate(ctx.params["_fields"]) if p.search(body, timeout=ctx.timeout)} & plan_fields
        if len(shared) >= ctx.params["min_shared"] or fields:
            evidence.append(Finding(*first_sentence(ctx.text, item), "、".join(sorted(shared)[:6])))
        else:
            unanswered.append(item)
    values = {"count": len(unanswered), "total": len(items), "labels": "、".join(i.label for i in unanswered)}
    if not unanswered:
        return Outcome("pass", values, evidence=evidence)
    findings = [Finding(*first_sentence(ctx.text, item), f"“{item.label}”在下一年度安排中没有对应措施") for item in unanswered]
    return Outcome("fail", values, findings=findings, evidence=evidence)
