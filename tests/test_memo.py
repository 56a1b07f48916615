"""The 通报 (--format memo) states facts: every number and list in it is recomputed here from
summary.json (independently of the writer), each category is its own sentence, no on-time report is
called late, no file path stands for a unit, no list is empty, and the pages are numbered."""
import json
import re
import shutil
from collections import Counter

import pytest

from checker.cli import main
from checker.engine.ruleset import load_ruleset

from conftest import ROOT, libreoffice_convert

docx = pytest.importorskip("docx")

CORPUS = ROOT / "tests" / "corpus"
VERDICT_ZH = {"pass": "合格", "warning": "基本合格（有警告）", "fail": "不合格"}
LEVEL_ZH = {"province": "省级", "city": "市级", "county": "县级", "township": "乡镇（街道）", "department": "政府部门"}
LEVELS = list(LEVEL_ZH)


def _county(place: str, year: int, date: str | None) -> str:
    """An invented county report of ``year``, signed by the county ``place`` on ``date`` (None: no date)."""
    text = (CORPUS / "county_compliant.txt").read_text("utf-8").replace("示例县", place)
    text = text.replace("2023年", f"{year + 1}年").replace("2022", str(year))
    return text.replace(f"{year + 1}年3月10日", date or "")


def _department(name: str, date: str) -> str:
    text = (CORPUS / "department_compliant.txt").read_text("utf-8").replace("示例县市场监督管理局", name)
    return text.replace("2024年2月20日", date)


@pytest.fixture(scope="module")
def memo_round(tmp_path_factory):
    folder = tmp_path_factory.mktemp("round")
    reports = {
        "on_time.txt": _county("青石县", 2020, "2021年3月31日"),   # the last day before 4月1日: on time
        "late.txt": _county("白沙县", 2020, "2021年4月15日"),
        "undated.txt": _county("红岭县", 2020, None),
        "dept_late.txt": _department("青石县市场监督管理局", "2024年3月15日"),  # 3月1日 is the 报送 deadline
        "dept_on_time.txt": _department("白沙县市场监督管理局", "2024年2月20日"),
        "flawed.txt": (CORPUS / "city_flawed.txt").read_text("utf-8"),
    }
    for name, text in reports.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    main(["check", str(folder), "--format", "json,memo", "--output-dir", str(out), "--no-config", "--no-store",
          "--fail-on", "never"])
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    document = docx.Document(out / "fzcheck-通报.docx")
    return folder, out, summary, document


def _paragraphs(document) -> list[str]:
    return [p.text for p in document.paragraphs if p.text.strip()]


def _tagged(tag: str) -> set[str]:
    return {rule.id for rule in load_ruleset().rules if tag in rule.tags}


def _names(rows: list[dict]) -> str:
    return "、".join(r["issuer"] + (f"（{r['year']}年度）" if _several_years else "") for r in rows)


_several_years = True  # the round above covers 2020 and 2023


def test_every_number_and_list_is_the_summary_s(memo_round):
    _, _, summary, document = memo_round
    text = "\n".join(_paragraphs(document))
    rows = summary["reports"]
    readable = [r for r in rows if r["verdict"] != "unreadable"]
    assert len({r["year"] for r in readable if r["year"]}) > 1 and _several_years
    # 基本情况
    verdicts = Counter(r["verdict"] for r in readable)
    assert f"本次共审查法治政府建设年度报告{len(rows)}份，其中{len(rows) - len(readable)}份文件无法读取" in text
    assert f"其余{len(readable)}份中，" + "、".join(f"{VERDICT_ZH[v]}{verdicts.get(v, 0)}份" for v in VERDICT_ZH) in text
    levels = Counter(r["issuer_level"] for r in readable)
    assert "按报告主体层级分：" + "，".join(f"{LEVEL_ZH[l]}{levels[l]}份" for l in LEVELS if levels.get(l)) in text
    # 主要问题: counted from the results that count against each report, outside the tagged sections
    own = _tagged("deadline") | _tagged("signature") | _tagged("copying")
    order = [rule.id for rule in load_ruleset().rules]
    counts = Counter(rule for r in readable for rule in r["failing"] if rule not in own)
    top = sorted(counts.items(), key=lambda item: (-item[1], order.index(item[0])))[:8]
    titles = {rule.id: rule.title for rule in load_ruleset().rules}
    paragraphs = _paragraphs(document)
    for index, (rule_id, count) in enumerate(top):
        heading = next(i for i, p in enumerate(paragraphs) if p.endswith(titles[rule_id]) and p.startswith("（"))
        assert paragraphs[heading + 1].startswith(f"{count}份报告未达到这一要求"), (rule_id, paragraphs[heading + 1])
    # 公开时限和落款: each category its own sentence, its list the summary's
    deadline, signature = _tagged("deadline"), _tagged("signature")
    late = [r for r in readable if any(r["failing"].get(rule) == "error" for rule in deadline)]
    submitted = [r for r in readable if any(r["failing"].get(rule) == "warning" for rule in deadline)]
    undated = [r for r in readable if any(rule in r["failing"] for rule in signature) and r["date_source"] != "signature"]
    assert [r["issuer"] for r in late] == ["白沙县人民政府"]
    assert [r["issuer"] for r in submitted] == ["青石县市场监督管理局"]
    assert "红岭县人民政府" in [r["issuer"] for r in undated]
    assert f"{len(late)}份报告晚于次年4月1日的公开期限（县级1份）：{_names(late)}。" in text
    assert f"{len(submitted)}份报告在公开期限内，但晚于次年3月1日的报送期限（政府部门1份）：{_names(submitted)}。" in text
    named = [r for r in undated if r["issuer"]]
    assert f"{len(named)}份报告没有写明成文日期，无法核对报告何时形成：{_names(named)}。" in text
    # 附表: one line per readable report
    assert len(document.tables[0].rows) == len(readable) + 1


def test_no_on_time_report_is_called_late(memo_round):
    _, _, summary, document = memo_round
    section = "\n".join(_paragraphs(document))
    section = section[section.index("三、公开时限和落款"):section.index("四、雷同情况")]
    assert "青石县人民政府" not in section and "白沙县市场监督管理局" not in section
    on_time = next(r for r in summary["reports"] if r["path"].endswith("/on_time.txt"))
    assert on_time["date"] == "2021-03-31" and "timeliness.deadline" not in on_time["failing"]


def test_sentences_are_whole_and_name_units_not_files(memo_round):
    folder, _, summary, document = memo_round
    text = "\n".join(_paragraphs(document) + [c.text for row in document.tables[0].rows for c in row.cells])
    assert "：。" not in text and "、。" not in text and "。。" not in text and "（）" not in text
    assert str(folder) not in text and ".txt" not in text
    assert "的要求未落实" not in text
    for paragraph in _paragraphs(document):
        assert paragraph.count("“") == paragraph.count("”"), paragraph
    # Examples quote the finding and rotate over units.
    examples = re.findall(r"如(.+?)的报告，检查意见为：“", text)
    assert examples and len(set(examples)) > 1


def test_pages_are_numbered_and_laid_out_by_gbt_9704(memo_round):
    _, _, _, document = memo_round
    section = document.sections[0]
    assert round(section.top_margin.mm) == 37 and round(section.left_margin.mm) == 28
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    for footer in (section.footer, section.even_page_footer):
        xml = footer._element.xml
        assert "PAGE" in xml and "— " in "".join(p.text for p in footer.paragraphs)
    fonts = {run.font.name for p in document.paragraphs for run in p.runs}
    assert {"方正小标宋简体", "黑体", "仿宋_GB2312"} <= fonts


def test_the_wording_lives_in_the_template(memo_round, tmp_path):
    from checker.writers import memo

    template = (ROOT / "checker" / "templates" / memo.TEMPLATE).read_text("utf-8")
    assert "本次共审查法治政府建设年度报告" in template
    source = (ROOT / "checker" / "writers" / "memo.py").read_text("utf-8")
    assert "本次共审查" not in source and "未达到这一要求" not in source


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_renders_the_memo_with_page_numbers(memo_round, tmp_path):
    _, out, _, _ = memo_round
    pdf = libreoffice_convert(out / "fzcheck-通报.docx", "pdf", tmp_path, keep_as="memo.pdf")
    from pypdf import PdfReader

    pages = PdfReader(pdf).pages
    assert len(pages) >= 2
    for number, page in enumerate(pages, 1):
        assert f"— {number} —" in page.extract_text()


def test_an_office_adapts_the_wording_in_its_own_template(memo_round, tmp_path, capsys):
    folder, _, summary, _ = memo_round
    bundled = (ROOT / "checker" / "templates" / "memo.txt.j2").read_text("utf-8")
    own = tmp_path / "本单位通报.j2"
    own.write_text(bundled.replace("@h1 五、下一步要求", "@h1 五、整改要求").replace("关于", "省司法厅关于", 1),
                   encoding="utf-8")
    out = tmp_path / "out"
    main(["check", str(folder), "--format", "memo", "--output-dir", str(out), "--no-config", "--no-store",
          "--memo-template", str(own), "--fail-on", "never"])
    text = "\n".join(_paragraphs(docx.Document(out / "fzcheck-通报.docx")))
    assert "五、整改要求" in text and text.count("省司法厅关于") == 1
    assert f"本次共审查法治政府建设年度报告{len(summary['reports'])}份" in text
    # A template that does not compile, or reaches for the program, ends the run with its name (exit 2).
    broken = tmp_path / "坏模板.j2"
    broken.write_text("{% if f.total %}没有结束", encoding="utf-8")
    assert main(["check", str(folder), "--format", "memo", "--output-dir", str(out), "--no-config",
                 "--memo-template", str(broken)]) == 2
    assert "坏模板.j2" in capsys.readouterr().err
    nosy = tmp_path / "越权.j2"
    nosy.write_text("{{ f.__class__.__init__.__globals__ }}", encoding="utf-8")
    assert main(["check", str(folder), "--format", "memo", "--output-dir", str(out), "--no-config", "--no-store",
                 "--memo-template", str(nosy), "--fail-on", "never"]) == 2


def test_an_office_template_failing_at_run_time_is_reported_by_name(memo_round, tmp_path, capsys):
    folder, _, _, _ = memo_round
    failing = tmp_path / "除零.j2"
    failing.write_text("{{ f.total / 0 }}", encoding="utf-8")
    assert main(["check", str(folder), "--format", "memo", "--output-dir", str(tmp_path / "out"), "--no-config",
                 "--no-store", "--memo-template", str(failing), "--fail-on", "never"]) == 2
    err = capsys.readouterr().err
    assert "除零.j2" in err and "运行出错" in err and "Traceback" not in err and "内部错误" not in err
