"""``problem_causes``: the causes of the problems, as an auditor reads them (see problems.py).

Parameters
  mode   ``part``: fails when no problem states a cause of its own (stock phrases do not count),
         unless every problem introduces its cause in so many words (原因是思想认识不到位): the
         analysis is formally there, and ``boilerplate`` judges its substance;
         ``each``: one finding per problem that states no cause at all;
         ``boilerplate``: one finding per problem whose only cause is a stock phrase (认识不足 …);
         ``external``: fails when the causes name only conditions outside the issuer (too few staff,
         too little money, a heavy workload, the objective situation, the public's awareness) and no
         failing of its own anywhere in the part (how it led, supervised, trained, decided); one
         finding per problem whose cause is such a condition;
         ``achievements``: one finding per "problem" that reads as a result achieved (荣获, 走在前列,
         实现全覆盖, 100%) and names no shortfall at all — an achievement dressed up as a problem.

The vocabularies are data (data/causes.yaml).

Placeholders: {count} problems concerned, {total} problems, {labels} where they are.
"""
from __future__ import annotations

from ..patterns import rx
from .base import Context, Mark, Outcome, not_applicable
from .items import first_sentence
from .problems import BOILERPLATE, EXPLICIT, NONE, analyse, cause_region, introduction, vocabulary

TYPE = "problem_causes"
PARAMS = {"type": "object", "properties": {"mode": {"enum": ["part", "each", "boilerplate", "external", "achievements"]}},
          "required": ["mode"]}
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
    evidence = [Mark(*p.cause_span, f"{p.where}：{ctx.text[p.cause_span[0]:p.cause_span[1]]}") for p in explained]
    if mode == "part":
        values = {"count": len(explained), "total": len(problems), "labels": "、".join(p.where for p in explained)}
        # Every problem introducing its cause in so many words (原因是…, 究其原因…) gives the analysis
        # the part owes, however stock its words: content.causes_boilerplate judges those.
        formal = all(p.cause == BOILERPLATE and introduction(ctx.text, *p.cause_span) is not None for p in problems)
        if explained or formal:
            return Outcome("pass", values, evidence=evidence)
        anchor = problems[0].item
        stock = [p.item.label for p in problems if p.cause == BOILERPLATE]
        said = f"（其中{'、'.join(stock)}只有套话）" if stock else ""
        return Outcome("fail", values, findings=[Mark(*first_sentence(ctx.text, anchor),
                                                         f"{len(problems)} 个问题都没有写出实在的原因{said}")])
    if mode == "external":
        return _external(ctx, problems, evidence)
    if mode == "achievements":
        return _achievements(ctx, problems)
    wanted = NONE if mode == "each" else BOILERPLATE
    concerned = [p for p in problems if p.cause == wanted]
    values = {"count": len(concerned), "total": len(problems), "labels": "；".join(p.where for p in concerned)}
    if not concerned:
        return Outcome("pass", values, evidence=evidence)
    if wanted == NONE:
        findings = [Mark(*first_sentence(ctx.text, p.item), f"{p.where}：只写了问题的表现，没有写明原因") for p in concerned]
    else:
        findings = [Mark(*p.cause_span, f"{p.where}：{_stock_cause(ctx, p)}") for p in concerned]
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


def _external(ctx: Context, problems: list, evidence: list[Mark]) -> Outcome:
    words = vocabulary()
    external, own = [], []
    for problem in problems:
        region = cause_region(ctx, problem)
        if region is None:
            continue
        outside = list(words.external.finditer(ctx.text, *region, timeout=ctx.timeout))
        if outside:
            external.append((problem, outside[0]))
        # The public's low awareness is an outside condition, though the words are those of a failing.
        mine = next((m for m in words.own.finditer(ctx.text, *region, timeout=ctx.timeout)
                     if not any(o.start() <= m.start() < o.end() for o in outside)), None)
        if mine:
            own.append(Mark(mine.start(), mine.end(), f"{problem.where}：{mine.group()}"))
    values = {"count": len(external), "total": len(problems), "labels": "；".join(p.where for p, _ in external)}
    if not external and not own:
        return not_applicable("no_causes")
    if own or not external:
        return Outcome("pass", values, evidence=own or evidence)
    findings = [Mark(hit.start(), hit.end(), f"{p.where}：原因只写了“{hit.group()}”这类客观条件，"
                        "没有分析本单位在工作落实、制度机制、监督管理等方面自身的不足") for p, hit in external]
    return Outcome("fail", values, findings=findings)


def _achievements(ctx: Context, problems: list) -> Outcome:
    words = vocabulary()
    dressed = []
    for problem in problems:
        item = problem.item
        hit = words.achievement.search(ctx.text, item.start, item.end, timeout=ctx.timeout)
        if hit and not words.deficit.search(ctx.text, item.start, item.end, timeout=ctx.timeout):
            dressed.append((problem, hit))
    values = {"count": len(dressed), "total": len(problems), "labels": "；".join(p.where for p, _ in dressed)}
    if not dressed:
        return Outcome("pass", values)
    findings = [Mark(*first_sentence(ctx.text, p.item), f"{p.where}：写的是成绩（“{hit.group()}”），没有指出任何不足，"
                        "不是问题") for p, hit in dressed]
    return Outcome("fail", values, findings=findings)
