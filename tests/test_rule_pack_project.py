"""A provincial rule pack kept in its own repository: fzcheck.yaml composes the bundled packs with
the province's own rules and clause catalogue, and every ``rules`` verb and ``check`` use it."""
import json
import os
import shutil
import subprocess

import pytest

from checker.cli import main

from conftest import ROOT

CATALOGUE = """id: zj-fzzf-2023
title: 某省法治政府建设年度报告工作指引（2023）
issued_by: 某省全面依法治省委员会办公室
clauses:
  - id: zj.report.cases
    article: 第六条
    verified: true
    summary: 年度报告应当列举本地区本部门依法行政的典型案例。
"""
LOCAL_PACK = """pack: {name: zj, version: '2023.1'}
rules:
  - id: zj.cases
    title: 列举了典型案例
    severity: warning
    spec: [zj.report.cases]
    scope: {role: achievements}
    check: {type: phrases, patterns: ['典型案例|案例']}
    message: 成效部分没有列举典型案例
    hint: 选取一两个依法行政的典型案例，写明事由、做法和结果。
    examples:
      pass: ["一、主要举措和成效\\n办理复议案件35件，其中典型案例2件入选全省汇编。"]
      fail: ["一、主要举措和成效\\n办理复议案件35件。"]
"""
CONFIG = """rules: [bundled, rules/]
specs: [specs/]
severity: {numbering.sequence: info}
docs_url: https://rules.example.org/zj/rules.md
"""
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}


def _git(repo, *args):
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env={**os.environ, **GIT_ENV})


@pytest.fixture
def project(tmp_path, monkeypatch):
    repo = tmp_path / "zj-rules"
    (repo / "rules").mkdir(parents=True)
    (repo / "specs").mkdir()
    (repo / "rules" / "zj.yaml").write_text(LOCAL_PACK, encoding="utf-8")
    (repo / "specs" / "zj.yaml").write_text(CATALOGUE, encoding="utf-8")
    (repo / "fzcheck.yaml").write_text(CONFIG, encoding="utf-8")
    shutil.copytree(ROOT / "tests" / "corpus", repo / "tests" / "corpus")
    if shutil.which("git"):
        _git(repo, "init", "-q")
        _git(repo, "add", "-A")
        _git(repo, "commit", "-qm", "base")
    monkeypatch.chdir(repo)
    return repo


def _bundled_counts():
    from checker.engine.examples import cases
    from checker.engine.ruleset import load_ruleset

    bundled = load_ruleset(["bundled"])  # what the project's fzcheck.yaml composes
    return len(bundled.rules), len(cases(bundled))


def test_validate_and_test_use_the_project_config(project, capsys):
    rules, examples = _bundled_counts()
    assert main(["rules", "validate"]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert f"{rules + 1} 条" in last and "zj" in last
    assert main(["rules", "test"]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last.startswith(f"结论：示例 {examples + 2}/{examples + 2} 全部通过")


def test_rule_citing_an_unknown_provincial_clause_is_refused(project, capsys):
    (project / "specs" / "zj.yaml").unlink()
    assert main(["rules", "validate", "--format", "json"]) == 2
    data = json.loads(capsys.readouterr().out)
    assert not data["ok"]
    problem = data["problems"][0]
    assert problem["file"].endswith("zj.yaml") and problem["line"] == 6 and problem["rule_id"] == "zj.cases"
    assert "unknown spec clause" in problem["message"]


def test_a_broken_catalogue_is_reported_with_its_line(project, capsys):
    (project / "specs" / "zj.yaml").write_text(CATALOGUE.replace("    summary:", "    sumary:"), encoding="utf-8")
    assert main(["rules", "validate", "--format", "github"]) == 2
    out = capsys.readouterr().out
    assert "::error file=" in out and "zj.yaml,line=" in out and "bad clause catalogue" in out


def test_github_annotations_for_a_failing_example(project, capsys):
    pack = project / "rules" / "zj.yaml"
    pack.write_text(LOCAL_PACK.replace("其中典型案例2件入选全省汇编", "其中2件入选全省汇编"), encoding="utf-8")
    assert main(["rules", "test", "--format", "github"]) == 1
    out = capsys.readouterr().out.strip().splitlines()
    annotations = [line for line in out if line.startswith("::error ")]
    assert annotations and "title=zj.cases" in annotations[0]
    assert "line=" in annotations[0]
    examples = _bundled_counts()[1] + 2
    assert out[-1].startswith(f"结论：示例 {examples - 1}/{examples} 未全部通过")


def test_docs_include_the_local_rule_and_clause(project, capsys):
    assert main(["rules", "docs"]) == 0
    reference = (project / "docs" / "rules.md").read_text("utf-8")
    assert '<a id="rule-zj.cases"></a>' in reference and "某省法治政府建设年度报告工作指引" in reference
    assert main(["rules", "docs", "--check"]) == 0


def test_config_show_names_the_source_of_each_value(project, capsys):
    assert main(["config", "show", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    settings = {row["key"]: row for row in data["settings"]}
    assert settings["severity.numbering.sequence"]["source"].endswith("fzcheck.yaml")
    assert settings["rules"]["value"][:1] == ["bundled"]
    assert settings["fail_on"]["source"] == "bundled"
    assert main(["config", "show", "--issuer-level", "township"]) == 0
    text = capsys.readouterr().out
    assert "township" in text and "params.outcomes.quantified.min" in text and "自带配置方案 township" in text


def test_check_runs_the_composed_pack_and_links_rule_docs(project, capsys):
    out = project / "out"
    code = main(["check", "tests/corpus/county_compliant.txt", "--format", "json,sarif", "--output-dir", str(out)])
    assert code in (0, 1)
    report = json.loads((out / "county_compliant.json").read_text("utf-8"))
    ids = {r["rule_id"] for r in report["results"]}
    assert "zj.cases" in ids and "report.title" in ids and "plans.answer_problems" in ids
    sarif = json.loads((out / "fzcheck.sarif").read_text("utf-8"))
    run = sarif["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert rules["zj.cases"]["helpUri"] == "https://rules.example.org/zj/rules.md#rule-zj.cases"
    assert run["artifacts"][0]["location"] == {"uri": "tests/corpus/county_compliant.txt", "uriBaseId": "%SRCROOT%"}
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"].startswith("file://")


def test_diff_against_the_last_commit_sees_the_local_rule_change(project, capsys):
    if not shutil.which("git"):
        pytest.skip("git not installed")
    pack = project / "rules" / "zj.yaml"
    pack.write_text(LOCAL_PACK.replace("'典型案例|案例'", "'典型案例'"), encoding="utf-8")
    code = main(["rules", "diff", "--base", "HEAD", "--corpus", "tests/corpus", "--json", "diff.json"])
    out = capsys.readouterr().out.strip().splitlines()
    assert code == 0 and out[-1].startswith("结论：8 份报告")
    data = json.loads((project / "diff.json").read_text("utf-8"))
    assert data["base"]["name"] == data["head"]["name"] == "core+expert+lexicon+zj"


def test_diff_over_an_empty_corpus_is_an_error(project, capsys):
    (project / "empty").mkdir()
    assert main(["rules", "diff", "--base", "HEAD", "--corpus", "empty"]) == 2
    assert "allow-empty" in capsys.readouterr().err
    assert main(["rules", "diff", "--base", "HEAD", "--corpus", "empty", "--allow-empty"]) == 0
    assert capsys.readouterr().out.strip().splitlines()[-1].startswith("结论：0 份报告")


def test_bundled_pack_names_compose_on_the_command_line(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["rules", "validate", "core"]) == 0
    assert "core 1.0.0" in capsys.readouterr().out


def test_bundled_names_every_shipped_pack(tmp_path, monkeypatch):
    """A provincial pack that extends ``bundled`` keeps every pack that ships, the lexicon included."""
    from checker.engine.ruleset import bundled_packs, load_ruleset

    everything = {r.pack for r in load_ruleset(["bundled"]).rules}
    assert everything == {r.pack for r in load_ruleset(None).rules}
    assert len(everything) == len(bundled_packs()) >= 3
