"""``--format xlsx``: the round's workbook for a supervisor (openpyxl).

Sheets: 汇总 (one row per report: the unit, level, year, date, verdict, counts, file, then one
column per rule headed by its Chinese title), 问题清单 (one row per finding: report, part, rule,
severity, message, fix, line), 雷同 (copy clusters and pairs), 逐年对比 (this round's issuers in the
results store, when it has history: each issuer's years together under one name, ascending, with a
year's own spelling of the name where it differs), 上一年度报告 (which report each was compared
with, or why none), 名录 (the registry: each unit, submitted or not, matched how), 无法读取, 未报送.
Every cell is text or a number, never a formula, whatever a file name or a report says; headers are
frozen, filtered and sized.

Printing (A4 landscape, page numbers): a sheet is fitted to the page width only when that keeps its
type legible (``MIN_SCALE``); the 汇总, with a column per rule, is printed at full size instead, its
rule columns split over as many pages as they need (whole columns, a page break between groups),
with the unit column and the header row repeated on every page.
"""
from __future__ import annotations

import io

from ..base.clock import moment
from ..base.ooxml import settled
from ..results import Report
from .common import xml_text
from ..base.vocab import LEVEL_ZH, MATCHED_VIA_ZH, RULES_FAILED_ZH, SEVERITY_ZH, STATUS_MARK, VERDICT_ZH

# Column widths in Excel's units (one unit is about one Latin character; a Chinese character takes two).
_WIDTHS = {"报告主体": 18, "文件": 26, "说明": 40, "位置": 22, "段落": 30, "规则": 16, "级别": 6, "问题": 40,
           "修改建议": 34, "行": 5, "层级": 9, "年度": 6, "日期": 11, "结论": 9, "得分": 6, **{name: 6 for name in RULES_FAILED_ZH.values()}, "雷同报告数": 6, "未通过的规则": 60, "相同段落": 60, "报告": 40, "组": 14, "上一年度报告": 34,
           "上一年度": 8, "状态": 10, "对应方式": 9, "单位": 24,
           "报告中的写法": 24}
# The finding list's columns, narrow enough to print fitted to the width at about 75 %.
_FINDING_WIDTHS = {"报告主体": 14, "文件": 18, "位置": 16, "段落": 24, "规则": 14, "级别": 5, "问题": 32,
                   "修改建议": 24, "行": 4}
RULE_WIDTH = 9          # a rule's column: its title wrapped over a few lines, a mark in each cell
_MARK = STATUS_MARK
_LEGEND = "√ 通过　× 不通过　— 不适用　! 出错"

# A4 landscape: 297 mm less 2 × 10 mm margins, at 96 px per inch.  A unit is 7 px in Excel and
# nearer 9 px in LibreOffice (its stand-in for Calibri is wider); the wider is used, so that a page
# laid out here fits in both.
PAGE_WIDTH_PX = (297 - 20) / 25.4 * 96
UNIT_PX = 9
CJK_UNITS = 1.8          # the width of a Chinese character, in units
LINE_PT = 15             # one line of 11 pt type
MARGIN_INCH = 10 / 25.4
MIN_SCALE = 0.7         # below this, fitting a sheet to the page width makes its type too small to read


def column_px(width: float) -> int:
    return int(width * UNIT_PX + 5)


def _put(sheet, row: int, column: int, value):
    """A cell that is a value, never a formula (openpyxl would read a leading = as one)."""
    cell = sheet.cell(row=row, column=column, value=xml_text(value))
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def _width(name: str) -> float:
    return _WIDTHS.get(name, 12 if len(name) <= 6 else 16)


def _sheet(book, title: str, header: list[str], rows: list[list], rule_from: int | None = None,
           widths: dict[str, float] | None = None):
    """A sheet with a bold, frozen, filtered header, set up for printing.  Columns from
    ``rule_from`` on are rule columns (narrow, title wrapped), printed in page-wide groups;
    ``widths``: this sheet's own column widths by heading."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(title)
    own = widths or {}
    widths = [RULE_WIDTH if rule_from is not None and column >= rule_from else own.get(name, _width(name))
              for column, name in enumerate(header, start=1)]
    for column, name in enumerate(header, start=1):
        cell = _put(sheet, 1, column, name)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE6F0")
        centred = rule_from is not None and column >= rule_from
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center" if centred else None)
        sheet.column_dimensions[get_column_letter(column)].width = widths[column - 1]
    sheet.row_dimensions[1].height = LINE_PT * max(_lines(name, width) for name, width in zip(header, widths)) + 6
    mark_columns = range(rule_from, len(header) + 1) if rule_from is not None else range(0)
    for index, values in enumerate(rows, start=2):
        for column, value in enumerate(values, start=1):
            cell = _put(sheet, index, column, value)
            cell.alignment = Alignment(wrap_text=True, vertical="top",
                                       horizontal="center" if column in mark_columns else None)
        # Row heights are set here: LibreOffice does not grow a row to its wrapped text on opening.
        sheet.row_dimensions[index].height = LINE_PT * max(
            (_lines(str(value), width) for value, width in zip(values, widths) if value not in (None, "")), default=1) + 3
    sheet.freeze_panes = "B2" if rule_from is not None else "A2"
    if rows:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"
    _print_setup(sheet, widths, rule_from)
    return sheet


def _lines(text: str, width: float, limit: int = 12) -> int:
    """How many lines a text takes when wrapped in a column of ``width`` (at most ``limit``)."""
    room = max(1.0, width - 1.5)
    lines = 0
    for part in text.split("\n"):
        units = sum(CJK_UNITS if ord(ch) >= 0x2E80 else 1.0 for ch in part)
        lines += max(1, -int(-units // room))
    return min(lines, limit)


def _print_setup(sheet, widths: list[float], rule_from: int | None) -> None:
    from openpyxl.worksheet.pagebreak import Break

    setup = sheet.page_setup
    setup.orientation = "landscape"
    setup.paperSize = sheet.PAPERSIZE_A4
    margins = sheet.page_margins
    margins.left = margins.right = MARGIN_INCH
    margins.top = margins.bottom = 0.75
    margins.header = margins.footer = 0.3
    sheet.print_title_rows = "1:1"
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"
    sheet.print_options.gridLines = True
    if rule_from is None:
        if print_scale(widths) >= MIN_SCALE:  # fitting only shrinks: a narrow sheet stays at full size
            setup.fitToWidth, setup.fitToHeight = 1, 0
            sheet.sheet_properties.pageSetUpPr.fitToPage = True
        return
    # The unit column on every page; the columns after it in pages of whole columns.
    sheet.print_title_cols = "A:A"
    for column in page_breaks(widths, (rule_from,)):
        sheet.col_breaks.append(Break(id=column))


def print_scale(widths: list[float]) -> float:
    """The scale at which a sheet's columns fit the page width (1: they fit at full size)."""
    return min(1.0, PAGE_WIDTH_PX / sum(column_px(w) for w in widths))


def page_breaks(widths: list[float], start_page_at: tuple[int, ...] = ()) -> list[int]:
    """The columns after which a page ends (1-based), so that every page — the repeated first
    column plus its own columns — fits the A4 landscape width at full size; a new page also starts
    at each column of ``start_page_at``."""
    room = PAGE_WIDTH_PX - column_px(widths[0])
    breaks, used = [], 0
    for column, width in enumerate(widths[1:], start=2):
        px = column_px(width)
        if used and (used + px > room or column in start_page_at):
            breaks.append(column - 1)
            used = 0
        used += px
    return breaks


def _unit(row: dict) -> str:
    """The unit a summary row is about: its issuer, else (never a blank) its file's name."""
    if row.get("issuer"):
        return row["issuer"]
    name = (row.get("path") or "").replace("\\", "/").rsplit("/", 1)[-1]
    return f"（主体未识别）{name}"


def render(rows: list[dict], findings: list[dict], pairs: list[dict], clusters: list[dict],
           history: list[dict] | None = None, rule_titles: dict[str, str] | None = None,
           missing: list[dict] | None = None, roster: dict | None = None, previous: dict | None = None) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    rule_titles = rule_titles or {}
    rules = list(dict.fromkeys(rule_id for r in rows for rule_id in r["rules"]))
    readable = [r for r in rows if r["verdict"] != "unreadable"]
    fixed = ["报告主体", "层级", "年度", "日期", "结论", "得分", *RULES_FAILED_ZH.values(), "雷同报告数", "文件"]
    _sheet(book, "汇总", fixed + [rule_titles.get(rule_id, rule_id) for rule_id in rules],
           [[_unit(r), LEVEL_ZH.get(r["issuer_level"], ""), r["year"] or "", r["date"] or "", VERDICT_ZH[r["verdict"]],
             "" if r.get("score") is None else r["score"], r["errors"], r["warnings"], r["infos"], r.get("copied", 0),
             r["path"]]
            + [_MARK.get(r["rules"].get(rule_id, ""), "") for rule_id in rules] for r in readable],
           rule_from=len(fixed) + 1)
    book["汇总"].oddHeader.left.text = _LEGEND
    _sheet(book, "问题清单", ["报告主体", "文件", "位置", "段落", "规则", "级别", "问题", "修改建议", "行"],
           [[f["issuer"] or "", f["path"], f["where"], f["excerpt"], f["title"], SEVERITY_ZH[f["severity"]], f["message"],
             f["hint"], f["line"]] for f in findings], widths=_FINDING_WIDTHS)
    copy_rows = [[f"第 {i} 组（{c['size']} 份）", "\n".join(c["members"]), c["passage"][:300]] for i, c in enumerate(clusters, 1)]
    copy_rows += [["报告对", f"{p['a']}\n{p['b']}", f"相同比例 {round(p['similarity'] * 100)}%；"
                   + (p["shared_passages"][0][:300] if p["shared_passages"] else "")] for p in pairs]
    _sheet(book, "雷同", ["组", "报告", "相同段落"], copy_rows)
    if history:
        _sheet(book, "逐年对比", ["报告主体", "层级", "年度", "结论", RULES_FAILED_ZH["error"], RULES_FAILED_ZH["warning"], "未通过的规则", "报告中的写法"],
               [[h.get("unit") or h["issuer"] or f"（主体未识别）{h['path'] or ''}", LEVEL_ZH.get(h["level"], ""),
                 h["year"] or "", VERDICT_ZH.get(h["verdict"], h["verdict"]), h["errors"], h["warnings"],
                 "、".join(rule_titles.get(r, r) for r in h["failing"]),
                 h["issuer"] if h.get("unit") and h["issuer"] != h["unit"] else ""] for h in history])
    if previous:
        _sheet(book, "上一年度报告", ["报告主体", "年度", "文件", "上一年度报告", "上一年度", "说明"],
               [[p["issuer"] or "", p["year"] or "", p["path"], p["previous_path"] or "", p["previous_year"] or "",
                 "；".join(([p["reason"]] if p.get("reason") else []) + p.get("warnings", []))]
                for p in _previous_rows(previous)])
    if roster is not None:
        _sheet(book, "名录", ["单位", "年度", "状态", "文件", "对应方式"], roster_rows(roster))
    _sheet(book, "无法读取", ["文件", "说明"], [[r["path"], r["reason"]] for r in rows if r["verdict"] == "unreadable"])
    if missing is not None:
        _sheet(book, "未报送", ["报告主体", "层级", "年度"],
               [[m["issuer"], LEVEL_ZH.get(m["level"], ""), m["year"] or ""] for m in missing])
    return _saved(book)


def _saved(book) -> bytes:
    """The workbook's bytes, its document properties (created, modified) and member times the
    run's moment (``checker.base.clock``): openpyxl's own ``save`` stamps them with the time of
    saving, whatever ``SOURCE_DATE_EPOCH`` says."""
    from zipfile import ZIP_DEFLATED, ZipFile

    from openpyxl.writer.excel import ExcelWriter

    when = moment().replace(tzinfo=None)   # openpyxl writes naive datetimes as UTC
    book.properties.created = book.properties.modified = when
    buffer = io.BytesIO()
    ExcelWriter(book, ZipFile(buffer, "w", ZIP_DEFLATED, allowZip64=True)).save()
    return settled(buffer.getvalue())


def _previous_rows(previous: dict) -> list[dict]:
    """Every report that looked for its previous one: those without one first, then the warned."""
    missing = previous["missing"]
    warned = [p for p in previous["warnings"] if p not in missing]
    return missing + warned


def roster_rows(roster: dict) -> list[list]:
    """The registry's units with their reports (matched how), those that sent none, and the reports
    that belong to no unit of it."""
    year = roster["year"] or ""
    out = [[m["unit"], m["year"] or "", "已报送", m["path"], MATCHED_VIA_ZH[m["via"]]] for m in roster["matches"]]
    out += [[m["issuer"], m["year"] or "", "未报送", "", ""] for m in roster["not_submitted"]]
    out += [[u["issuer"] or "（主体未识别）", u["year"] or year, "不在名录中", u["path"], ""] for u in roster["unlisted"]]
    return out


def finding_rows(report: Report) -> list[dict]:
    """The compact rows the 问题清单 sheet needs (kept per report during a batch): the findings that
    count, as in the text output and the exit code."""
    doc = report.document
    out = []
    for result in report.results:
        if not result.counts_against:
            continue
        common = {"path": doc.get("path"), "issuer": doc.get("issuer"), "rule_id": result.rule_id, "title": result.title,
                  "hint": result.hint}
        for finding in result.open_findings():
            out.append({**common, "where": finding.place.where or "", "excerpt": finding.excerpt,
                        "severity": finding.severity, "message": finding.message, "line": finding.place.line})
        if not result.open_findings():
            out.append({**common, "where": "", "excerpt": "", "severity": result.severity, "message": result.message,
                        "line": 1})
    return out
