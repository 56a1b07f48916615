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
    assert header[:6] == ["报告主体", "层级", "年度", "日期", "结论", "得分"] and "文件" in header
    assert "标题写明法治政府建设、年度和“报告”" in header and not any(h.startswith("report.") for h in header[10:])
    assert summary.max_row == 5 and summary.freeze_panes == "B2" and summary.auto_filter.ref
    assert summary.page_setup.orientation == "landscape"
    findings = book["问题清单"]
    assert [c.value for c in findings[1]][:3] == ["报告主体", "文件", "位置"] and findings.max_row > 10
    assert book["无法读取"].max_row == 2
    assert any("HYPERLINK" in (c.value or "") for c in book["雷同"]["B"])  # the copy is found


def test_no_cell_is_a_formula(workbook):
    book = openpyxl.load_workbook(workbook)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
    header = [c.value for c in book["汇总"][1]]
    names = [row[header.index("文件")].value for row in book["汇总"].iter_rows(min_row=2)]
    assert any(str(v).endswith("=HYPERLINK(1,2).txt") for v in names)


def test_the_summary_prints_legibly_on_a4_landscape(workbook):
    """The 汇总 at full size, its rule columns over several pages with the unit column repeated;
    the other sheets fitted to the width only where the type stays legible."""
    from openpyxl.utils import get_column_letter

    from checker.writers.xlsx import MIN_SCALE, PAGE_WIDTH_PX, column_px, print_scale

    book = openpyxl.load_workbook(workbook)
    summary = book["汇总"]
    assert summary.print_title_cols == "$A:$A" and summary.print_title_rows == "$1:$1"
    assert not summary.sheet_properties.pageSetUpPr.fitToPage
    header = [c.value for c in summary[1]]
    widths = [summary.column_dimensions[get_column_letter(i)].width for i in range(1, len(header) + 1)]
    breaks = sorted(b.id for b in summary.col_breaks.brk)
    assert breaks[0] == header.index("文件") + 1  # the report's data on its own page, the rules after it
    starts = [2] + [b + 1 for b in breaks]
    ends = breaks + [len(header)]
    for start, end in zip(starts, ends):  # every page: the unit column and its own columns, at full size
        assert column_px(widths[0]) + sum(column_px(w) for w in widths[start - 1:end]) <= PAGE_WIDTH_PX
    assert len(starts) >= 3
    for sheet in book.worksheets:
        if sheet.title != "汇总":
            sheet_widths = [sheet.column_dimensions[get_column_letter(i)].width for i in range(1, sheet.max_column + 1)]
            assert print_scale(sheet_widths) >= MIN_SCALE, sheet.title
            assert sheet.page_setup.orientation == "landscape" and sheet.oddFooter.center.text


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_renders_the_workbook(workbook, tmp_path):
    from pypdf import PdfReader

    pdf = PdfReader(libreoffice_convert(workbook, "pdf", tmp_path, keep_as="workbook.pdf"))
    book = openpyxl.load_workbook(workbook)
    summary_pages = 1 + len(book["汇总"].col_breaks.brk)
    texts = ["".join((page.extract_text() or "").split()) for page in pdf.pages[:summary_pages]]
    units = ["".join(str(row[0].value).split()) for row in book["汇总"].iter_rows(min_row=2)]
    # Each page of the 汇总 repeats the unit column (heading and units) and has its page number.
    assert all("报告主体" in text and all(unit in text for unit in units) and f"共{len(pdf.pages)}页" in text
               for text in texts)


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


def _package_times_drift(monkeypatch, seconds: float) -> None:
    """Makes the clock zip member times are read from run ``seconds`` ahead (as a later run's would)."""
    import time
    import types
    import zipfile

    monkeypatch.setattr(zipfile, "time", types.SimpleNamespace(
        time=lambda: time.time() + seconds, localtime=time.localtime))


def test_source_date_epoch_makes_the_workbook_memo_and_docx_byte_identical(tmp_path, monkeypatch):
    """Two runs at different times with SOURCE_DATE_EPOCH set give the same bytes: the workbook's
    document properties and every package's member times are that moment, not the time of saving."""
    import zipfile

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    runs = []
    for run, drift in (("a", 0), ("b", 7200)):
        _package_times_drift(monkeypatch, drift)
        out = tmp_path / run
        main(["check", str(ROOT / "tests" / "corpus" / "city_flawed.txt"), str(ROOT / "tests" / "corpus" / "county_compliant.txt"),
              "--format", "xlsx,memo,docx", "--output-dir", str(out), "--no-config", "--no-store", "--no-server"])
        runs.append({p.name: p.read_bytes() for p in out.iterdir() if p.suffix in (".xlsx", ".docx")})
    assert runs[0] == runs[1] and "fzcheck.xlsx" in runs[0] and len(runs[0]) == 4
    book = zipfile.ZipFile(tmp_path / "a" / "fzcheck.xlsx")
    core = book.read("docProps/core.xml").decode()
    assert core.count("2023-11-14T22:13:20Z") == 2          # created and modified
    assert {info.date_time for info in book.infolist()} == {(2023, 11, 14, 22, 13, 20)}


def test_without_source_date_epoch_the_workbook_carries_the_time_of_the_run(tmp_path, monkeypatch):
    """The near miss: unset (or not a number of seconds), the moment is now, as before."""
    import datetime as dt
    import zipfile

    for value in (None, "soon"):
        if value is None:
            monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
        else:
            monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
        out = tmp_path / (value or "unset")
        main(["check", str(ROOT / "tests" / "corpus" / "county_compliant.txt"), "--format", "xlsx",
              "--output-dir", str(out), "--no-config", "--no-store", "--no-server"])
        core = zipfile.ZipFile(out / "fzcheck.xlsx").read("docProps/core.xml").decode()
        assert str(dt.datetime.now(dt.timezone.utc).year) in core and "2023-11-14" not in core


def test_source_date_epoch_is_read_in_one_place():
    """One helper (checker.base.clock) reads the variable; writers ask it, never the environment."""
    readers = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "checker").rglob("*.py")
                     if '"SOURCE_DATE_EPOCH"' in p.read_text("utf-8"))
    assert readers == ["checker/base/clock.py"]


def _county(name: str, year: int) -> str:
    """The compliant county report of the test corpus, for another county and year."""
    text = (ROOT / "tests" / "corpus" / "county_compliant.txt").read_text("utf-8")
    text = text.replace("2023", str(year + 1)).replace("2022", str(year))
    return text.replace("示例县人民政府", name).replace("示例县", name[-7:-4] if name.endswith("人民政府") else name)


def test_the_year_by_year_sheet_groups_an_issuer_spelt_two_ways_and_orders_its_years(tmp_path):
    """One county whose reports spell it three ways (and whose files sort against their years) is
    one issuer on the 逐年对比 sheet, under one name, years ascending, each year's own spelling beside
    it; another county (the near miss) stays apart."""
    earlier, later = tmp_path / "earlier", tmp_path / "later"
    earlier.mkdir()
    later.mkdir()
    (earlier / "z.txt").write_text(_county("中共桐庐县委　桐庐县人民政府", 2020), encoding="utf-8")
    (earlier / "a.txt").write_text(_county("桐庐县人民政府", 2022), encoding="utf-8")
    (earlier / "c.txt").write_text(_county("淳安县人民政府", 2022), encoding="utf-8")
    (later / "b.txt").write_text(_county("杭州市桐庐县人民政府", 2023), encoding="utf-8")
    (later / "d.txt").write_text(_county("淳安县人民政府", 2023), encoding="utf-8")
    store = tmp_path / "store.sqlite"
    common = ["--store", str(store), "--no-config", "--no-server", "--fail-on", "never"]
    main(["check", str(earlier), *common])
    main(["check", str(later), *common, "--format", "xlsx", "--output-dir", str(tmp_path / "out")])
    sheet = openpyxl.load_workbook(tmp_path / "out" / "fzcheck.xlsx")["逐年对比"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, values)) for values in sheet.iter_rows(min_row=2, values_only=True)]
    assert [(r["报告主体"], r["年度"]) for r in rows] == [
        ("杭州市桐庐县人民政府", 2020), ("杭州市桐庐县人民政府", 2022), ("杭州市桐庐县人民政府", 2023),
        ("淳安县人民政府", 2022), ("淳安县人民政府", 2023)]
    assert [r["报告中的写法"] for r in rows] == ["中共桐庐县委、桐庐县人民政府", "桐庐县人民政府", None, None, None]
