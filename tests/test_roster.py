"""A supervisor's round: the registry matched through the issuer key (name-only, alias and code
entries), each missing unit listed once with the year; the store recorded only when asked; history
filtered; each report's previous one named, and the round saying which found none."""
import json
import os
import subprocess
import sys

import pytest

from checker.cli import main
from checker.store.database import issuer_key
from checker.store.roster import Registry

REPORT = """{title}
{year}年，{subject}坚持以习近平法治思想为指导，推进法治政府建设。
一、主要举措和成效
全年办理行政复议案件{n}件，审查规范性文件38件，培训执法人员300人次，开展普法活动120场，重大行政决策12项。
二、存在的不足和原因
一是乡镇执法力量不足，主要原因是执法人员多为兼职。二是复议纠错率偏高，由于部分部门重实体轻程序。
三、党政主要负责人履行推进法治建设第一责任人职责情况
主要负责人主持常务会议研究法治工作5次，会前学法8次，年终述法。
四、{next}年工作安排
一是年内完成乡镇执法人员轮训。二是开展复议纠错案件专项整改。
{signature}
{next}年3月20日
"""


def _report(folder, name, issuer, year, n=30, title=None, subject=None):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.txt").write_text(REPORT.format(
        title=title or f"{issuer}关于{year}年度法治政府建设情况的报告", year=year, subject=subject or issuer,
        n=n, next=year + 1, signature=issuer), encoding="utf-8")


def _registry(tmp_path, text):
    path = tmp_path / "名录.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _check(*args):
    return main(["check", "--format", "json", "--no-server", "--fail-on", "never", *map(str, args)])


# --- the registry ---------------------------------------------------------------------------

def test_name_only_registry_matches_every_submitted_report_and_lists_each_missing_unit_once(tmp_path, capsys):
    folder = tmp_path / "2024"
    # The issuer read as the short place name, as the full name with its city, with the party committee.
    _report(folder, "a", "临安区", 2024, title="临安区2024年法治政府建设年度报告")
    _report(folder, "b", "平阳县人民政府", 2024)
    _report(folder, "c", "中共淳安县委、淳安县人民政府", 2024)
    _report(folder, "d", "建德市人民政府", 2023)  # last year's report sent in this round
    registry = _registry(tmp_path, """issuers:
  - name: 杭州市临安区人民政府
  - name: 平阳县人民政府
  - name: 淳安县人民政府
  - name: 建德市人民政府
  - name: 长春市人民政府
  - name: 桐庐县人民政府
    expected: [2023]
""")
    out = tmp_path / "out"
    _check(folder, "--registry", registry, "--no-store", "--output-dir", out, "--format", "json,xlsx")
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    missing = summary["not_submitted"]
    assert [(m["issuer"], m["year"]) for m in missing] == [("建德市人民政府", 2024), ("长春市人民政府", 2024)]
    assert missing[0]["received_years"] == [2023]
    assert {m["unit"] for m in summary["registry"]["matches"]} == {"杭州市临安区人民政府", "平阳县人民政府", "淳安县人民政府",
                                                                  "建德市人民政府"}
    assert all(m["via"] == "name" for m in summary["registry"]["matches"]) and summary["registry"]["unlisted"] == []
    err = capsys.readouterr().err
    assert err.count("未报送：长春市人民政府（2024）") == 1 and "收到的是2023年度的报告" in err
    import openpyxl
    book = openpyxl.load_workbook(out / "fzcheck.xlsx")
    assert [row[0].value for row in book["未报送"].iter_rows(min_row=2)] == ["建德市人民政府", "长春市人民政府"]
    assert {row[2].value for row in book["名录"].iter_rows(min_row=2)} == {"已报送", "未报送"}


def test_a_match_that_needed_an_alias_or_a_code_says_so(tmp_path, capsys):
    folder = tmp_path / "2024"
    _report(folder, "a", "淳安县城市管理局", 2024)
    _report(folder, "b", "临安区", 2024, title="临安区2024年法治政府建设年度报告")
    _report(folder, "c", "平阳县人民政府", 2024)
    registry = _registry(tmp_path, """issuers:
  - {name: 淳安县综合行政执法局, aliases: [淳安县城市管理局], level: 政府部门}
  - {name: 青山湖新区管委会, level: 县级, region: "330112"}
  - {name: 平阳县人民政府, level: county}
""")
    out = tmp_path / "out"
    _check(folder, "--registry", registry, "--no-store", "--output-dir", out, "--format", "json,html")
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    via = {m["unit"]: m["via"] for m in summary["registry"]["matches"]}
    page = (out / "index.html").read_text("utf-8")
    assert "按别名对应" in page and "按区划代码对应" in page and "应报送 3 个单位，已报送 3 个" in page
    assert via == {"淳安县综合行政执法局": "alias", "青山湖新区管委会": "code", "平阳县人民政府": "name"}
    assert summary["not_submitted"] == []
    err = capsys.readouterr().err
    assert "按别名对应名录中的“淳安县综合行政执法局”" in err and "按区划代码对应名录中的“青山湖新区管委会”" in err
    assert "按名称对应" not in err


def test_a_report_outside_the_registry_is_named_not_counted(tmp_path):
    folder = tmp_path / "2024"
    _report(folder, "a", "平阳县人民政府", 2024)
    _report(folder, "b", "苍南县人民政府", 2024)
    registry = _registry(tmp_path, "issuers:\n  - {name: 平阳县人民政府}\n")
    out = tmp_path / "out"
    _check(folder, "--registry", registry, "--no-store", "--output-dir", out)
    roster = json.loads((out / "summary.json").read_text("utf-8"))["registry"]
    assert roster["due"] == roster["submitted"] == 1
    assert [u["issuer"] for u in roster["unlisted"]] == ["苍南县人民政府"]


def test_registry_names_read_among_the_registrys_own_places(tmp_path):
    """朝阳区 in a registry that lists 长春市 is Changchun's; the same name alone is refused."""
    registry = Registry.load(_registry(tmp_path, "issuers:\n  - {name: 长春市人民政府}\n  - {name: 朝阳区人民政府}\n"))
    assert registry.match({"issuer": "朝阳区", "issuer_level": "county", "region": "220104"})[0].name == "朝阳区人民政府"
    assert registry.match({"issuer": "朝阳区", "issuer_level": "county", "region": "110105"}) is None
    assert registry.match({"issuer": "朝阳区", "issuer_level": "county"})[0].name == "朝阳区人民政府"


def test_a_names_own_parent_place_outweighs_the_rest_of_the_registry(tmp_path):
    """北京市通州区 in a registry that also lists a unit of 江苏省 is Beijing's, not 南通's; the near miss,
    南通市通州区 beside 北京市, stays Nantong's."""
    registry = Registry.load(_registry(tmp_path, "issuers:\n  - {name: 江苏省淮安市人民政府}\n"
                                                 "  - {name: 北京市通州区人民政府}\n"))
    assert registry.entries[1].key == "110112"
    registry = Registry.load(_registry(tmp_path, "issuers:\n  - {name: 北京市人民政府}\n  - {name: 南通市通州区人民政府}\n"))
    assert registry.entries[1].key == "320612"


@pytest.mark.parametrize("entry, expected", [
    ("{name: 朝阳区人民政府}", "可能是"),
    ("{name: 平阳县人民政府, level: 地级市}", "层级“地级市”无法识别；可写 省级（province）、市级（city）"),
    ("{name: 平阳县人民政府, region: 33032}", "区划代码“33032”应为六位数字"),
    ("{name: 平阳县人民政府, colour: red}", "未知的键：colour；可用的键：name、aliases、level、region、expected"),
    ("{name: 平阳县人民政府, expected: [24]}", "应报年度"),
    ("{name: 平阳县人民政府}\n  - {name: 平阳县政府}", "是同一单位（330326），请合并为一项"),
])
def test_a_bad_registry_is_refused_in_chinese_with_what_is_accepted(tmp_path, capsys, entry, expected):
    registry = _registry(tmp_path, f"issuers:\n  - {entry}\n")
    _report(tmp_path, "r", "平阳县人民政府", 2024)
    assert _check(tmp_path / "r.txt", "--registry", registry, "--no-store", "--output-dir", tmp_path / "o") == 2
    err = capsys.readouterr().err
    assert expected in err and "主体名录" in err and "名录.yaml:" in err and "Traceback" not in err


def test_chinese_level_words_and_bare_numbers_are_accepted(tmp_path):
    registry = Registry.load(_registry(tmp_path, "issuers:\n  - {name: 平阳县人民政府, level: 县级, region: 330326, "
                                                 "expected: 2024}\n  - {name: 温州市人民政府, level: 市级}\n"))
    assert [(e.level, e.region, e.expected) for e in registry.entries] == [("county", "330326", [2024]), ("city", None, None)]


def test_issuer_key_reads_names_to_their_division():
    def key(name, level=None, region=None):
        return issuer_key({"issuer": name, "issuer_level": level, "region": region})

    assert key("杭州市临安区人民政府") == key("临安区", "county") == key("临安区", "county", "330112") == "330112"
    assert key("杭州市临安区司法局") == key("临安区司法局", "department", "330112") == "330112:司法局"
    assert key("上城区清波街道办事处", "township") == key("清波街道", "township")
    assert key("平阳县人民政府") != key("苍南县人民政府")   # near miss: neighbours stay apart
    assert key("临安区司法局") != key("临安区人民政府")
    assert key("淳安县发改委", "department") == key("淳安县发展和改革委员会", "department")  # the organ's long form


# --- the store: opt-in, per round -----------------------------------------------------------

def _isolated_env(tmp_path):
    home = tmp_path / "home"
    env = {key: value for key, value in os.environ.items() if not key.startswith(("FZCHECK_STORE", "XDG_"))}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "config"),
               XDG_STATE_HOME=str(home / "state"), FZCHECK_CACHE=os.environ.get("FZCHECK_CACHE", ""))
    return env, home


def _files_under(folder):
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def test_a_plain_check_records_nothing_and_writes_nothing_to_the_users_data_folder(tmp_path):
    env, home = _isolated_env(tmp_path)
    _report(tmp_path / "in", "a", "平阳县人民政府", 2024)
    subprocess.run([sys.executable, "-m", "checker", "check", str(tmp_path / "in"), "--format", "json", "--no-server",
                    "--output-dir", str(tmp_path / "out")], env=env, cwd=tmp_path, check=False, capture_output=True)
    assert (tmp_path / "out" / "a.json").exists()
    assert _files_under(home / "data") == [] and _files_under(home / ".local") == []   # the user's data folder
    assert not [p for p in home.rglob("*") if p.suffix in (".sqlite", ".db")]           # no store anywhere
    report = json.loads((tmp_path / "out" / "a.json").read_text("utf-8"))
    assert "previous" not in report  # nothing was looked for


def test_the_store_is_recorded_only_where_the_round_says(tmp_path, monkeypatch):
    monkeypatch.delenv("FZCHECK_STORE", raising=False)
    _report(tmp_path / "round" / "报告", "a", "平阳县人民政府", 2024)
    (tmp_path / "round" / "fzcheck.yaml").write_text("store: 结果库.sqlite\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "round")
    _check("报告", "--output-dir", "out")
    assert (tmp_path / "round" / "结果库.sqlite").exists()           # store: relative to the configuration
    _check("报告", "--output-dir", "out2", "--store", tmp_path / "given.sqlite")
    assert (tmp_path / "given.sqlite").exists()
    os.remove(tmp_path / "round" / "结果库.sqlite")
    _check("报告", "--output-dir", "out3", "--no-store")
    assert not (tmp_path / "round" / "结果库.sqlite").exists()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FZCHECK_STORE", str(tmp_path / "env.sqlite"))
    _check(tmp_path / "round" / "报告", "--output-dir", "out4", "--no-config")
    assert (tmp_path / "env.sqlite").exists()


def test_a_store_outside_the_project_folder_is_refused(tmp_path, monkeypatch, capsys):
    _report(tmp_path / "round", "a", "平阳县人民政府", 2024)
    (tmp_path / "round" / "fzcheck.yaml").write_text("store: ../../elsewhere.sqlite\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "round")
    assert _check("a.txt", "--output-dir", "out") == 2
    assert "项目文件夹以外" in capsys.readouterr().err


def _history(capsys, store, *args):
    capsys.readouterr()
    assert main(["history", "--store", str(store), "--json", *args]) == 0
    return json.loads(capsys.readouterr().out)["issuers"]


def test_history_filters_by_issuer_year_and_level_and_never_merges_unidentified_issuers(tmp_path, capsys):
    store = tmp_path / "store.sqlite"
    for year in (2023, 2024):
        folder = tmp_path / str(year)
        _report(folder, "a", "杭州市临安区人民政府", year, n=year % 100)
        _report(folder, "b", "平阳县人民政府", year, n=year % 100)
        _report(folder, "c", "淳安县司法局", year, n=year % 100)
        _check(folder, "--store", store, "--output-dir", tmp_path / f"o{year}")
    nameless = tmp_path / "nameless"
    for name in ("x", "y"):
        nameless.mkdir(exist_ok=True)
        (nameless / f"{name}.txt").write_text(REPORT.format(title="关于法治政府建设情况的报告", year=2024, subject="我们",
                                                            n=len(name) + ord(name), next=2025, signature=""), "utf-8")
    _check(nameless, "--store", store, "--output-dir", tmp_path / "on")
    every = _history(capsys, store)
    assert len([row for row in every if row["issuer_key"] is None]) == 2   # one row per file
    rows = _history(capsys, store, "--issuer", "临安区")
    assert {row["issuer"] for row in rows} == {"杭州市临安区人民政府"} and [row["year"] for row in rows] == [2023, 2024]
    assert {row["issuer"] for row in _history(capsys, store, "--issuer", "330112")} == {"杭州市临安区人民政府"}
    assert {row["year"] for row in _history(capsys, store, "--year", "2023")} == {2023}
    assert {row["level"] for row in _history(capsys, store, "--level", "政府部门")} == {"department"}
    assert main(["history", "--store", str(store), "--level", "地级市"]) == 2
    assert "可写 省级（province）" in capsys.readouterr().err


def test_history_without_a_store_says_how_to_name_one(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("FZCHECK_STORE", raising=False)
    monkeypatch.chdir(tmp_path)
    assert main(["history"]) == 2
    assert "--store" in capsys.readouterr().err


# --- year over year -------------------------------------------------------------------------

def test_each_report_names_its_previous_one_and_the_round_says_which_found_none(tmp_path, capsys):
    store = tmp_path / "store.sqlite"
    _report(tmp_path / "2023", "a", "平阳县人民政府", 2023, n=11)
    _report(tmp_path / "2023", "b", "苍南县人民政府", 2023, n=12)
    _check(tmp_path / "2023", "--store", store, "--output-dir", tmp_path / "o1")
    _report(tmp_path / "2024", "a", "平阳县人民政府", 2024, n=21)
    _report(tmp_path / "2024", "b", "苍南县人民政府", 2024, n=22)
    _report(tmp_path / "2024", "c", "文成县人民政府", 2024, n=23)
    capsys.readouterr()
    _check(tmp_path / "2024", "--store", store, "--output-dir", tmp_path / "o2", "--format", "json,html")
    err = capsys.readouterr().err
    page = (tmp_path / "o2" / "index.html").read_text("utf-8")
    assert "3 份报告中 2 份找到了上一年度报告" in page and "结果库中没有文成县人民政府2023年度的报告" in page
    found = json.loads((tmp_path / "o2" / "a.json").read_text("utf-8"))["previous"]
    old = json.loads((tmp_path / "o1" / "a.json").read_text("utf-8"))["document"]
    assert found == {"path": old["path"], "sha256": old["sha256"], "issuer": "平阳县人民政府", "year": 2023, "source": "store"}
    missing = json.loads((tmp_path / "o2" / "c.json").read_text("utf-8"))["previous"]
    assert missing["path"] is None and "结果库中没有文成县人民政府2023年度的报告" in missing["reason"]
    summary = json.loads((tmp_path / "o2" / "summary.json").read_text("utf-8"))["previous_reports"]
    assert (summary["looked_for"], summary["found"]) == (3, 2) and [m["issuer"] for m in summary["missing"]] == ["文成县人民政府"]
    assert "3 份报告中 2 份找到了上一年度报告" in err and "文成县人民政府2023年度" in err


def test_previous_warns_when_the_issuer_or_the_year_does_not_follow(tmp_path, capsys):
    _report(tmp_path / "old", "other", "苍南县人民政府", 2022)
    _report(tmp_path / "old", "same", "平阳县人民政府", 2023)
    _report(tmp_path, "now", "平阳县人民政府", 2024)
    capsys.readouterr()
    _check(tmp_path / "now.txt", "--previous", tmp_path / "old" / "other.txt", "--no-store", "--output-dir", tmp_path / "o")
    previous = json.loads((tmp_path / "o" / "now.json").read_text("utf-8"))["previous"]
    assert previous["issuer"] == "苍南县人民政府" and previous["source"] == "given" and len(previous["warnings"]) == 2
    err = capsys.readouterr().err
    assert "不是同一单位" in err and "不是上一年度" in err
    _check(tmp_path / "now.txt", "--previous", tmp_path / "old" / "same.txt", "--no-store", "--output-dir", tmp_path / "o2")
    previous = json.loads((tmp_path / "o2" / "now.json").read_text("utf-8"))["previous"]
    assert "warnings" not in previous and previous["year"] == 2023   # near miss: the right file, no warning
    assert "不是同一单位" not in capsys.readouterr().err
