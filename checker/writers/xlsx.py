"""``--format xlsx``: the round's workbook for a supervisor (openpyxl).

Sheets: 汇总 (one row per report: issuer, level, year, file, verdict, counts, one column per rule
headed by its Chinese title), 问题清单 (one row per finding: report, part, rule, severity, message,
fix, line), 雷同 (copy clusters and pairs), 逐年对比 (from the results store, when it has history),
无法读取.  Every cell is text or a number, never a formula, whatever a file name or a report says;
headers are frozen, filtered and sized; each sheet prints on A4 landscape, fitted to the width.
"""
from __future__ import annotations

import io

from ..results import Report
from ..base.vocab import LEVEL_ZH, SEVERITY_ZH, STATUS_MARK, VERDICT_ZH

_WIDTHS = {"文件": 28, "报告主体": 22, "说明": 30, "位置": 30, "问题": 60, "修改建议": 50, "段落": 40}
# In the summary a rule's column shows a mark, so that forty rules fit across an A4 page.
_MARK = STATUS_MARK
_LEGEND = "√ 通过　× 不通过　— 不适用　! 出错"


def _put(sheet, row: int, column: int, value):
    """A cell that is a value, never a formula (openpyxl would read a leading = as one)."""
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def _sheet(book, title: str, header: list[str], rows: list[list], narrow_from: int | None = None):
    """A sheet with a bold, frozen, filtered header; columns from ``narrow_from`` on are narrow
    with their headings written vertically (one per rule)."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(title)
    for column, name in enumerate(header, start=1):
        cell = _put(sheet, 1, column, name)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE6F0")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        narrow = narrow_from is not None and column >= narrow_from
        if narrow:
            cell.alignment = Alignment(text_rotation=255, vertical="top", horizontal="center")
        sheet.column_dimensions[get_column_letter(column)].width = 4 if narrow else _WIDTHS.get(name, 12 if len(name) <= 6 else 16)
    if narrow_from is not None and len(header) >= narrow_from:
        sheet.row_dimensions[1].height = 16 * max(len(h) for h in header[narrow_from - 1:]) ** 0.8 + 20
    for index, values in enumerate(rows, start=2):
        for column, value in enumerate(values, start=1):
            _put(sheet, index, column, value).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    if rows:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"
    return sheet


def render(rows: list[dict], findings: list[dict], pairs: list[dict], clusters: list[dict],
           history: list[dict] | None = None, rule_titles: dict[str, str] | None = None,
           missing: list[dict] | None = None) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    rule_titles = rule_titles or {}
    rules = list(dict.fromkeys(rule_id for r in rows for rule_id in r["rules"]))
    readable = [r for r in rows if r["verdict"] != "unreadable"]
    _sheet(book, "汇总", ["文件", "报告主体", "层级", "年度", "日期", "结论", "得分", "错误", "警告", "提示", "雷同报告数"]
           + [rule_titles.get(rule_id, rule_id) for rule_id in rules],
           [[r["path"], r["issuer"] or "", LEVEL_ZH.get(r["issuer_level"], ""), r["year"] or "", r["date"] or "",
             VERDICT_ZH[r["verdict"]], "" if r.get("score") is None else r["score"], r["errors"], r["warnings"], r["infos"],
             r.get("copied", 0)]
            + [_MARK.get(r["rules"].get(rule_id, ""), "") for rule_id in rules] for r in readable], narrow_from=12)
    book["汇总"].oddHeader.left.text = _LEGEND
    _sheet(book, "问题清单", ["文件", "报告主体", "位置", "段落", "规则", "级别", "问题", "修改建议", "行"],
           [[f["path"], f["issuer"] or "", f["where"], f["excerpt"], f["title"], SEVERITY_ZH[f["severity"]], f["message"],
             f["hint"], f["line"]] for f in findings])
    copy_rows = [[f"第 {i} 组（{c['size']} 份）", "\n".join(c["members"]), c["passage"][:300]] for i, c in enumerate(clusters, 1)]
    copy_rows += [["报告对", f"{p['a']}\n{p['b']}", f"相同比例 {round(p['similarity'] * 100)}%；"
                   + (p["shared_passages"][0][:300] if p["shared_passages"] else "")] for p in pairs]
    _sheet(book, "雷同", ["组", "报告", "相同段落"], copy_rows)
    if history:
        _sheet(book, "逐年对比", ["报告主体", "层级", "年度", "结论", "错误", "警告", "未通过的规则"],
               [[h["issuer"] or h["issuer_key"] or "", LEVEL_ZH.get(h["level"], ""), h["year"] or "",
                 VERDICT_ZH.get(h["verdict"], h["verdict"]), h["errors"], h["warnings"],
                 "、".join(rule_titles.get(r, r) for r in h["failing"])] for h in history])
    _sheet(book, "无法读取", ["文件", "说明"], [[r["path"], r["reason"]] for r in rows if r["verdict"] == "unreadable"])
    if missing is not None:
        _sheet(book, "未报送", ["报告主体", "层级", "年度"],
               [[m["issuer"], LEVEL_ZH.get(m["level"], ""), m["year"] or ""] for m in missing])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


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
