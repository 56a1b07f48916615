"""``problem_causes``: the causes of the problems, as an auditor reads them (see problems.py).

Parameters
  mode   ``part``: fails when no problem states a cause of its own (stock phrases do not count);
         ``each``: one finding per problem that states no cause at all;
         ``boilerplate``: one finding per problem whose only cause is a stock phrase (认识不足 …).

Placeholders: {count} problems concerned, {total} problems, {labels} where they are.
"""
from __future__ import annotations

from .base import Context, Finding, Outcome, not_applicable
from .items import first_sentence
from .problems import BOILERPLATE, EXPLICIT, NONE, analyse

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
        return Outcome("fail", values, findings=[Finding(*first_sentence(ctx.text, anchor),
                                                         f"{len(problems)} 个问题都没有写明原因")])
    wanted = NONE if mode == "each" else BOILERPLATE
    concerned = [p for p in problems if p.cause == wanted]
    values = {"count": len(concerned), "total": len(problems), "labels": "；".join(p.where for p in concerned)}
    if not concerned:
        return Outcome("pass", values, evidence=evidence)
    if wanted == NONE:
        findings = [Finding(*first_sentence(ctx.text, p.item), f"{p.where}：只写了问题的表现，没有写明原因") for p in concerned]
    else:
        findings = [Finding(*p.cause_span, f"{p.where}：原因只有“{ctx.text[p.cause_span[0]:p.cause_span[1]]}”这类套话，"
                            "没有说明具体是什么制度、人员或工作环节造成的") for p in concerned]
    return Outcome("fail", values, findings=findings, evidence=evidence)
