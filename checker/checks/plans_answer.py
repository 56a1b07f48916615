"""``plans_answer``: each problem in the shortcomings part is answered by a measure of the plans.

Problems are the items of the scope (one analysis with the cause rules, see problems.py); measures
are the items of the plans part.  A problem is answered by a measure when both name the same
domain concept — 普法 / 法治宣传, 行政复议, 行政执法 / 三项制度, 规范性文件 / 合法性审查, 示范创建,
中介服务 … (data/thesaurus.yaml, plus the rule's own ``concepts``) — never because they share any
two words (程序, 规范, the county's own name).  The pairs found are the evidence, so a reader sees
why a problem counts as answered.

Parameters
  plans_role   the role whose text holds the measures (default next_year).
  concepts     extra concepts for this rule: {name: [patterns]} (a province's own programmes).

Not applicable without both parts.  Placeholders: {count} unanswered problems, {total}, {labels}.
"""
from __future__ import annotations

from functools import lru_cache

from ..patterns import rx
from ..base.vocab import ROLES
from ..base.yamlsafe import package_data
from .base import Context, Mark, Outcome, not_applicable
from .items import first_sentence, items_in_scope
from .problems import analyse, where
from .scope import resolve_scope

TYPE = "plans_answer"
PARAMS = {"type": "object", "properties": {
    "plans_role": {"enum": list(ROLES)},
    "concepts": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string", "minLength": 1},
                                                            "minItems": 1}},
}}
DEFAULTS = {"plans_role": "next_year", "concepts": {}}
PATTERN_KEYS = ()
PLACEHOLDERS = ("count", "total", "labels")


def patterns_of(params: dict) -> list[tuple[tuple, str]]:
    return [(("check", "concepts", name, i), p) for name, patterns in (params.get("concepts") or {}).items()
            for i, p in enumerate(patterns)]


@lru_cache(maxsize=1)
def _thesaurus() -> dict:
    return package_data("checks", "thesaurus")


def bundled_concepts() -> dict[str, list[str]]:
    return _thesaurus()["concepts"]


def prepare(params: dict) -> dict:
    concepts = {**bundled_concepts(), **params.get("concepts", {})}
    compiled = {name: rx.compile("|".join(f"(?:{p})" for p in patterns)) for name, patterns in concepts.items()}
    return {**params, "_concepts": compiled, "_broad": frozenset(_thesaurus()["broad"])}


def concepts_in(ctx: Context, start: int, end: int) -> set[str]:
    return {name for name, pattern in ctx.params["_concepts"].items()
            if pattern.search(ctx.text, start, end, timeout=ctx.timeout)}


def evaluate(ctx: Context) -> Outcome:
    problems = analyse(ctx)
    plans_scope = resolve_scope(ctx.doc, {"role": ctx.params["plans_role"]})
    if problems is None or not plans_scope.found:
        return not_applicable("scope")
    plans_ctx = Context(ctx.doc, plans_scope, ctx.params, ctx.timeout)
    measures = items_in_scope(plans_ctx)
    measure_concepts = [(m, concepts_in(ctx, m.start, m.end)) for m in measures]
    planned = set().union(*(found for _, found in measure_concepts)) if measure_concepts else set()
    unanswered, evidence = [], []
    for problem in problems:
        first = first_sentence(ctx.text, problem.item)
        wanted = concepts_in(ctx, *first) or concepts_in(ctx, problem.item.start, problem.item.end)
        specific = wanted - ctx.params["_broad"]
        missing = sorted(specific - planned) if specific else ([] if wanted & planned else sorted(wanted))
        answers = [(m, wanted & found) for m, found in measure_concepts if wanted & found]
        if answers and not missing:
            measure, shared = answers[0]
            evidence.append(Mark(*first_sentence(ctx.text, problem.item),
                                    f"{problem.where} → {where(plans_ctx, measure)}（{'、'.join(sorted(shared))}）"))
        else:
            unanswered.append((problem, missing))
    values = {"count": len(unanswered), "total": len(problems), "labels": "；".join(p.where for p, _ in unanswered)}
    if not unanswered:
        return Outcome("pass", values, evidence=evidence)
    findings = [Mark(*first_sentence(ctx.text, p.item), f"{p.where}：下一年度安排中没有针对"
                        f"{'“' + '”“'.join(missing) + '”' if missing else '这个问题'}的措施") for p, missing in unanswered]
    return Outcome("fail", values, findings=findings, evidence=evidence)
