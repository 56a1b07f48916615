"""``--format memo``: a draft 通报 on the round, as a .docx in 公文 form (GB/T 9704 fonts and sizes:
title 方正小标宋简体 二号, headings 黑体 三号, body 仿宋_GB2312 三号, A4 with the standard margins).

It counts the reports by verdict and level, lists the most frequent problems with one short example
each, the reports that were late or undated and the copy clusters, and ends with a table per issuer.
Every figure comes from the same rows as summary.json.  It is a draft for the supervisor to edit,
not a verdict: the heading says so.
"""
from __future__ import annotations

import io
from collections import Counter

from ..base.vocab import LEVEL_ZH, LEVELS, VERDICT_ZH

TITLE_FONT, HEADING_FONT, BODY_FONT = "方正小标宋简体", "黑体", "仿宋_GB2312"
TITLE_SIZE, BODY_SIZE = 22, 16   # 二号, 三号 (points)
_TIMELINESS = ("timeliness.deadline", "timeliness.after_year_end", "report.signature")
_HAN = "一二三四五六七八九十"


def _font(run, name: str, size: int, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name, run.font.size, run.font.bold = name, Pt(size), bold
    run.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _paragraph(document, text: str, font: str = BODY_FONT, size: int = BODY_SIZE, bold: bool = False,
               center: bool = False, indent: bool = True):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = document.add_paragraph()
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif indent:
        paragraph.paragraph_format.first_line_indent = Pt(size * 2)
    paragraph.paragraph_format.line_spacing = Pt(28)
    _font(paragraph.add_run(text), font, size, bold)
    return paragraph


def _setup(document) -> None:
    from docx.shared import Mm

    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)


def _frequent(rows: list[dict], findings: list[dict], titles: dict[str, str], limit: int = 8) -> list[tuple]:
    failing = Counter(rule for r in rows if r["verdict"] != "unreadable" for rule, status in r["rules"].items()
                      if status in ("fail", "error"))
    examples: dict[str, dict] = {}
    for finding in findings:
        examples.setdefault(finding["title"], finding)
    out = []
    for rule, count in failing.most_common(limit):
        title = titles.get(rule, rule)
        out.append((title, count, examples.get(title)))
    return out


def render(rows: list[dict], findings: list[dict], clusters: list[dict], titles: dict[str, str], round_name: str = "",
           missing: list[dict] | None = None) -> bytes:
    import docx

    document = docx.Document()
    _setup(document)
    readable = [r for r in rows if r["verdict"] != "unreadable"]
    years = sorted({r["year"] for r in readable if r["year"]})
    year_text = f"{years[-1]}年度" if len(years) == 1 else (f"{years[0]}—{years[-1]}年度" if years else "")
    _paragraph(document, "（草稿，供审核修改）", indent=False)
    _paragraph(document, f"关于{round_name or year_text}法治政府建设年度报告审查情况的通报", TITLE_FONT, TITLE_SIZE,
               center=True)
    verdicts = Counter(r["verdict"] for r in readable)
    _paragraph(document, "一、基本情况", HEADING_FONT, indent=True)
    _paragraph(document, f"本次共审查法治政府建设年度报告{len(rows)}份，其中可以读取的{len(readable)}份："
               + "，".join(f"{VERDICT_ZH[v]}{verdicts.get(v, 0)}份" for v in ("pass", "warning", "fail"))
               + (f"；无法读取{len(rows) - len(readable)}份，需报送单位重新提供" if len(rows) > len(readable) else "") + "。")
    by_level = Counter(r["issuer_level"] for r in readable)
    levels = "，".join(f"{LEVEL_ZH[level]}{by_level[level]}份" for level in LEVELS if by_level.get(level))
    if levels:
        _paragraph(document, f"按报告主体层级分：{levels}" + (f"，层级未识别{by_level[None]}份" if by_level.get(None) else "") + "。")
    _paragraph(document, "二、存在的主要问题", HEADING_FONT, indent=True)
    for index, (title, count, example) in enumerate(_frequent(readable, findings, titles)):
        text = f"（{_HAN[index]}）{title}的要求未落实，涉及{count}份报告。"
        if example:
            text += f"如{example['issuer'] or example['path']}：{example['message'][:80].rstrip('。；;')}。"
        _paragraph(document, text)
    late = [r for r in readable if any(r["rules"].get(rule) == "fail" for rule in _TIMELINESS)]
    _paragraph(document, "三、报送时限和落款", HEADING_FONT, indent=True)
    if missing:
        _paragraph(document, f"按主体名录，{len(missing)}个单位未报送年度报告：" + "、".join(m["issuer"] for m in missing[:30])
                   + ("等" if len(missing) > 30 else "") + "。")
    _paragraph(document, f"{len(late)}份报告未按时公开或没有落款日期" + (
        "：" + "、".join(r["issuer"] or r["path"] for r in late[:20]) + ("等" if len(late) > 20 else "") if late else "") + "。")
    _paragraph(document, "四、雷同情况", HEADING_FONT, indent=True)
    if clusters:
        for index, cluster in enumerate(clusters):
            names = "、".join(cluster["members"])
            _paragraph(document, f"（{_HAN[index % 10]}）{names}等{cluster['size']}份报告有成段相同的文字，"
                       f"如“{cluster['passage'][:60].strip()}……”。")
    else:
        _paragraph(document, "未发现成段相同的文字。")
    _paragraph(document, "五、下一步要求", HEADING_FONT, indent=True)
    _paragraph(document, "请各单位对照本通报和逐份审查结果，逐项整改，整改情况于规定时间内报送。")
    _paragraph(document, "附表：各单位报告审查结果", HEADING_FONT, indent=False)
    table = document.add_table(rows=1, cols=6)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("报告主体", "层级", "年度", "结论", "错误", "警告")):
        _font(cell.paragraphs[0].add_run(text), HEADING_FONT, 12)
    for r in sorted(readable, key=lambda r: (r["issuer_level"] or "", r["issuer"] or "")):
        values = (r["issuer"] or r["path"], LEVEL_ZH.get(r["issuer_level"], ""), str(r["year"] or ""),
                  VERDICT_ZH[r["verdict"]], str(r["errors"]), str(r["warnings"]))
        for cell, text in zip(table.add_row().cells, values):
            _font(cell.paragraphs[0].add_run(text), BODY_FONT, 12)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
