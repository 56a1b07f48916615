"""Project configuration, profiles, severity and parameter overrides; rule-pattern timeouts; tokens."""

import json

import pytest

from checker.cli import main
from checker.engine.config import bundled_profiles
from checker.base.errors import RuleError
from checker.run.pipeline import Checker

from conftest import SAMPLE

TOWNSHIP = ("示例镇人民政府关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n全年调解纠纷35件，培训干部120人次，"
            "审核合同16份。\n二、存在的不足和原因\n一是力量不足，原因是编制少。\n三、党政主要负责人履行推进法治建设第一责任人职责情况\n"
            "镇长带头学法，年终述法。\n四、2024年工作安排\n一是加强队伍建设。\n")


def _status(report, rule_id):
    return next(r for r in report["results"] if r["rule_id"] == rule_id)


def test_profile_follows_issuer_level():
    report = Checker(discover_config=False).check_text(TOWNSHIP)
    assert report["document"]["issuer_level"] == "township"
    assert report["ruleset"]["profile"] == "township"
    assert _status(report, "outcomes.quantified")["status"] == "pass"  # 3 figures suffice for a township
    assert _status(report, "part.first_responsible.duties")["status"] == "pass"
    county = Checker(discover_config=False, profile="default").check_text(TOWNSHIP)
    assert _status(county, "outcomes.quantified")["status"] == "fail"


def test_bundled_profiles():
    assert {"default", "department", "township", "draft"} <= set(bundled_profiles())


def test_project_config_overrides(tmp_path, monkeypatch):
    (tmp_path / "fzcheck.yaml").write_text(
        "extends: draft\ndisable: [report.title]\nseverity: {numbering.sequence: error}\n"
        "params: {outcomes.quantified: {min: 30}}\nfail_on: warning\n", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    checker = Checker()
    report = checker.check_path(SAMPLE)
    ids = {r["rule_id"] for r in report["results"]}
    assert "report.title" not in ids and "timeliness.deadline" not in ids
    assert _status(report, "numbering.sequence")["severity"] == "error"
    assert _status(report, "outcomes.quantified")["status"] == "fail"
    assert checker.fail_on == "warning" and report["ruleset"]["profile"] == "draft"


def test_pyproject_tool_section(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.fzcheck]\ndisable = ["report.title"]\n', encoding="utf-8")
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    report = Checker().check_path(SAMPLE)
    assert "report.title" not in {r["rule_id"] for r in report["results"]}


@pytest.mark.parametrize("content,needle", [
    ("colour: red\n", "colour"),
    ("params: {outcomes.quantified: {min: many}}\n", "outcomes.quantified"),
    ("disable: [no.such.rule]\n", "no.such.rule"),
    ("extends: nonexistent\n", "nonexistent"),
])
def test_bad_config_is_exit_2(tmp_path, capsys, content, needle):
    config = tmp_path / "bad.yaml"
    config.write_text(content, encoding="utf-8")
    code = main(["check", str(SAMPLE), "--config", str(config), "--output-dir", str(tmp_path / "o")])
    assert code == 2 and needle in capsys.readouterr().err


def test_extends_cycle(tmp_path):
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text(f"extends: {b}\n", encoding="utf-8")
    b.write_text(f"extends: {a}\n", encoding="utf-8")
    with pytest.raises(RuleError):
        Checker(config=str(a)).check_path(SAMPLE)


def test_catastrophic_pattern_times_out_and_other_rules_run(tmp_path):
    rules = tmp_path / "slow.yaml"
    rules.write_text(
        "pack: {name: slow, version: '1'}\nrules:\n"
        "  - id: slow.pattern\n    title: 回溯\n    message: m\n    severity: warning\n"
        "    spec: [dcgd2019.report.name]\n    scope: document\n"
        "    check: {type: phrases, patterns: ['(a|a)+$']}\n    hint: h\n    examples: {}\n"
        "  - id: fast.pattern\n    title: 普通\n    message: m\n    severity: warning\n"
        "    spec: [dcgd2019.report.name]\n    scope: document\n"
        "    check: {type: phrases, patterns: ['法治']}\n    hint: h\n    examples: {}\n", encoding="utf-8")
    report = Checker(rules=[str(rules)], discover_config=False).check_text(
        "某县2023年法治政府建设报告\n推进法治建设。" + "a" * 40 + "!")
    slow, fast = _status(report, "slow.pattern"), _status(report, "fast.pattern")
    assert slow["status"] == "error" and "超时" in slow["message"]
    assert fast["status"] == "pass"


def test_token_matching_loads_jieba_only_when_asked(tmp_path):
    from checker.patterns import tokens

    rules = tmp_path / "tok.yaml"
    rules.write_text(
        "pack: {name: tok, version: '1'}\nrules:\n"
        "  - id: tok.word\n    title: 词\n    message: m\n    severity: info\n"
        "    spec: [dcgd2019.report.name]\n    scope: document\n"
        "    check: {type: phrases, tokens: true, patterns: ['复议']}\n    hint: h\n    examples: {}\n",
        encoding="utf-8")
    checker = Checker(rules=[str(rules)], discover_config=False)
    whole_word = checker.check_text("某县2023年法治政府建设报告\n申请复议的群众增加。")
    inside_word = checker.check_text("某县2023年法治政府建设报告\n办理行政复议案件35件。")
    assert tokens.is_loaded()
    assert _status(whole_word, "tok.word")["status"] == "pass"
    assert _status(inside_word, "tok.word")["status"] == "fail"


def test_bundled_profiles_are_valid():
    """Bundled profiles are trusted at run time (not validated at every start); here they are."""
    from importlib import resources

    import yaml
    from jsonschema import Draft202012Validator

    from checker import checks
    from checker.base.yamlsafe import data_schema
    from checker.engine.ruleset import load_ruleset

    rules = {rule.id: rule for rule in load_ruleset().rules}
    for name in bundled_profiles():
        data = yaml.safe_load(resources.files("checker").joinpath(f"profiles/{name}.yaml").read_text("utf-8"))
        Draft202012Validator(data_schema("config")).validate(data)
        for rule_id, params in (data.get("params") or {}).items():
            module = checks.get(rules[rule_id].check_type)
            merged = {**{k: v for k, v in rules[rule_id].raw_check.items() if k != "type"}, **params}
            Draft202012Validator({**module.PARAMS, "additionalProperties": False}).validate(merged)


def test_config_schema_command_prints_the_published_schema(capsys):
    import json as _json

    from checker.cli import main

    assert main(["config", "schema", "registry"]) == 0
    schema = _json.loads(capsys.readouterr().out)
    assert schema["$id"] == "registry.schema.json" and "issuers" in schema["properties"]


def test_every_user_data_file_goes_through_one_loader(tmp_path):
    """Config, waivers and the registry report schema problems the same way, with their line."""
    import pytest as _pytest

    from checker.base.errors import RuleError
    from checker.engine.waivers import Waivers
    from checker.store.roster import Registry

    bad = tmp_path / "w.yaml"
    bad.write_text("waivers:\n  - rule: a\n    reason: 原因\n    approver: 张三\n", "utf-8")
    with _pytest.raises(RuleError) as caught:
        Waivers.load(str(bad))
    assert caught.value.problems[0].startswith(f"{bad}:2:5 - 豁免文件格式有误") and "expires" in caught.value.problems[0]
    registry = tmp_path / "r.yaml"
    registry.write_text("issuers:\n  - name: 某某县人民政府\n    colour: red\n", "utf-8")
    with _pytest.raises(RuleError) as caught:
        Registry.load(registry)
    assert caught.value.problems[0].startswith(f"{registry}:3:") and "主体名录格式有误" in caught.value.problems[0] \
        and "colour" in caught.value.problems[0]


@pytest.mark.parametrize("word, level", [("乡镇", "township"), ("乡镇（街道）", "township"), ("政府部门", "department"),
                                         ("县级", "county"), ("township", "township")])
def test_config_show_reads_the_level_in_chinese_or_english(capsys, word, level):
    """One vocabulary (checker/base/vocab.py) for every level option; the English id (the near
    miss) is read as before."""
    assert main(["config", "show", "--no-config", "--issuer-level", word, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["profile_chosen_by"].endswith(level + " 选择") and data["profile"] == bundled_default(level)


def bundled_default(level: str) -> str:
    from checker.engine.config import default_profile

    return default_profile(level)


@pytest.mark.parametrize("argv", [["config", "show", "--no-config", "--issuer-level", "地级市"],
                                  ["check", str(SAMPLE), "--no-config", "--issuer-level", "地级市"],
                                  ["history", "--level", "地级市"]])
def test_an_unknown_level_is_exit_2_naming_the_accepted_ones(capsys, argv):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "层级“地级市”无法识别" in err and "县级（county）" in err and "政府部门（department）" in err
    assert "unknown level '地级市'" in err and "Traceback" not in err


def test_check_reads_a_chinese_level_as_its_id(tmp_path):
    outs = []
    for word in ("政府部门", "department"):
        out = tmp_path / word
        main(["check", str(SAMPLE), "--no-config", "--no-store", "--no-server", "--issuer-level", word,
              "--format", "json", "--output-dir", str(out)])
        outs.append((out / "sample_report.json").read_bytes())
    assert outs[0] == outs[1] and json.loads(outs[0])["document"]["issuer_level"] == "department"
