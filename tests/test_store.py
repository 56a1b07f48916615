"""The results store across two rounds: last year's report found with no flag, no duplicates on a
third run, a killed run leaves it consistent, a newer schema refused, folders of last year's reports."""
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from checker.cli import main
from checker.store.database import SCHEMA_VERSION, Store, issuer_key


REPORT = """{issuer}关于{year}年度法治政府建设情况的报告
{year}年，{issuer}坚持以习近平法治思想为指导，推进法治政府建设。
一、主要举措和成效
全年办理行政复议案件{n}件，审查规范性文件38件，培训执法人员300人次，开展普法活动120场，重大行政决策12项。
二、存在的不足和原因
一是乡镇执法力量不足，主要原因是执法人员多为兼职。二是复议纠错率偏高，由于部分部门重实体轻程序。
三、党政主要负责人履行推进法治建设第一责任人职责情况
县长主持常务会议研究法治工作5次，会前学法8次，年终述法。
四、{next}年工作安排
一是年内完成乡镇执法人员轮训。二是开展复议纠错案件专项整改。
{issuer}
{next}年3月20日
"""


def _round(folder, year, issuers, copy_plans_from=None):
    folder.mkdir(parents=True, exist_ok=True)
    for i, issuer in enumerate(issuers):
        (folder / f"r{i}.txt").write_text(REPORT.format(issuer=issuer, year=year, next=year + 1, n=30 + year % 10 + i),
                                          encoding="utf-8")
    return folder


def test_two_rounds_find_last_years_report_and_history_shows_the_trend(tmp_path, capsys):
    store = tmp_path / "store.sqlite"
    issuers = ["淳安县人民政府", "建德市人民政府", "桐庐县人民政府"]
    first = _round(tmp_path / "2023", 2023, issuers)
    second = _round(tmp_path / "2024", 2024, ["中共淳安县委、淳安县人民政府", "建德市政府", "桐庐县人民政府"])
    main(["check", str(first), "--store", str(store), "--format", "json", "--output-dir", str(tmp_path / "o1")])
    main(["check", str(second), "--store", str(store), "--format", "json", "--output-dir", str(tmp_path / "o2")])
    for name in ("r0", "r1", "r2"):
        report = json.loads((tmp_path / "o2" / f"{name}.json").read_text("utf-8"))
        history = next(r for r in report["results"] if r["rule_id"] == "history.repeated_problems")
        assert history["status"] == "fail", name  # the same problems as last year, found with no flag
    main(["check", str(second), "--store", str(store), "--format", "json", "--output-dir", str(tmp_path / "o3")])
    assert Store(store).count_reports() == 6  # a third run on the same files adds none
    capsys.readouterr()
    assert main(["history", "--store", str(store), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    chun_an = [row for row in data["issuers"] if "淳安" in (row["issuer"] or "")]
    assert [row["year"] for row in chun_an] == [2023, 2024]
    assert data["rules"] and all("rule_id" in r for r in data["rules"])


def test_issuer_key_survives_name_variants():
    base = {"issuer_level": "county", "region": "330127"}
    names = ["中共淳安县委、淳安县人民政府", "淳安县人民政府", "淳安县政府"]
    assert len({issuer_key({**base, "issuer": n}) for n in names}) == 1
    department = {"issuer_level": "department", "region": "330127", "issuer": "淳安县司法局"}
    assert issuer_key(department) == "330127:司法局"


def test_previous_folder_is_matched_by_issuer_and_year(tmp_path):
    last = _round(tmp_path / "2023", 2023, ["淳安县人民政府", "建德市人民政府"])
    this = _round(tmp_path / "2024", 2024, ["建德市人民政府"])
    code = main(["check", str(this), "--previous", str(last), "--no-store", "--format", "json",
                 "--output-dir", str(tmp_path / "o")])
    assert code in (0, 1)
    report = json.loads((tmp_path / "o" / "r0.json").read_text("utf-8"))
    history = next(r for r in report["results"] if r["rule_id"] == "history.repeated_problems")
    assert history["status"] == "fail"


def test_newer_schema_is_refused(tmp_path, capsys):
    path = tmp_path / "store.sqlite"
    Store(path).close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value=? WHERE key='schema_version'", (str(SCHEMA_VERSION + 1),))
    (tmp_path / "r.txt").write_text(REPORT.format(issuer="淳安县人民政府", year=2023, next=2024, n=3), encoding="utf-8")
    assert main(["check", str(tmp_path / "r.txt"), "--store", str(path), "--output-dir", str(tmp_path / "o")]) == 2
    assert "更新版本" in capsys.readouterr().err


def test_a_killed_run_leaves_the_store_consistent(tmp_path):
    folder = _round(tmp_path / "many", 2023, [f"淳安县人民政府{i}" for i in range(40)])
    store = tmp_path / "store.sqlite"
    env = {**os.environ, "FZCHECK_STORE": str(store)}
    proc = subprocess.Popen([sys.executable, "-m", "checker", "check", str(folder), "--format", "json",
                             "--output-dir", str(tmp_path / "o")], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not store.exists() or Store(store).count_reports() < 3):
        time.sleep(0.2)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with sqlite3.connect(store) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        reports = db.execute("SELECT id FROM reports").fetchall()
        orphans = db.execute("SELECT COUNT(*) FROM results WHERE report_id NOT IN (SELECT id FROM reports)").fetchone()[0]
    assert reports and orphans == 0
    # A later run goes on from there.
    assert main(["check", str(folder), "--store", str(store), "--format", "json", "--output-dir", str(tmp_path / "o2")]) in (0, 1)
    assert Store(store).count_reports() == 40


def test_registry_lists_issuers_that_did_not_submit(tmp_path, capsys):
    folder = _round(tmp_path / "2024", 2024, ["淳安县人民政府", "建德市政府"])
    registry = tmp_path / "名录.yaml"
    registry.write_text("""issuers:
  - {name: 淳安县人民政府, aliases: [淳安县政府], level: county, region: "330127"}
  - {name: 建德市人民政府, aliases: [建德市政府], level: county, region: "330182"}
  - {name: 桐庐县人民政府, level: county, region: "330122"}
  - {name: 开化县人民政府, level: county, expected: [2023]}
""", encoding="utf-8")
    out = tmp_path / "out"
    main(["check", str(folder), "--registry", str(registry), "--no-store", "--format", "json,html,xlsx,memo",
          "--output-dir", str(out)])
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    assert [m["issuer"] for m in summary["not_submitted"]] == ["桐庐县人民政府"]
    assert "未报送：桐庐县人民政府" in capsys.readouterr().err
    assert "桐庐县人民政府" in (out / "index.html").read_text("utf-8")
    import openpyxl
    assert openpyxl.load_workbook(out / "fzcheck.xlsx")["未报送"]["A2"].value == "桐庐县人民政府"


def test_a_bad_registry_is_refused_with_its_line(tmp_path, capsys):
    registry = tmp_path / "名录.yaml"
    registry.write_text("issuers:\n  - {name: 淳安县人民政府, level: galaxy}\n", encoding="utf-8")
    (tmp_path / "r.txt").write_text(REPORT.format(issuer="淳安县人民政府", year=2023, next=2024, n=3), encoding="utf-8")
    assert main(["check", str(tmp_path / "r.txt"), "--registry", str(registry), "--no-store", "--output-dir",
                 str(tmp_path / "o")]) == 2
    assert ":2:" in capsys.readouterr().err


def test_a_report_checked_again_after_a_correction_counts_once(tmp_path):
    report = tmp_path / "淳安县.txt"
    text = ("淳安县人民政府关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n全年办理复议案件35件。\n"
            "二、存在的不足和原因\n一是培训少，原因是经费不足。\n")
    store = tmp_path / "s.sqlite"
    for version in (text, text + "三、2024年工作安排\n一是全年培训4次。\n"):
        report.write_text(version, "utf-8")
        main(["check", str(report), "--store", str(store), "--format", "json", "--output-dir", str(tmp_path / "o"),
              "--no-server"])
    opened = Store(store)
    assert len(opened.history()) == 1
    assert {row["total"] for row in opened.rule_trend()} == {1}


def _stored_rows(path) -> dict[str, list[tuple]]:
    """Every row of every table, in row order; a run's start and finish times left out."""
    with sqlite3.connect(path) as db:
        rows = {table: db.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()
                for table in ("meta", "reports", "results", "findings")}
        rows["runs"] = db.execute("SELECT id, tool_version, ruleset_name, ruleset_version, ruleset_digest, profile,"
                                  " inputs, finished IS NOT NULL FROM runs ORDER BY id").fetchall()
    return rows


# An invented paragraph two issuers' reports both carry (the batch finds it and judges both again).
SHARED = ("围绕优化营商环境，全面梳理涉企行政检查事项，编制检查清单并向社会公布，推行“综合查一次”联合检查模式，"
          "同一部门对同一企业的多项检查合并进行，跨部门检查统一组织实施，全年减少入企检查频次四成以上；"
          "建立轻微违法行为免罚清单和从轻减轻处罚清单，对首次轻微违法并及时改正的市场主体依法不予处罚，"
          "同步开展普法教育和行政指导，做到执法有温度、监管有力度。")


def _store_round(tmp_path):
    """Template reports of several issuers, real-sized ones, one file twice under two names (the later
    replaces the earlier) and two issuers sharing a long paragraph (judged again by the round)."""
    from pathlib import Path

    corpus = Path(__file__).parent / "corpus"
    folder = _round(tmp_path / "in", 2023, ["淳安县人民政府", "建德市人民政府", "桐庐县人民政府"])
    for name in ("city_flawed.txt", "county_compliant.txt", "department_late.txt"):
        (folder / name).write_bytes((corpus / name).read_bytes())
    (folder / "z_again.txt").write_bytes((corpus / "county_compliant.txt").read_bytes())
    for name in ("township_compliant.txt", "province_compliant.txt"):
        lines = (corpus / name).read_text("utf-8").splitlines()
        (folder / f"shared_{name}").write_text("\n".join(lines[:6] + [SHARED] + lines[6:]) + "\n", "utf-8")
    return sorted(str(p) for p in folder.iterdir())


def test_a_batch_writes_the_store_a_report_by_report_round_writes(tmp_path):
    """Entries made in the workers and written a chunk at a time give the rows the whole reports
    written one by one give: without comparing (the reference adds each finished report itself) and
    comparing (the reference commits every report on its own, at --jobs 1)."""
    from checker.run.outputs import Outputs
    from checker.run.pipeline import Checker
    from checker.run.round import Round

    checker = Checker(discover_config=False)
    files = _store_round(tmp_path)

    def batch(name, similar, jobs, store):
        store.start_run(checker.ruleset, None, files)
        round_ = Round(checker, files, outputs=Outputs(tmp_path / name, ["json"], files, similarity=similar),
                       store=store, jobs=jobs)
        for _ in round_:
            pass
        round_.finish()
        store.close()

    class OneByOne(Store):
        def add(self, item):
            super().add(item)
            self.flush()

    # Not comparing: the reference is every whole report, added on its own by this process.
    reference = Store(tmp_path / "one-by-one.sqlite")
    reference.start_run(checker.ruleset, None, files)
    for done in Round(checker, files):
        reference.add_report(done.checked.report, done.checked.text)
    reference.close()
    batch("plain", 0, 2, Store(tmp_path / "plain.sqlite"))
    expected = _stored_rows(tmp_path / "one-by-one.sqlite")
    assert len(expected["reports"]) == len(files) - 1 and expected["findings"]
    assert _stored_rows(tmp_path / "plain.sqlite") == expected

    # Comparing: the shared paragraph is found, and both ways store the same rows.
    batch("compared-1", 0.3, 1, OneByOne(tmp_path / "compared-1.sqlite"))
    batch("compared-2", 0.3, 2, Store(tmp_path / "compared-2.sqlite"))
    summary = json.loads((tmp_path / "compared-2" / "summary.json").read_text("utf-8"))
    assert any("shared_" in pair["a"] and "shared_" in pair["b"] for pair in summary["similar_pairs"])
    compared = _stored_rows(tmp_path / "compared-2.sqlite")
    assert compared == _stored_rows(tmp_path / "compared-1.sqlite")
    copied = [row for row in compared["findings"] if row[1] == "batch.copied_passages"]
    sharing = {row[0] for row in compared["reports"] if "shared_" in row[2]}
    assert len(sharing) == 2 and sharing <= {row[0] for row in copied}  # both carry the round's finding


def test_a_chunk_is_written_whole_or_not_at_all(tmp_path, monkeypatch):
    """Entries wait for their chunk; a chunk that cannot be written (the store locked too long) leaves
    the chunks before it and none of its own rows, and the message names the store."""
    from checker.base.errors import FzError
    from checker.ingest import from_text
    from checker.run.pipeline import Checker
    from checker.store import database
    from checker.store.database import Entry

    monkeypatch.setattr(database, "LOCK_SECONDS", 0.2)
    monkeypatch.setattr(database, "CHUNK_SECONDS", 3600)
    checker = Checker(discover_config=False)
    reports = [checker.check(from_text(REPORT.format(issuer=issuer, year=2023, next=2024, n=n), f"r{n}.txt"))
               for n, issuer in enumerate(["淳安县人民政府", "建德市人民政府", "桐庐县人民政府"])]
    path = tmp_path / "store.sqlite"
    store = Store(path)
    store.start_run(checker.ruleset, None, [])
    store.add(Entry.of(reports[0].report, reports[0].text))
    assert Store(path).count_reports() == 0  # gathered, not yet written
    store.flush()
    store.add(Entry.of(reports[1].report, reports[1].text))
    store.add(Entry.of(reports[2].report, reports[2].text))
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    with pytest.raises(FzError) as caught:
        store.flush()
    assert "占用" in caught.value.zh and str(path) in caught.value.zh
    holder.execute("ROLLBACK")
    holder.close()
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT COUNT(*) FROM reports").fetchone()[0] == 1
        assert db.execute("SELECT COUNT(DISTINCT report_id) FROM results").fetchone()[0] == 1
    store.db.close()
