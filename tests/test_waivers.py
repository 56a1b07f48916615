"""Waivers as a unit, on typed reports: which finding a waiver accepts (rule, fingerprint prefix,
document glob), expired and statutory waivers refused with a note, unused ones listed, a result
without findings waived as a whole, and the baseline marking only what it knows."""
from datetime import date

import pytest

from checker.base.errors import RuleError
from checker.results import Finding, Place, Report, RuleResult
from checker.engine.waivers import Baseline, Waivers


def _report(path="乡镇/甲镇.docx") -> Report:
    findings = [Finding("编号不连续", "warning", Place(5, 7, 2, 1, 2, 3, "一、主要成效", 2), "三是", "aaa111bbb222"),
                Finding("编号重复", "warning", Place(9, 11, 3, 1, 3, 3, "一、主要成效", 3), "二是", "ccc333ddd444")]
    return Report({}, {}, {"path": path}, [
        RuleResult("numbering.sequence", "编号连续", "warning", [], "", "core", "fail", "编号有误", findings),
        RuleResult("part.shortcomings", "有不足部分", "error", [], "", "core", "fail", "缺少不足部分"),
        RuleResult("report.title", "标题", "error", [], "", "core", "pass", "")], {})


def _waivers(tmp_path, *entries: str, today=date(2025, 1, 1)) -> Waivers:
    path = tmp_path / "waivers.yaml"
    path.write_text("waivers:\n" + "".join(f"  - {{{e}, reason: 已核实, approver: 县司法局}}\n" for e in entries), "utf-8")
    return Waivers.load(str(path), today)


def test_a_fingerprint_prefix_waives_one_finding_and_the_result_still_counts(tmp_path):
    report = _report()
    _waivers(tmp_path, "rule: numbering.sequence, fingerprint: aaa111, expires: 2099-01-01").apply(report, {})
    numbering = report.results[0]
    assert [f.waived for f in numbering.findings] == [True, False] and numbering.counts_against
    assert numbering.findings[0].waiver["approver"] == "县司法局"


def test_a_rule_waiver_limited_to_a_folder_waives_the_whole_result_there_only(tmp_path):
    waivers = _waivers(tmp_path, 'rule: numbering.sequence, document: "乡镇/*", expires: 2099-01-01')
    inside, outside = _report(), _report("部门/乙局.docx")
    waivers.apply(inside, {})
    waivers.apply(outside, {})
    assert inside.results[0].waived and not outside.results[0].waived
    assert inside.summary["by_status"]["waived"] == 1


def test_a_result_without_findings_is_waived_as_a_whole(tmp_path):
    report = _report()
    _waivers(tmp_path, "rule: part.shortcomings, expires: 2099-01-01").apply(report, {"part.shortcomings": True})
    assert report.results[1].waived and report.results[1].waiver["reason"] == "已核实"
    assert report.to_dict()["results"][1]["waived"] is True


def test_expired_and_statutory_waivers_are_refused_with_a_note_and_unused_ones_listed(tmp_path):
    waivers = _waivers(tmp_path, "rule: numbering.sequence, expires: 2024-06-30",
                       "rule: part.shortcomings, expires: 2099-01-01", "rule: report.year, expires: 2099-01-01")
    report = _report()
    use = waivers.apply(report, {"part.shortcomings": False})
    assert not report.results[0].waived and not report.results[1].waived
    assert waivers.notes == [] and len(use.notes) == 2  # recorded by the process that owns the counts
    waivers.record(use)
    assert any("已过期" in n for n in waivers.notes) and any("不可豁免" in n for n in waivers.notes)
    assert len(waivers.unused()) == 3


def test_use_in_workers_is_counted_once_when_recorded(tmp_path):
    waivers = _waivers(tmp_path, "rule: numbering.sequence, expires: 2099-01-01")
    uses = [waivers.apply(_report(), {}) for _ in range(3)]
    assert waivers.unused() and all(use.used == [0, 0] for use in uses)  # both findings of each report
    for use in uses:
        waivers.record(use)
    assert waivers.entries[0].used == 6 and waivers.unused() == []


def test_an_unquoted_yaml_date_is_read_as_the_date_it_says(tmp_path):
    assert _waivers(tmp_path, "rule: numbering.sequence, expires: 2025-06-30").entries[0].expires == "2025-06-30"


def test_a_waiver_without_an_approver_is_refused_with_its_place(tmp_path):
    path = tmp_path / "waivers.yaml"
    path.write_text("waivers:\n  - {rule: numbering.sequence, reason: 已核实, expires: 2099-01-01}\n", "utf-8")
    with pytest.raises(RuleError) as caught:
        Waivers.load(str(path))
    assert f"{path}:2:" in str(caught.value) and "approver" in str(caught.value)


def test_the_baseline_marks_only_known_findings():
    report = _report()
    Baseline({("numbering.sequence", "ccc333ddd444")}).apply(report)
    assert [f.baseline for f in report.results[0].findings] == [False, True] and not report.results[0].baseline
