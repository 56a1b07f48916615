"""``problem_causes``: the causes of the problems, as an auditor reads them (see problems.py).

Parameters
  mode   ``part``: fails when no problem states a cause of its own (stock phrases do not count);
         ``each``: one finding per problem that states no cause at all;
         ``boilerplate``: one finding per problem whose only cause is a stock phrase (认识不足 …).

Placeholders: {count} problems concerned, {total} problems, {labels} where they are.
"""
from __future__ import annotations

from ..patterns import rx
from .base import Context, Finding, Outcome, not_applicable
from .items import first_sentence
from .problems import BOILERPLATE, EXPLICIT, NONE, analyse, introduction

TYPE = "problem_causes"
PARAMS = {"type": "object", "properties": {"mode": {"enum": ["part", "each", "boilerplate"]}}, "required": ["mode"]}
DEFAULTS: dict = {}
PATTERN_KEYS = ()
PLACEHOLDERS = ("count", "total", "labels")


def prepare(params: dict) -> dict:
    return params


def evaluate(ctx: Context) -> Outcome:
    problems = analyse(ctx)
    if problems is None:
        return not_applicable("scope")
    mode = ctx.params["mode"]
    explained = [p for p in problems if p.cause == EXPLICIT]
    evidence = [Finding(*p.cause_span, f"{p.where}：{ctx.text[p.cause_span[0]:p.cause_span[1]]}") for p in explained]
    if mode == "part":
        values = {"count": len(explained), "total": len(problems), "labels": "、".join(p.where for p in explained)}
        if explained:
            return Outcome("pass", values, evidence=evidence)
        anchor = problems[0].item
        stock = [p.item.label for p in problems if p.cause == BOILERPLATE]
        said = f"（其中{'、'.join(stock)}只有套话）" if stock else ""
        return Outcome("fail", values, findings=[Finding(*first_sentence(ctx.text, anchor),
                                                         f"{len(problems)} 个问题都没有写出实在的原因{said}")])
    wanted = NONE if mode == "each" else BOILERPLATE
    concerned = [p for p in problems if p.cause == wanted]
    values = {"count": len(concerned), "total": len(problems), "labels": "；".join(p.where for p in concerned)}
    if not concerned:
        return Outcome("pass", values, evidence=evidence)
    if wanted == NONE:
        findings = [Finding(*first_sentence(ctx.text, p.item), f"{p.where}：只写了问题的表现，没有写明原因") for p in concerned]
    else:
        findings = [Finding(*p.cause_span, f"{p.where}：{_stock_cause(ctx, p)}") for p in concerned]
    return Outcome("fail", values, findings=findings, evidence=evidence)


def _stock_cause(ctx: Context, problem) -> str:
    """What is wrong with a problem whose only cause is stock wording: a cause it introduces
    (原因是思想认识不到位) is quoted as its cause; stock words in the problem's own statement
    (思想认识还不够) are not called its cause, since no cause is given at all."""
    start, end = problem.cause_span
    lead = introduction(ctx.text, start, end)
    if lead is not None:
        cause = rx.sub(r"^(?:还是|就是|主要是|是|在于)", "", rx.sub(r"^[^\p{Han}“]+", "", ctx.text[lead:end]))
        return f"所写原因“{cause}”是套话，没有说明具体是什么制度、人员或工作环节造成的"
    return f"只有“{ctx.text[start:end]}”这类笼统说法，没有写出造成问题的具体原因（哪项制度、哪些人员或哪个工作环节）"
