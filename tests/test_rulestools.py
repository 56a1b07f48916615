"""Rule packs under version control: validate, test, coverage, docs, diff, waivers, baseline."""
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from checker.cli import main
from checker.run.pipeline import Checker

from conftest import ROOT

GOOD_RULE = """  - id: demo.causes
    title: 分析原因
    severity: warning
    spec: [dcgd2019.content.shortcomings]
    scope: {role: shortcomings}
    check: {type: phrases, patterns: ['原因|由于']}
    message: 没有分析原因（找到 {count} 处）
    hint: 写明原因。
    examples:
      pass: ["二、存在的不足和原因\\n一是力量不足，原因是编制少。二是由于培训少，能力不足。"]
      fail: ["二、存在的问题\\n一是力量不足。"]
"""
HEAD = "pack: {name: demo, version: '1'}\nrules:\n"
CORE = str(ROOT / "rules" / "core.yaml")


def _write(tmp_path, body, name="pack.yaml"):
    path = tmp_path / name
    path.write_text(HEAD + body, encoding="utf-8")
    return path


@pytest.mark.parametrize("edit,needle,where", [
    (lambda r: r.replace("'原因|由于'", "'(原因'"), "regex does not compile", ":8:"),
    (lambda r: r.replace("    hint: 写明原因。\n", "    hint: 写明原因。\n    colour: red\n"), "unknown key", ":3:"),
    (lambda r: r + r, "duplicate rule id", ":14:"),
    (lambda r: r.replace("dcgd2019.content.shortcomings", "no.such.clause"), "unknown spec clause", ":6:"),
    (lambda r: r.replace("{count}", "{cuont}"), "unknown placeholder", ":9:"),
    (lambda r: r.replace("'原因|由于'", "'原因$以后'"), "can never match", ":8:"),
    (lambda r: r.replace("'原因|由于'", "'原因|原因是'"), "shadowed", ":8:"),
    (lambda r: r.replace("'原因|由于'", "'\\b原因'"), "\\b next to Han", ":8:"),
    (lambda r: r.replace("'原因|由于'", "'原因|'"), "empty string", ":8:"),
    (lambda r: r.replace("    scope: {role: shortcomings}\n", "    scope: {role: shortcomings}\n    applies: {years: {from: 2022, to: 2020}}\n"), "empty year range", ":8:"),
    (lambda r: r.replace("      fail: [\"二、存在的问题\\n一是力量不足。\"]\n", ""), "no fail example", ":3:"),
])
def test_broken_pack_one_precise_line_per_problem(tmp_path, capsys, edit, needle, where):
    path = _write(tmp_path, edit(GOOD_RULE))
    assert main(["rules", "validate", str(path)]) == 2
    lines = [line for line in capsys.readouterr().err.splitlines() if str(path) in line]
    assert any(needle in line and where in line for line in lines), lines


def test_good_pack_validates_and_tests(tmp_path, capsys):
    path = _write(tmp_path, GOOD_RULE)
    assert main(["rules", "validate", str(path)]) == 0
    assert main(["rules", "test", str(path)]) == 0
    assert "分支覆盖 2/2" in capsys.readouterr().out


def test_failing_example_and_uncovered_branch(tmp_path, capsys):
    body = GOOD_RULE.replace("一是力量不足。\"]", "一是力量不足，原因是编制少。\"]").replace("'原因|由于'", "'原因|由于|根源'")
    path = _write(tmp_path, body)
    assert main(["rules", "test", str(path)]) == 1
    err = capsys.readouterr().err
    assert "demo.causes 不通过示例 1" in err and "分支“根源”没有示例覆盖" in err


def test_untested_with_reason_is_accepted(tmp_path):
    body = GOOD_RULE.replace("'原因|由于'", "'原因|由于|根源'") + \
        "    untested:\n      - {alternative: 根源, reason: 真实报告中少见，保留以防漏检}\n"
    assert main(["rules", "test", str(_write(tmp_path, body))]) == 0


def test_bundled_rules_pass_their_own_gate(capsys):
    assert main(["rules", "validate"]) == 0
    assert main(["rules", "test"]) == 0


def test_committed_rule_reference_is_current():
    assert main(["rules", "docs", "--check", "--output", str(ROOT / "docs" / "rules.md")]) == 0


def test_coverage_matrix_formats(capsys):
    assert main(["rules", "coverage", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    clause = next(c for c in data["clauses"] if c["id"] == "dcgd2019.content.shortcomings")
    assert "part.shortcomings.causes" in clause["rules"]
    assert "dcgd2019.content.other" in data["uncovered_clauses"]
    assert main(["rules", "coverage", "--format", "markdown"]) == 0
    assert "| `dcgd2019.deadline.disclosure` |" in capsys.readouterr().out


def _rules_copy(tmp_path, name, edit=None, pack="core.yaml"):
    folder = tmp_path / name / "rules"
    folder.mkdir(parents=True)
    text = (ROOT / "rules" / pack).read_text("utf-8")
    (folder / pack).write_text(edit(text) if edit else text, encoding="utf-8")
    shutil.copytree(ROOT / "specs", tmp_path / name / "specs")
    return folder


def test_threshold_change_shows_verdict_changes(tmp_path, capsys):
    base = _rules_copy(tmp_path, "base")
    head = _rules_copy(tmp_path, "head", lambda t: t.replace("check: {type: figures_count, min: 5}",
                                                            "check: {type: figures_count, min: 12}"))
    out = tmp_path / "diff.json"
    code = main(["rules", "diff", str(head), "--base", str(base), "--corpus", str(ROOT / "tests" / "corpus"),
                 "--json", str(out), "--max-changes", "0"])
    assert code == 1
    data = json.loads(out.read_text("utf-8"))
    changed = {Path(d["document"]).name: d for d in data["documents"]}
    assert changed["county_compliant.txt"]["old_verdict"] == "pass"
    assert changed["county_compliant.txt"]["new_verdict"] == "warning"
    assert "outcomes.quantified" in capsys.readouterr().out
    approved = tmp_path / "expected.json"
    main(["rules", "diff", str(head), "--base", str(base), "--write-expected", str(approved)])
    assert main(["rules", "diff", str(head), "--base", str(base), "--expected", str(approved)]) == 0


def test_diff_against_a_git_ref(tmp_path, monkeypatch, capsys):
    if not shutil.which("git"):
        pytest.skip("git not installed")
    repo = tmp_path / "repo"
    _rules_copy(tmp_path, "repo")
    shutil.copytree(ROOT / "tests" / "corpus", repo / "tests" / "corpus")
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "base"]):
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env={**os.environ, **env})
    rules = repo / "rules" / "core.yaml"
    rules.write_text(rules.read_text("utf-8").replace(
        "check: {type: figures_count, min: 5}", "check: {type: figures_count, min: 12}"), encoding="utf-8")
    monkeypatch.chdir(repo)
    assert main(["rules", "diff", str(repo / "rules"), "--base", "HEAD", "--max-changes", "0"]) == 1
    assert "county_compliant.txt" in capsys.readouterr().out
    assert main(["rules", "diff", str(repo / "rules"), "--base", "no-such-ref"]) == 2


FLAWED = ("示例县人民政府关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n全年办理复议案件35件，调解12件，培训300人次，审查文件40件，纠错率10%。\n"
          "二、存在的不足和原因\n一是力量不足，原因是编制少。三是培训少，原因是经费少。\n三、党政主要负责人履行推进法治建设第一责任人职责情况\n"
          "县长主持常务会议研究法治工作5次，会前学法8次，年终述法。\n四、2024年工作安排\n一是加强培训。\n")


def _numbering_fingerprint(checker):
    report = checker.check_text(FLAWED)
    result = next(r for r in report["results"] if r["rule_id"] == "numbering.sequence")
    return result["findings"][0]["fingerprint"]


def test_waivers_applied_expired_refused_unused(tmp_path):
    fingerprint = _numbering_fingerprint(Checker(discover_config=False))
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(f"""waivers:
  - {{rule: numbering.sequence, fingerprint: "{fingerprint[:12]}", reason: 原文如此，已核实, approver: 县司法局, expires: "2999-12-31"}}
  - {{rule: part.first_responsible, reason: 想豁免法定要求, approver: 某人, expires: "2999-12-31"}}
  - {{rule: report.title, reason: 已过期的豁免, approver: 某人, expires: "2000-01-01"}}
  - {{rule: part.order, reason: 没用上, approver: 某人, expires: "2999-12-31"}}
""", encoding="utf-8")
    checker = Checker(rules=[CORE], discover_config=False, waivers=str(waivers))
    report = checker.check_text(FLAWED)
    numbering = next(r for r in report["results"] if r["rule_id"] == "numbering.sequence")
    assert numbering["waived"] and numbering["findings"][0]["waiver"]["approver"] == "县司法局"
    assert report["summary"]["verdict"] == "pass" and report["summary"]["by_status"]["waived"] == 1
    unused = checker.waivers.unused()
    assert any("part.order" in u for u in unused)
    no_waivers = Checker(rules=[CORE], discover_config=False, waivers=str(waivers), use_waivers=False).check_text(FLAWED)
    assert no_waivers["summary"]["verdict"] == "warning"


def test_statutory_rule_refuses_waiver(tmp_path):
    text = FLAWED.replace("三、党政主要负责人履行推进法治建设第一责任人职责情况\n县长主持常务会议研究法治工作5次，会前学法8次，年终述法。\n", "")
    waivers = tmp_path / "w.yaml"
    waivers.write_text('waivers:\n  - {rule: part.first_responsible, reason: 豁免法定要求, approver: 某人, expires: "2999-12-31"}\n',
                       encoding="utf-8")
    checker = Checker(discover_config=False, waivers=str(waivers))
    report = checker.check_text(text)
    result = next(r for r in report["results"] if r["rule_id"] == "part.first_responsible")
    assert result["status"] == "fail" and not result.get("waived")
    assert any("不可豁免" in note for note in checker.waivers.notes)


def test_baseline_shows_only_new_findings(tmp_path, capsys):
    flawed = tmp_path / "report.txt"
    flawed.write_text(FLAWED, encoding="utf-8")
    first = tmp_path / "first"
    assert main(["check", str(flawed), "--format", "json", "--output-dir", str(first), "--fail-on", "warning"]) == 1
    capsys.readouterr()
    assert main(["check", str(flawed), "--format", "json,text", "--output-dir", str(tmp_path / "second"),
                 "--baseline", str(first), "--fail-on", "warning"]) == 0
    assert "numbering.sequence" not in capsys.readouterr().out
    report = json.loads((tmp_path / "second" / "report.json").read_text("utf-8"))
    assert next(r for r in report["results"] if r["rule_id"] == "numbering.sequence")["baseline"] is True


def test_sarif_and_junit_honour_waivers_and_the_baseline(tmp_path):
    from xml.etree import ElementTree as ET

    from checker.results import Report
    from checker.writers import junit, sarif

    fingerprint = _numbering_fingerprint(Checker(discover_config=False))
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(f'waivers:\n  - {{rule: numbering.sequence, fingerprint: "{fingerprint[:12]}", reason: 原文如此，已核实,'
                       f' approver: 县司法局, expires: "2999-12-31"}}\n', encoding="utf-8")
    waived = Report.from_dict(Checker(rules=[CORE], discover_config=False, waivers=str(waivers)).check_text(FLAWED))
    log = json.loads(sarif.render([waived], {}, str(tmp_path)))
    numbering = [r for r in log["runs"][0]["results"] if r["ruleId"] == "numbering.sequence"]
    assert numbering and all(r["suppressions"][0]["justification"] == "原文如此，已核实" for r in numbering)
    assert all("suppressions" not in r for r in log["runs"][0]["results"] if r["ruleId"] != "numbering.sequence")
    case = next(c for c in ET.fromstring(junit.render([waived])).iter("testcase") if c.get("name").startswith("numbering."))
    assert case.find("failure") is None and "已豁免" in case.find("skipped").get("message")

    first = tmp_path / "first"
    assert main(["check", str(_flawed_file(tmp_path)), "--format", "json", "--output-dir", str(first),
                 "--rules", CORE]) in (0, 1)
    known = Report.from_dict(Checker(rules=[CORE], discover_config=False, baseline=str(first)).check_text(FLAWED))
    log = json.loads(sarif.render([known], {}, str(tmp_path)))
    assert log["runs"][0]["results"] and all(r.get("baselineState") == "unchanged" for r in log["runs"][0]["results"])
    suites = ET.fromstring(junit.render([known]))
    assert suites.get("failures") == "0"


def _flawed_file(tmp_path):
    path = tmp_path / "flawed.txt"
    path.write_text(FLAWED, encoding="utf-8")
    return path


def test_a_severity_change_shows_as_a_change(tmp_path, capsys):
    """A warning made an error keeps its status (不通过) and its message: the diff still says so."""
    base = _rules_copy(tmp_path, "base")
    head = _rules_copy(tmp_path, "head", lambda t: t.replace("  - id: numbering.sequence\n    title: 标题序号和“一是、二是”连续，没有跳号或重复\n    severity: warning",
                                                            "  - id: numbering.sequence\n    title: 标题序号和“一是、二是”连续，没有跳号或重复\n    severity: error", 1))
    assert (head / "core.yaml").read_text("utf-8") != (base / "core.yaml").read_text("utf-8")
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "gap.txt").write_text(FLAWED, "utf-8")
    out = tmp_path / "diff.json"
    main(["rules", "diff", str(head), "--base", str(base), "--corpus", str(corpus), "--json", str(out),
          "--max-changes", "0"])
    printed = capsys.readouterr().out
    data = json.loads(out.read_text("utf-8"))
    [change] = [c for d in data["documents"] for c in d["rules"] if c["rule_id"] == "numbering.sequence"]
    assert (change["old_severity"], change["new_severity"]) == ("warning", "error")
    assert data["totals"]["severity_changes"] == 1
    assert "不通过（警告） → 不通过（错误）" in printed


def _pack_project(tmp_path, scope: str, specs: str | None = None):
    project = tmp_path / "proj"
    (project / "rules").mkdir(parents=True)
    (project / "rules" / "local.yaml").write_text(f"""pack: {{name: local, version: "1"}}
rules:
  - id: local.cases
    title: 写明案件数
    severity: warning
    spec: [dcgd2019.content.achievements]
    scope: {scope}
    check: {{type: count_matches, patterns: ["案件"], min: 1}}
    message: 没有写案件
    hint: 写明案件数
    examples:
      pass: ["一、主要举措和成效\\n办理案件3件。"]
      fail: ["一、主要举措和成效\\n开展培训。"]
""", "utf-8")
    rules = ["core", "rules/"]
    if specs:
        (project / "specs").mkdir()
        (project / "specs" / "own.yaml").write_text(specs, "utf-8")
    (project / "fzcheck.yaml").write_text(f"rules: {rules}\n" + ("specs: [specs/]\n" if specs else ""), "utf-8")
    return project


def test_a_misspelt_role_is_told_the_roles_and_the_closest(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(_pack_project(tmp_path, "{role: achievment}"))
    assert main(["rules", "validate"]) == 2
    err = capsys.readouterr()
    text = err.out + err.err
    assert "role：应为以下之一" in text and "first_responsible" in text and "是否应为“achievements”" in text


def test_a_catalogue_reusing_a_bundled_id_gets_one_message_naming_both(tmp_path, monkeypatch, capsys):
    replacing = "id: dcgd2019\ntitle: 本省修订版\nclauses:\n  - {id: local.content, article: 第三条, summary: 本省要求。}\n"
    monkeypatch.chdir(_pack_project(tmp_path, "{role: achievements}", replacing))
    assert main(["rules", "validate"]) == 2
    err = capsys.readouterr()
    lines = [line for line in (err.out + err.err).splitlines() if " - " in line or "规范条款不存在" in line]
    assert len(lines) == 1 and "own.yaml" in lines[0] and "dcgd-2019.yaml" in lines[0] and "换一个 id" in lines[0]
    clashing = "id: local-own\ntitle: 本地目录\nclauses:\n  - {id: dcgd2019.content.achievements, article: 第三条, summary: 本地。}\n"
    monkeypatch.chdir(_pack_project(tmp_path / "b", "{role: achievements}", clashing))
    assert main(["rules", "validate"]) == 2
    err = capsys.readouterr()
    text = err.out + err.err
    assert "已在条款目录 dcgd2019" in text and "dcgd-2019.yaml" in text and "换一个 id" in text


SHARED = ("县司法局牵头建立行政执法监督联席会议制度，每季度召开一次会议，通报各执法部门案卷评查结果，"
          "对发现的程序瑕疵逐案列出整改清单，由分管副县长督办，整改结果在县政府门户网站公开，"
          "全年共通报问题案卷四十七卷，整改完成率达到百分之百，群众满意度明显提升。")


def _expert_copy(tmp_path, name, edit=None):
    return _rules_copy(tmp_path, name, edit, pack="expert.yaml")


def test_diff_evaluates_batch_rules_on_the_corpus_as_one_batch(tmp_path, capsys):
    """A change to a batch rule (its severity) shows on the two reports that share a passage; the
    same rules on both sides (the near miss) change nothing, and the output says the batch rules
    were compared; a corpus of one report says they could not be."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("county_compliant.txt", "department_compliant.txt", "city_flawed.txt"):
        text = (ROOT / "tests" / "corpus" / name).read_text("utf-8")
        if name != "city_flawed.txt":
            text = text.replace("二、", SHARED + "\n二、", 1)
        (corpus / name).write_text(text, encoding="utf-8")
    marker = "  - id: batch.copied_passages\n    title: 与同批其他报告没有大段相同的文字\n    severity: warning"
    base = _expert_copy(tmp_path, "base")
    head = _expert_copy(tmp_path, "head", lambda t: t.replace(marker, marker.replace("warning", "error")))
    out = tmp_path / "diff.json"
    assert main(["rules", "diff", str(head), "--base", str(base), "--corpus", str(corpus), "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    data = json.loads(out.read_text("utf-8"))
    assert data["batch_rules"] == {"rules": ["batch.copied_passages"], "compared": True}
    changed = {Path(d["document"]).name: [c["rule_id"] for c in d["rules"]] for d in data["documents"]}
    assert changed == {"county_compliant.txt": ["batch.copied_passages"],
                       "department_compliant.txt": ["batch.copied_passages"]}
    assert "按同批比较" in printed and "不通过（警告） → 不通过（错误）" in printed
    assert main(["rules", "diff", str(base), "--base", str(base), "--corpus", str(corpus), "--json", str(out)]) == 0
    assert json.loads(out.read_text("utf-8"))["documents"] == []
    single = tmp_path / "single"
    single.mkdir()
    shutil.copy(corpus / "county_compliant.txt", single)
    capsys.readouterr()
    assert main(["rules", "diff", str(head), "--base", str(base), "--corpus", str(single)]) == 0
    assert "只有一份，没有判断" in capsys.readouterr().out
