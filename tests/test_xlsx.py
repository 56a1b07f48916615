"""The supervisor's workbook: Chinese headers, one row per report and per finding, copy clusters,
history, unreadable files; no cell is ever a formula; LibreOffice renders it."""
import shutil

import pytest

from checker.cli import main

from conftest import ROOT, libreoffice_convert

openpyxl = pytest.importorskip("openpyxl")


@pytest.fixture
def workbook(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("county_compliant.txt", "city_flawed.txt", "township_compliant.txt"):
        shutil.copy(ROOT / "tests" / "corpus" / name, folder / name)
    shutil.copy(ROOT / "tests" / "corpus" / "city_flawed.txt", folder / "=HYPERLINK(1,2).txt")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    out = tmp_path / "out"
    main(["check", str(folder), "--format", "json,xlsx", "--output-dir", str(out), "--no-config"])
    return out / "fzcheck.xlsx"


def test_sheets_headers_and_rows(workbook):
    book = openpyxl.load_workbook(workbook)
    assert book.sheetnames[:3] == ["汇总", "问题清单", "雷同"] and "无法读取" in book.sheetnames
    summary = book["汇总"]
    header = [c.value for c in summary[1]]
    assert header[:6] == ["文件", "报告主体", "层级", "年度", "日期", "结论"]
    assert "标题写明法治政府建设、年度和“报告”" in header and not any(h.startswith("report.") for h in header[10:])
    assert summary.max_row == 5 and summary.freeze_panes == "A2" and summary.auto_filter.ref
    assert summary.page_setup.orientation == "landscape"
    findings = book["问题清单"]
    assert [c.value for c in findings[1]][:3] == ["文件", "报告主体", "位置"] and findings.max_row > 10
    assert book["无法读取"].max_row == 2
    assert any("HYPERLINK" in (c.value or "") for c in book["雷同"]["B"])  # the copy is found


def test_no_cell_is_a_formula(workbook):
    book = openpyxl.load_workbook(workbook)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
    names = [c.value for c in book["汇总"]["A"]]
    assert any(str(v).endswith("=HYPERLINK(1,2).txt") for v in names)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_renders_the_workbook(workbook, tmp_path):
    libreoffice_convert(workbook, "pdf", tmp_path, keep_as="workbook.pdf")


def test_memo_figures_match_the_summary(tmp_path):
    import json

    import docx

    out = tmp_path / "out"
    main(["check", str(ROOT / "tests" / "corpus"), "--format", "json,memo", "--output-dir", str(out), "--no-config"])
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    text = "\n".join(p.text for p in docx.Document(out / "fzcheck-通报.docx").paragraphs)
    verdicts = [r["verdict"] for r in summary["reports"]]
    assert f"共审查法治政府建设年度报告{len(verdicts)}份" in text
    assert f"不合格{verdicts.count('fail')}份" in text and f"基本合格（有警告）{verdicts.count('warning')}份" in text
    assert "草稿" in text and "。。" not in text
    table = docx.Document(out / "fzcheck-通报.docx").tables[0]
    assert len(table.rows) == len(verdicts) + 1
