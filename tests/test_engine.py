"""The engine as a unit: one rule's result on one document (applicability, severity, a crashing or
slow rule, findings and their fingerprints).  The summary and verdict: tests/test_results.py."""
import dataclasses

import pytest

from checker import checks
from checker.checks.base import Outcome
from checker.document import build
from checker.engine.evaluate import FindingMapper, Options, rule_result
from checker.results import RuleResult
from checker.run.pipeline import load_source
from checker.engine.ruleset import Rule, prepared_params

from conftest import SAMPLE


@pytest.fixture(scope="module")
def doc():
    return build(load_source(text=SAMPLE.read_text("utf-8")))


def a_rule(**changes) -> Rule:
    check = changes.pop("check", {"type": "count_matches", "patterns": ["行政复议"], "min": 5})
    module = checks.get(check["type"])
    rule = Rule(id="test.rule", title="测试规则", message="找到 {count} 处，少于 {min} 处", severity="error", spec=[],
                scope="document", check_type=check["type"], params=prepared_params(module, check), hint="", examples={})
    return dataclasses.replace(rule, **changes)


def result_of(rule: Rule, doc, options: Options | None = None) -> RuleResult:
    return rule_result(rule, doc, options or Options(), FindingMapper(doc))


def test_a_failing_rule_fills_its_message_and_places_its_finding(doc):
    result = result_of(a_rule(), doc)
    assert result.status == "fail" and result.message.startswith("找到 ") and "少于 5 处" in result.message
    [finding] = result.findings
    assert finding.place.line >= 1 and finding.place.column >= 1 and finding.place.where and len(finding.fingerprint) == 24
    assert finding.severity == "error" and finding.message == result.message and finding.excerpt


def test_a_passing_rule_has_no_findings_but_keeps_its_evidence(doc):
    result = result_of(a_rule(check={"type": "count_matches", "patterns": ["行政复议"], "min": 1}), doc)
    assert result.status == "pass" and result.findings == [] and result.evidence


def test_rules_outside_their_years_levels_or_periods_do_not_apply(doc):
    assert doc.meta.year == 2023 and doc.meta.issuer_level == "county"
    for applies, words in (({"years": {"from": 2024}}, "报告年度 2023"), ({"levels": ["province"]}, "不适用于"),
                           ({"periods": ["half_year"]}, "只适用于")):
        result = result_of(a_rule(applies=applies), doc)
        assert result.status == "not_applicable" and words in result.message, applies


def test_configured_severity_wins_and_a_rule_not_yet_binding_only_warns(doc):
    assert result_of(a_rule(), doc, Options(severity={"test.rule": "info"})).severity == "info"
    assert result_of(a_rule(applies={"binding_from": 2024}), doc).severity == "warning"


def test_a_crashing_check_is_reported_as_the_rule_s_error_not_raised(doc, monkeypatch):
    module = checks.get("count_matches")

    def crash(ctx):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(module, "evaluate", crash)
    result = result_of(a_rule(), doc)
    assert result.status == "error" and "ZeroDivisionError" in result.message
    assert result.counts_against


def test_a_pattern_timeout_names_the_limit(doc, monkeypatch):
    def slow(ctx):
        raise TimeoutError

    monkeypatch.setattr(checks.get("count_matches"), "evaluate", slow)
    assert "超时（0.5 秒）" in result_of(a_rule(), doc, Options(timeout=0.5)).message


def test_fingerprints_survive_an_unrelated_edit_above_the_finding(doc):
    rule = a_rule(check={"type": "phrases", "mode": "none", "patterns": ["纠错"]})
    before = result_of(rule, doc).findings
    assert len(before) >= 2
    edited = build(load_source(text=SAMPLE.read_text("utf-8").replace("现将有关情况报告如下", "现将有关情况报告如下（补充一句）")))
    after = result_of(rule, edited).findings
    assert [f.fingerprint for f in before] == [f.fingerprint for f in after]
    assert before[0].place.start != after[0].place.start


def test_the_finding_severity_may_be_raised_above_the_rule_s(doc, monkeypatch):
    from checker.checks.base import Mark

    monkeypatch.setattr(checks.get("count_matches"), "evaluate",
                        lambda ctx: Outcome("fail", {}, [Mark(0, 2, "", "error")]))
    assert result_of(a_rule(severity="info"), doc).severity == "error"
