"""The finished report as a type: what counts against it, its summary and verdict, the exit-code
threshold, waiver and baseline marks, and the JSON form (key order included, so that JSON stays
byte-identical run to run)."""
import json

import pytest

from checker.results import DocxRange, Finding, Place, Report, RuleResult


def a_finding(fingerprint="abc123", severity="error") -> Finding:
    return Finding("缺少原因分析", severity, Place(10, 14, 3, 2, 3, 6, "二、存在的不足和原因", 4), "……原因……", fingerprint)


def a_result(status="fail", severity="error", findings=None, **marks) -> RuleResult:
    return RuleResult("part.shortcomings", "报告有存在的不足和原因部分", severity, ["duty.report.2"], "补写", "core", status,
                      "缺少原因", findings if findings is not None else [], **marks)


def a_report(*results: RuleResult) -> Report:
    return Report({"name": "fzcheck", "version": "0"}, {"name": "core", "version": "1", "sha256": "x"},
                  {"path": "r.txt"}, list(results), {})


@pytest.mark.parametrize("statuses, verdict", [
    ([("pass", "error")], "pass"),
    ([("fail", "info")], "pass"),
    ([("fail", "warning"), ("pass", "error")], "warning"),
    ([("fail", "warning"), ("error", "error")], "fail"),
])
def test_the_verdict_is_the_worst_counting_severity(statuses, verdict):
    report = a_report(*(a_result(status, severity) for status, severity in statuses))
    assert report.verdict == verdict


def test_waived_and_baseline_results_do_not_count_against_the_report():
    report = a_report(a_result(waived=True), a_result(baseline=True))
    summary = report.summary
    assert summary["verdict"] == "pass" and summary["by_status"]["waived"] == 1 and summary["by_status"]["baseline"] == 1
    assert summary["by_status"]["fail"] == 2 and not report.fails("info")


@pytest.mark.parametrize("fail_on, fails", [("error", False), ("warning", True), ("info", True), ("never", False)])
def test_the_exit_threshold_reads_only_results_that_count(fail_on, fails):
    assert a_report(a_result(severity="warning"), a_result("pass")).fails(fail_on) is fails


def test_a_result_is_waived_only_when_every_finding_is():
    first, second = a_finding("a1b2c3"), a_finding("d4e5f6")
    result = a_result(findings=[first, second])
    first.waived = True
    result.mark_waived()
    assert not result.waived and result.open_findings() == [second]
    second.waived = True
    result.mark_waived()
    assert result.waived and not result.counts_against


def test_the_baseline_marks_known_fingerprints_and_the_result_when_all_are_known():
    result = a_result(findings=[a_finding("a1b2c3"), a_finding("d4e5f6")])
    report = a_report(result)
    report.mark_baseline({("part.shortcomings", "a1b2c3")})
    assert [f.baseline for f in result.findings] == [True, False] and not result.baseline
    report.mark_baseline({("part.shortcomings", "d4e5f6")})
    assert result.baseline and report.verdict == "pass"


def test_the_json_form_keeps_its_key_order_and_round_trips():
    finding = a_finding()
    finding.waiver, finding.waived = {"reason": "已核实", "approver": "张三", "expires": "2099-01-01"}, True
    report = a_report(a_result(findings=[finding]))
    report.score = {"total": 90}
    data = report.to_dict()
    assert list(data) == ["tool", "ruleset", "document", "summary", "results", "spec_clauses", "score"]
    assert list(data["results"][0])[:10] == ["rule_id", "title", "severity", "spec", "hint", "pack", "status", "message",
                                            "findings", "evidence"]
    assert list(data["results"][0]["findings"][0]) == ["message", "severity", "start", "end", "line", "column", "end_line",
                                                      "end_column", "excerpt", "where", "paragraph", "fingerprint",
                                                      "waiver", "waived"]
    again = Report.from_dict(json.loads(json.dumps(data)))
    assert again.to_dict() == data and again.results[0].findings[0].waived


def test_ci_reports_keep_findings_but_not_evidence():
    slim = a_report(a_result(findings=[a_finding()])).without_evidence()
    assert slim.results[0].findings and "evidence" not in slim.results[0].to_dict(evidence=False)
    assert slim.document == {"path": "r.txt"}


def test_the_json_schema_describes_exactly_the_typed_report():
    import json
    from importlib import resources

    from jsonschema import Draft202012Validator

    schema = json.loads(resources.files("checker").joinpath("schema/report.schema.json").read_text("utf-8"))
    finding = a_finding()
    finding.waiver, finding.waived, finding.baseline = {"reason": "已核实", "approver": "张三", "expires": "2099-01-01"}, True, True
    finding.fix = "互联网"
    finding.place.anchor = [DocxRange("tbl0/tr1/tc1/p0", 2, 5)]
    result = a_result(findings=[finding], waived=True, baseline=True)
    data = a_report(result).to_dict()
    finding_keys = set(data["results"][0]["findings"][0])
    result_keys = set(data["results"][0])
    assert finding_keys == set(schema["$defs"]["finding"]["properties"])
    assert result_keys | {"waiver"} == set(schema["$defs"]["result"]["properties"])
    assert set(schema["$defs"]["finding"]["required"]) <= finding_keys
    Draft202012Validator(schema["$defs"]["result"] | {"$defs": schema["$defs"]}).validate(data["results"][0])
    again = Report.from_dict(json.loads(json.dumps(data)))
    assert again.results[0].findings[0].place.anchor == [DocxRange("tbl0/tr1/tc1/p0", 2, 5)]
    assert again.results[0].findings[0].fix == "互联网"
