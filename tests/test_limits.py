"""The per-file time limit cannot be caught by the handlers that contain ordinary errors."""
import time

import pytest

from checker.run import batch
from checker.results import Failure
from checker.base.limits import TimeLimitExceeded, time_limit
from checker.run.pipeline import Checker


def test_limit_passes_through_broad_handlers():
    started = time.monotonic()
    with pytest.raises(TimeLimitExceeded):
        with time_limit(0.2):
            while True:
                try:
                    time.sleep(0.01)
                except Exception:  # noqa: BLE001 - what the page loop and the rule runner do
                    pass
    assert time.monotonic() - started < 1.5


def test_a_runaway_file_is_stopped_and_reported(monkeypatch, tmp_path):
    checker = Checker(discover_config=False)

    def runaway(source, overrides=None):
        while True:
            try:
                time.sleep(0.01)
            except Exception:  # noqa: BLE001
                continue

    monkeypatch.setattr(checker, "run", runaway)
    path = tmp_path / "slow.txt"
    path.write_text("报告", encoding="utf-8")
    started = time.monotonic()
    results = list(batch.check_files(checker, [str(path)], jobs=1, settings=batch.Settings(time_limit=0.3)))
    assert time.monotonic() - started < 2.5
    (name, outcome), = results
    assert isinstance(outcome, Failure) and "时间上限" in outcome.zh


RULE = """pack: {name: demo, version: '1'}
rules:
  - id: demo.bomb
    title: 测试
    severity: warning
    spec: [dcgd2019.content.shortcomings]
    scope: document
    check: {type: phrases, patterns: ['PATTERN']}
    message: 测试
    hint: 测试
    examples: {pass: ["原因"], fail: ["无"]}
"""


@pytest.mark.parametrize("pattern,needle", [("a{4294967294}", "repeat count"), ("(a{100}){200}", "nested repeat"),
                                            ("x" * 2500, "longer than")])
def test_rule_regex_over_budget_is_refused_before_compiling(tmp_path, capsys, pattern, needle):
    from checker.cli import main

    pack = tmp_path / "bomb.yaml"
    pack.write_text(RULE.replace("PATTERN", pattern), encoding="utf-8")
    started = time.monotonic()
    assert main(["rules", "validate", str(pack), "--no-config"]) == 2
    assert time.monotonic() - started < 5
    assert needle in capsys.readouterr().err


BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"


def test_alias_bombs_in_config_and_waivers_are_refused(tmp_path, monkeypatch, capsys):
    from checker.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "fzcheck.yaml").write_text(BOMB, encoding="utf-8")
    (tmp_path / "r.txt").write_text("某县2023年度法治政府建设情况报告\n", encoding="utf-8")
    assert main(["check", "r.txt", "--output-dir", "out"]) == 2
    assert "别名" in capsys.readouterr().err
    (tmp_path / "fzcheck.yaml").unlink()
    (tmp_path / "w.yaml").write_text(BOMB, encoding="utf-8")
    assert main(["check", "r.txt", "--output-dir", "out", "--waivers", "w.yaml"]) == 2
    assert "aliases" in capsys.readouterr().err


def test_config_paths_outside_the_project_are_refused_and_never_quoted(tmp_path, monkeypatch, capsys):
    from checker.cli import main

    secret = tmp_path / "secret.txt"
    secret.write_text("https://user:TOKEN-12345@example.org\n", encoding="utf-8")
    project = tmp_path / "project"
    project.mkdir()
    monkeypatch.chdir(project)
    for key in ("rules: [../secret.txt]", "waivers: ../secret.txt", "extends: ../secret.txt", "specs: [/etc]"):
        (project / "fzcheck.yaml").write_text(key + "\n", encoding="utf-8")
        assert main(["config", "show"]) == 2, key
        err = capsys.readouterr().err
        assert "project folder" in err and "TOKEN" not in err


def test_waiver_dates_read_as_written_and_impossible_ones_refused(tmp_path, capsys):
    from checker.engine.waivers import Waivers
    from checker.base.errors import RuleError

    good = tmp_path / "w.yaml"
    good.write_text("waivers:\n  - {rule: report.title, reason: 已核实, approver: 县司法局, expires: 2025-06-30}\n", encoding="utf-8")
    assert Waivers.load(str(good)).entries[0].expires == "2025-06-30"
    bad = tmp_path / "bad.yaml"
    bad.write_text("waivers:\n  - {rule: report.title, reason: 已核实, approver: 县司法局, expires: 2024-13-45}\n", encoding="utf-8")
    with pytest.raises(RuleError) as caught:
        Waivers.load(str(bad))
    assert ":2:" in caught.value.problems[0] and "not a valid date" in caught.value.problems[0]


SAMPLE_REPORT = ("某县2023年度法治政府建设情况报告\n2023年，某县坚持依法行政。\n一、主要举措和成效\n办理复议案件35件。\n"
                 "二、存在的不足和原因\n一是力量不足，原因是编制少。\n三、党政主要负责人履行推进法治建设第一责任人职责情况\n县长主持会议5次。\n"
                 "四、2024年工作安排\n一是加强培训。\n")


def test_reports_named_like_batch_files_do_not_overwrite_them(tmp_path):
    from checker.cli import main

    for name in ("index.txt", "summary.txt", "other.txt"):
        (tmp_path / name).write_text(SAMPLE_REPORT, encoding="utf-8")
    out = tmp_path / "out"
    main(["check", str(tmp_path / "index.txt"), str(tmp_path / "summary.txt"), str(tmp_path / "other.txt"),
          "--format", "json,html", "--output-dir", str(out)])
    import json
    assert json.loads((out / "summary.json").read_text("utf-8"))["reports"]
    assert "<html" in (out / "index.html").read_text("utf-8")
    per_report = [p.name for p in out.glob("index-*.json")] + [p.name for p in out.glob("summary-*.json")]
    assert len(per_report) == 2


def test_planted_symlink_at_a_temp_name_is_never_followed(tmp_path):
    from checker.run.outputs import write_atomic

    victim = tmp_path / "victim.txt"
    victim.write_text("keep", encoding="utf-8")
    for pid_guess in range(5):
        (tmp_path / f".report.json.tmp-{pid_guess}").symlink_to(victim)
    write_atomic(tmp_path / "report.json", "{}")
    assert victim.read_text("utf-8") == "keep" and (tmp_path / "report.json").read_text("utf-8") == "{}"


def test_csv_cells_are_never_formulas(tmp_path):
    from checker.cli import main

    for name in ("=HYPERLINK(1).txt", "+cmd.txt", "plain.txt"):
        (tmp_path / name).write_text(SAMPLE_REPORT, encoding="utf-8")
    out = tmp_path / "out"
    main(["check", str(tmp_path), "--format", "json", "--output-dir", str(out)])
    rows = (out / "summary.csv").read_text("utf-8-sig").splitlines()[1:]
    assert rows and not any(row.startswith(("=", "+", "-", "@")) for row in rows)


def test_control_characters_neither_break_junit_nor_reach_the_terminal(tmp_path, capsys):
    from xml.etree import ElementTree as ET

    from checker.cli import main

    name = tmp_path / "bad\x1b[31mname.txt"
    name.write_text(SAMPLE_REPORT.replace("办理复议案件35件。", "办理\x07复议\x0b案件35件。\x1b[2J"), encoding="utf-8")
    out = tmp_path / "out"
    main(["check", str(name), "--format", "text,junit", "--output-dir", str(out)])
    ET.parse(out / "junit.xml")
    captured = capsys.readouterr()
    assert "\x1b" not in captured.out + captured.err and "\\x1b" in captured.out + captured.err


def test_long_chinese_file_name_and_unwritable_output_folder(tmp_path, capsys):
    import os

    from checker.cli import main

    long_name = tmp_path / ("法治政府建设年度报告" * 8 + ".txt")
    long_name.write_text(SAMPLE_REPORT, encoding="utf-8")
    assert main(["check", str(long_name), "--format", "json", "--output-dir", str(tmp_path / "out")]) in (0, 1)
    assert list((tmp_path / "out").glob("*.json"))
    blocked = tmp_path / "blocked"
    blocked.write_text("a file, not a folder", encoding="utf-8")
    assert main(["check", str(long_name), "--format", "json", "--output-dir", str(blocked)]) == 2
    err = capsys.readouterr().err
    assert "无法写入输出文件夹" in err and "Traceback" not in err
    assert os.path.isfile(blocked)


def test_output_piped_to_a_closed_reader_ends_quietly(tmp_path):
    import subprocess
    import sys

    report = tmp_path / "r.txt"
    report.write_text(SAMPLE_REPORT * 400, encoding="utf-8")  # JSON far larger than a pipe's buffer
    proc = subprocess.run(f"{sys.executable} -m checker.cli inspect --json {report} | head -c 10", shell=True,
                          capture_output=True, text=True, timeout=60)
    assert "Traceback" not in proc.stderr and "BrokenPipe" not in proc.stderr


def test_charset_declaration_loses_to_the_bytes(tmp_path):
    from checker.ingest import load

    page = ("<html><head><meta charset=\"utf-16\"><title>t</title></head><body><div>"
            + SAMPLE_REPORT.replace("\n", "</p><p>") + "</div></body></html>")
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("utf-8"))
    source = load(str(path))
    assert "法治政府建设" in source.text and source.encoding == "utf-8"
    gbk_claim = tmp_path / "claim.html"
    gbk_claim.write_bytes(page.replace("utf-16", "gbk").encode("utf-8"))
    assert "法治政府建设" in load(str(gbk_claim)).text


def test_nul_bytes_anywhere_are_refused(tmp_path):
    from checker.base.errors import InputError
    from checker.ingest import load

    path = tmp_path / "late-nul.txt"
    path.write_bytes(SAMPLE_REPORT.encode("utf-8") * 2000 + b"\x00\x01\x02" + SAMPLE_REPORT.encode("utf-8"))
    with pytest.raises(InputError) as caught:
        load(str(path))
    assert "NUL" in caught.value.zh


def test_docx_part_inflating_past_its_limit_is_refused_quickly(tmp_path):
    import zipfile

    from checker.base.errors import InputError
    from checker.ingest import load

    path = tmp_path / "big-body.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            for _ in range(5):  # 40 MB of zeros: under the 200 MB archive limit, over the 32 MB part limit
                member.write(b"\0" * (8 * 1024 * 1024))
    started = time.monotonic()
    with pytest.raises(InputError) as caught:
        load(str(path))
    assert "document.xml" in caught.value.zh and time.monotonic() - started < 10


def _docx_with_styles(path, styles: int, paragraphs: int) -> None:
    """A .docx with a chain of ``styles`` paragraph styles (each based on the previous one) and
    ``paragraphs`` paragraphs using them, written as XML directly (python-docx builds it slowly)."""
    import io
    import zipfile

    from docx import Document

    buffer = io.BytesIO()
    Document().save(buffer)
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    style_xml = "".join(f'<w:style {w} w:type="paragraph" w:styleId="S{i}"><w:name w:val="S{i}"/>'
                        + (f'<w:basedOn w:val="S{i - 1}"/>' if i else "") + "</w:style>" for i in range(styles))
    body = "".join(f'<w:p {w}><w:pPr><w:pStyle w:val="S{i % styles}"/></w:pPr><w:r><w:t>第{i}段，依法行政工作。</w:t></w:r></w:p>'
                   for i in range(paragraphs))
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/styles.xml":
                data = data.decode("utf-8").replace("</w:styles>", style_xml + "</w:styles>").encode("utf-8")
            elif item.filename == "word/document.xml":
                data = data.decode("utf-8").replace("<w:body>", "<w:body>" + body, 1).encode("utf-8")
            target.writestr(item, data)


def test_docx_with_many_styles_and_paragraphs_reads_in_linear_time(tmp_path):
    from checker.ingest import load

    small, large = tmp_path / "small.docx", tmp_path / "large.docx"
    _docx_with_styles(small, 300, 2000)
    _docx_with_styles(large, 1200, 8000)
    timings = []
    for path in (small, large):
        started = time.monotonic()
        source = load(str(path))
        timings.append(time.monotonic() - started)
        assert "依法行政" in source.text
    # Four times the styles and paragraphs: linear is about 4x, quadratic 16x.
    assert timings[1] < 8 * timings[0] + 1.0, timings


@pytest.mark.parametrize("text", [
    "".join(str(i % 10) for i in range(20000)),           # a paste of digits (was 36 s)
    "共办理35件，其中行政复议12件、诉讼23件" * 1000,        # a table pasted as one sentence (was 47 s)
    "1.2%" * 5000,
])
def test_pathological_text_is_checked_in_bounded_time(text):
    checker = Checker(discover_config=False)
    started = time.monotonic()
    checker.check_text("某县2023年度法治政府建设情况报告\n" + text)
    assert time.monotonic() - started < 5


def test_thousands_of_items_and_findings_check_and_render_in_bounded_time():
    """Was 6.6 s to check and 7.7 s to render at 6,000 items (quadratic); now both linear."""
    from checker.writers import html_report

    items = "".join(f"{'一二三四五六七八九'[i % 9]}是问题有待进一步加强。" for i in range(6000))
    checker = Checker(discover_config=False)
    started = time.monotonic()
    checked = checker.run(__import__("checker.ingest", fromlist=["from_text"]).from_text(
        "某县2023年度法治政府建设情况报告\n二、存在的问题\n" + items))
    html_report.render(checked)
    assert time.monotonic() - started < 8
    assert sum(len(r.findings) for r in checked.report.results) > 6000
