"""Runs the ``examples`` carried by each rule: a fail example must produce the rule's finding (at
the marked span when one is given); a pass example must not."""
from __future__ import annotations

from dataclasses import dataclass

from ..document import Given, build
from ..document.serialize import document_dict
from .. import checks
from ..results import RuleResult
from .evaluate import FindingMapper, Options, applicable, batch_result, rule_result
from ..ingest import from_text
from .ruleset import Rule, Ruleset


@dataclass
class ExampleCase:
    rule: Rule
    expect: str          # pass | fail
    index: int
    text: str
    span: str | None
    meta: dict
    name: str
    previous: str | None = None
    batch: tuple[str, ...] = ()   # a batch rule's example: the other reports of the round

    @property
    def id(self) -> str:
        return f"{self.rule.id}:{self.expect}{self.index + 1}"


def cases(ruleset: Ruleset) -> list[ExampleCase]:
    out = []
    for rule in ruleset.rules:
        for expect in ("pass", "fail"):
            for index, example in enumerate(rule.examples.get(expect, [])):
                if isinstance(example, str):
                    example = {"text": example}
                out.append(ExampleCase(rule, expect, index, example["text"], example.get("span"),
                                       example.get("meta", {}), example.get("name", ""), example.get("previous"),
                                       tuple(example.get("batch", ()))))
    return out


def _batch_result(case: ExampleCase) -> tuple[RuleResult, str]:
    """A batch rule on its example: the example's text (with its ``meta``) and the other reports it
    gives, compared as a round compares them (page furniture blanked, the same issuer's reports and
    the reports the rule does not apply to set aside)."""
    module = checks.get(case.rule.check_type)
    meta = case.meta
    given = Given(meta.get("year"), meta.get("issuer_level"), meta.get("date"))
    texts, issuers, document = {}, {}, None
    for index, text in enumerate((case.text, *case.batch), 1):
        name, source = f"第{index}份", from_text(text, name=f"{case.id}-{index}")
        doc = build(source, given) if index == 1 else build(source)
        if index == 1:
            document, first = document_dict(doc), source.text
        elif applicable(case.rule, doc):
            continue
        texts[name] = module.masked(source.text, source.residue)
        issuers[name] = doc.meta.region or doc.meta.issuer
    shared = module.compare(texts, case.rule.params["min_chars"], issuers)
    return batch_result(case.rule, first, shared["第1份"], Options(), document), first


def run_case(case: ExampleCase) -> tuple[bool, str]:
    """(ok, explanation)."""
    meta = case.meta
    if case.rule.scope == "batch":
        result, text = _batch_result(case)
    else:
        doc = build(from_text(case.text, name=case.id), Given(meta.get("year"), meta.get("issuer_level"), meta.get("date")))
        related = {"previous": build(from_text(case.previous, name="previous"))} if case.previous else {}
        result = rule_result(case.rule, doc, Options(related=related), FindingMapper(doc))
        text = doc.source.text
    status = result.status
    if case.expect == "pass":
        ok = status in ("pass", "not_applicable")
        return ok, "" if ok else f"应通过，结果为 {status}：{result.message}"
    if status != "fail":
        return False, f"应不通过，结果为 {status}：{result.message}"
    if case.span:
        texts = [text[f.place.start:f.place.end] for f in result.findings]
        if not any(case.span in t or (t and t in case.span) for t in texts):
            return False, f"结果不通过，但没有标出“{case.span}”（标出的是 {texts}）"
    return True, ""
