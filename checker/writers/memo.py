"""``--format memo``: a draft 通报 on the round, as a .docx in 公文 form.

Two steps that never mix.  :func:`facts` computes every number and every list once, from the
round's summary rows (the same rows as summary.json: verdicts, the results that count against each
report with their severities, dates) and its finding rows (for the quoted examples); which rules
form a section comes from the rules' ``tags:`` (``deadline``, ``signature``, ``copying``), never
from ids here.  The wording lives in ``templates/memo.txt.j2`` (Jinja2, as the HTML pages), so an
office can adapt it without touching code: each line of the rendered template is a paragraph, a
line may start with a style mark (``@title``, ``@h1``, ``@h2``, ``@plain``, ``@caption``, ``@blank``,
``@page``, ``@table``).
:func:`render` lays the lines out by GB/T 9704-2012: A4, 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm,
22 lines of 28 characters; title 方正小标宋简体 二号, first-level headings 黑体 三号, second-level
楷体_GB2312 三号, body 仿宋_GB2312 三号; page numbers "— 1 —" in 宋体 四号, odd pages to the right
and even pages to the left, one character in from the edge.

It is a draft for the supervisor to edit, not a verdict: its first line says so.
"""
from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..base.errors import FzError
from ..base.ooxml import settled
from ..base.vocab import LEVEL_ZH, LEVELS, RULES_FAILED_ZH, TAG_COPYING, TAG_DEADLINE, TAG_SIGNATURE, VERDICTS, VERDICT_ZH
from .common import rule_groups, xml_text

TITLE_FONT, H1_FONT, H2_FONT, BODY_FONT, PAGE_FONT = "方正小标宋简体", "黑体", "楷体_GB2312", "仿宋_GB2312", "宋体"
TITLE_SIZE, BODY_SIZE, PAGE_SIZE, TABLE_SIZE = 22, 16, 14, 12   # 二号, 三号, 四号, 小四 (points)
LINE_PITCH = 28.9   # points: 22 lines in the 225 mm 版心
TEMPLATE = "memo.txt.j2"

MAX_PROBLEMS = 8          # the most frequent problems named in the 通报
MAX_LISTED = 20           # units named in one list before "等"
QUOTE_CHARS = 80          # a quoted finding is cut at a clause boundary within this many characters
PASSAGE_CHARS = 60
CLAUSE_ENDS = "。；！？，、：）”"
# The section that names a tag's rules (their failures are counted there, not among the problems).
OWN_SECTION = (TAG_DEADLINE, TAG_SIGNATURE, TAG_COPYING)


@dataclass
class Unit:
    """A report as the 通报 names it: its issuer (never a file path), with the year when the round
    covers several years."""
    name: str
    level: str | None


@dataclass
class Problem:
    rule_id: str
    title: str
    count: int
    example: dict | None = None     # {unit, quote, excerpt}


@dataclass
class Facts:
    round_name: str
    total: int
    readable: int
    unreadable: int
    verdicts: list[tuple[str, int]]                 # (label, count) in verdict order
    levels: list[tuple[str, int]]                   # (label, count) of recognised levels
    unknown_level: int
    problems: list[Problem]
    late_published: list[Unit]                      # failing a deadline rule at error
    late_published_by_level: list[tuple[str, int]]
    late_submitted: list[Unit]                      # failing a deadline rule at warning (报送)
    late_submitted_by_level: list[tuple[str, int]]
    undated: list[Unit]                             # failing a signature rule with no 成文日期
    unsigned: list[Unit]                            # failing a signature rule with a 成文日期 (no 署名)
    unnamed: dict[str, int]                         # per list: reports whose issuer was not recognised
    missing: list[str]                              # not submitted (from the registry), with the year
    clusters: list[dict]                            # {units, size, passage}
    table: list[dict] = field(default_factory=list)


def unit_name(row: dict, several_years: bool) -> str | None:
    """The issuer as the 通报 names it, or None when it was not recognised (a file path is never a
    unit's name)."""
    if not row.get("issuer"):
        return None
    return f"{row['issuer']}（{row['year']}年度）" if several_years and row.get("year") else row["issuer"]


def clause(text: str, limit: int) -> str:
    """``text`` whole when it is short, else cut after the last clause end within ``limit`` (never in
    the middle of a word, never inside quotation marks or brackets); a message of several sentences is
    quoted by its first, which says what is wrong; a quote that had to be cut ends with ……."""
    text = " ".join(text.split()).strip()
    first = text.find("。")
    if 0 < first < len(text) - 1 and _depth(text[:first]) == 0:
        text = text[:first]   # the first sentence says what is wrong; the rest is detail
    if len(text) <= limit:
        return text.rstrip("。；;，,、：:")
    cuts = [i for i in range(min(limit, len(text))) if text[i] in CLAUSE_ENDS and _depth(text[:i + 1]) == 0]
    cut = cuts[-1] if cuts else -1
    if cut < limit // 3:
        return ""
    return text[:cut + (1 if text[cut] in "）”" else 0)].rstrip("。；;，,、：") + "……"


def _depth(text: str) -> int:
    """Quotation marks and brackets still open at the end of ``text``."""
    return sum(text.count(a) - text.count(b) for a, b in ("“”", "（）", "《》"))


_SPACED = re.compile(r"(?<=[^\x00-\x7f]) +(?=[0-9A-Za-z%])|(?<=[0-9A-Za-z%]) +(?=[^\x00-\x7f])")


def quote(text: str, limit: int) -> str:
    """A finding's words as the 通报 quotes them: cut at a clause boundary (:func:`clause`), quotation
    marks inside turned to single ones (the quote itself stands in “”), no spaces between Chinese
    and figures ("只有 46 字" → "只有46字")."""
    text = _SPACED.sub("", clause(text, limit))
    return text.replace("“", "‘").replace("”", "’")


def _whole_words(excerpt: str) -> str:
    """An excerpt of the text without the pieces of words at its ends: a window cut from a line
    ("…量不足，原因是……") starts after the first clause end and stops at the last one."""
    if excerpt.startswith("…"):
        cut = min((i for i in (excerpt.find(mark) for mark in "。；，：") if i >= 0), default=-1)
        if cut < 0 or cut > 20:
            return ""
        excerpt = excerpt[cut + 1:]
    if excerpt.endswith("…"):
        cut = max(excerpt.rfind(mark) for mark in "。；，：")
        if cut < len(excerpt) // 2:
            return ""
        excerpt = excerpt[:cut]
    return excerpt.strip()


def _by_level(units: list[Unit]) -> list[tuple[str, int]]:
    counts = Counter(u.level for u in units)
    return [(LEVEL_ZH[level], counts[level]) for level in LEVELS if counts.get(level)]


def facts(rows: list[dict], findings: list[dict], clusters: list[dict], rule_meta: dict, round_name: str = "",
          missing: list[dict] | None = None) -> Facts:
    """Every number and list of the 通报, computed once from the round's rows (summary.json's
    ``reports``), finding rows, copy clusters and not-submitted units."""
    groups = rule_groups(rule_meta)
    readable = [r for r in rows if r["verdict"] != "unreadable"]
    years = sorted({r["year"] for r in readable if r.get("year")})
    several_years = len(years) > 1
    if not round_name:
        round_name = f"{years[0]}年度" if len(years) == 1 else (f"{years[0]}—{years[-1]}年度" if years else "")
    verdicts = Counter(r["verdict"] for r in readable)
    by_level = Counter(r.get("issuer_level") for r in readable)
    unnamed = dict.fromkeys(("late_published", "late_submitted", "undated", "unsigned"), 0)

    def units(key: str, selected: list[dict]) -> list[Unit]:
        named = [Unit(unit_name(r, several_years), r.get("issuer_level")) for r in selected if r.get("issuer")]
        if len(named) < len(selected):
            unnamed[key] = len(selected) - len(named)
        return named

    def failing(row: dict, tag: str, severity: str | None = None) -> bool:
        return any(rule in groups.get(tag, ()) and (severity is None or level == severity)
                   for rule, level in row.get("failing", {}).items())

    late_published = units("late_published", [r for r in readable if failing(r, TAG_DEADLINE, "error")])
    late_submitted = units("late_submitted", [r for r in readable if failing(r, TAG_DEADLINE, "warning")])
    unsigned_rows = [r for r in readable if failing(r, TAG_SIGNATURE)]
    undated = units("undated", [r for r in unsigned_rows if r.get("date_source") != "signature"])
    unsigned = units("unsigned", [r for r in unsigned_rows if r.get("date_source") == "signature"])
    names = {r["path"]: unit_name(r, several_years) for r in readable}
    return Facts(
        round_name=round_name, total=len(rows), readable=len(readable), unreadable=len(rows) - len(readable),
        verdicts=[(VERDICT_ZH[v], verdicts.get(v, 0)) for v in VERDICTS],
        levels=[(LEVEL_ZH[level], by_level[level]) for level in LEVELS if by_level.get(level)],
        unknown_level=by_level.get(None, 0),
        problems=_problems(readable, findings, rule_meta, groups, several_years),
        late_published=late_published, late_published_by_level=_by_level(late_published),
        late_submitted=late_submitted, late_submitted_by_level=_by_level(late_submitted),
        undated=undated, unsigned=unsigned, unnamed=unnamed,
        missing=[f"{m['issuer']}（{m['year']}年度）" if m.get("year") else m["issuer"] for m in missing or []],
        clusters=[{"units": [names.get(p) or "一份主体未识别的报告" for p in c["members"]], "size": c["size"],
                   "passage": quote(c["passage"], PASSAGE_CHARS)} for c in clusters],
        table=[{"unit": r.get("issuer") or (f"《{r['title']}》" if r.get("title") else "主体未识别"),
                "level": LEVEL_ZH.get(r.get("issuer_level"), ""), "year": r.get("year") or "",
                "verdict": VERDICT_ZH[r["verdict"]], "errors": r["errors"], "warnings": r["warnings"]}
               for r in sorted(readable, key=lambda r: (LEVELS.index(r["issuer_level"]) if r.get("issuer_level") in LEVELS
                                                        else len(LEVELS), r.get("issuer") or "", r.get("year") or 0))])


def _problems(readable: list[dict], findings: list[dict], rule_meta: dict, groups: dict, several_years: bool) -> list[Problem]:
    """The most frequent failing rules outside the sections of their own, each with one example; the
    examples rotate over units (a unit already quoted is the last choice for the next problem)."""
    own = frozenset().union(*(groups.get(tag, frozenset()) for tag in OWN_SECTION))
    order = {rule_id: index for index, rule_id in enumerate(rule_meta)}
    counts = Counter(rule for r in readable for rule in r.get("failing", {}) if rule not in own)
    top = sorted(counts.items(), key=lambda item: (-item[1], order.get(item[0], len(order)), item[0]))[:MAX_PROBLEMS]
    rows_by_path = {r["path"]: r for r in readable}
    candidates: dict[str, list[dict]] = {}
    for finding in findings:
        row = rows_by_path.get(finding.get("path"))
        if row is not None and row.get("issuer") and finding.get("rule_id") in counts:
            candidates.setdefault(finding["rule_id"], []).append(finding)
    quoted: Counter = Counter()
    problems = []
    for rule_id, count in top:
        problem = Problem(rule_id, rule_meta.get(rule_id, {}).get("title", rule_id), count)
        usable = [f for f in candidates.get(rule_id, []) if quote(f["message"], QUOTE_CHARS)]
        if usable:
            best = min(usable, key=lambda f: (quoted[f["path"]], len(f["message"]) > QUOTE_CHARS))
            quoted[best["path"]] += 1
            excerpt = _whole_words(best.get("excerpt", ""))
            if excerpt and (excerpt in best.get("where", "") or excerpt == rows_by_path[best["path"]].get("title")):
                excerpt = ""   # the finding points at a part's heading: the heading is not a quote of the problem
            problem.example = {"unit": unit_name(rows_by_path[best["path"]], several_years),
                               "quote": quote(best["message"], QUOTE_CHARS), "excerpt": quote(excerpt, PASSAGE_CHARS)}
        problems.append(problem)
    return problems


def han(number: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (the numbers of 公文 headings, up to 99)."""
    digits = "〇一二三四五六七八九"
    tens, ones = divmod(number, 10)
    return (("" if tens == 1 else digits[tens]) + "十" if tens else "") + (digits[ones] if ones else "")


def join(names: list[str], limit: int = MAX_LISTED) -> str:
    """甲、乙、丙 (and 等 after ``limit`` names)."""
    return "、".join(names[:limit]) + ("等" if len(names) > limit else "")


def levels_text(pairs: list[tuple[str, int]]) -> str:
    return "，".join(f"{label}{count}份" for label, count in pairs)


@lru_cache(maxsize=4)
def _environment(folder: str | None = None):
    """Plain text, not HTML: nothing is escaped, and a missing value is an error, never a blank.  An
    office's own template (``folder``: where it lies) runs sandboxed: it reads the facts it is given
    and nothing else of the program."""
    from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader, StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    loader = PackageLoader("checker", "templates")
    if folder is not None:
        loader = ChoiceLoader([FileSystemLoader(folder), loader])
    env = ImmutableSandboxedEnvironment(loader=loader, autoescape=False, undefined=StrictUndefined,
                                        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)
    env.filters.update(join_units=lambda units, limit=MAX_LISTED: join([u.name for u in units], limit),
                       join_names=join, by_levels=levels_text, han=han)
    return env


def template(path: str | None = None):
    """The 通报's template: the bundled one, or an office's own file (``--memo-template``), compiled;
    a file that cannot be read or compiled ends the run before any report is checked (exit 2)."""
    from jinja2 import TemplateError

    if path is None:
        return _environment().get_template(TEMPLATE)
    source = Path(path)
    try:
        return _environment(str(source.resolve().parent)).get_template(source.name)
    except TemplateError as exc:
        line = getattr(exc, "lineno", None)
        raise FzError(f"通报模板“{path}”{f'第 {line} 行' if line else ''}有误：{exc.message or exc}",
                      f"memo template '{path}'{f' line {line}' if line else ''}: {exc.message or exc}") from exc
    except OSError as exc:
        raise FzError(f"无法读取通报模板“{path}”：{exc.strerror or exc}",
                      f"cannot read the memo template '{path}': {exc.strerror or exc}") from exc


USER_TEMPLATE_SECONDS = 30.0


def text(f: Facts, path: str | None = None) -> list[str]:
    """The 通报's lines (paragraphs with their style marks), from the template."""
    from jinja2 import TemplateError

    from ..base.limits import TimeLimitExceeded, time_limit

    try:
        # An office's own template runs in Jinja2's sandbox and under a time limit (a loop in it
        # must not hold the round's files back for ever).
        with time_limit(USER_TEMPLATE_SECONDS if path else None):
            rendered = template(path).render(f=f)
    except TemplateError as exc:
        raise FzError(f"通报模板“{path or TEMPLATE}”无法生成通报：{exc.message or exc}",
                      f"memo template '{path or TEMPLATE}' failed: {exc.message or exc}") from exc
    except TimeLimitExceeded as exc:
        raise FzError(f"通报模板“{path}”超过 {USER_TEMPLATE_SECONDS:g} 秒仍未生成通报，已停止",
                      f"memo template '{path}' ran longer than {USER_TEMPLATE_SECONDS:g} s and was stopped") from exc
    except Exception as exc:  # noqa: BLE001 - an office's template failing at run time (1/0, a bad filter use)
        if path is None:
            raise
        raise FzError(f"通报模板“{path}”运行出错：{type(exc).__name__}: {exc}",
                      f"memo template '{path}' failed: {type(exc).__name__}: {exc}") from exc
    return [line.strip() for line in rendered.splitlines() if line.strip()]


def render(rows: list[dict], findings: list[dict], clusters: list[dict], rule_meta: dict, round_name: str = "",
           missing: list[dict] | None = None, template: str | None = None) -> bytes:
    """``template``: an office's own wording (a Jinja2 file like templates/memo.txt.j2), else the bundled one."""
    import docx

    found = facts(rows, findings, clusters, rule_meta, round_name, missing)
    document = docx.Document()
    _page_setup(document)
    for line in text(found, template):
        mark, _, body = line.partition(" ") if line.startswith("@") else ("", "", line)
        if mark == "@table":
            _table(document, found.table)
        elif mark == "@page":
            from docx.enum.text import WD_BREAK
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif mark == "@caption":
            _paragraph(document, body, H1_FONT, center=True)
        elif mark == "@blank":
            _paragraph(document, "")
        elif mark == "@title":
            _paragraph(document, body, TITLE_FONT, TITLE_SIZE, center=True)
        elif mark == "@h1":
            _paragraph(document, body, H1_FONT)
        elif mark == "@h2":
            _paragraph(document, body, H2_FONT)
        elif mark == "@plain":
            _paragraph(document, body, indent=False)
        else:
            _paragraph(document, body if not mark else line)
    buffer = io.BytesIO()
    document.save(buffer)
    return settled(buffer.getvalue())


def _font(run, name: str, size: float, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name, run.font.size, run.font.bold = name, Pt(size), bold
    fonts = run.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:eastAsia", "w:ascii", "w:hAnsi"):
        fonts.set(qn(attribute), name)


def _paragraph(document, content: str, font: str = BODY_FONT, size: float = BODY_SIZE, center: bool = False,
               indent: bool = True):
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt

    paragraph = document.add_paragraph()
    fmt = paragraph.paragraph_format
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    else:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if indent:
            fmt.first_line_indent = Pt(size * 2)
    fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(LINE_PITCH if size <= BODY_SIZE else 36)
    fmt.space_before = fmt.space_after = Pt(0)
    _font(paragraph.add_run(xml_text(content)), font, size)
    return paragraph


def _page_setup(document) -> None:
    from docx.shared import Mm

    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(28) - Mm(7)   # the page number 7 mm below the 版心
    document.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer, right=True)          # odd pages: right, one character in
    _page_number(section.even_page_footer, right=False)


def _page_number(footer, right: bool) -> None:
    """"— N —" with N a PAGE field, 宋体 四号, one character in from the edge."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    paragraph = footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if right else WD_ALIGN_PARAGRAPH.LEFT
    if right:
        paragraph.paragraph_format.right_indent = Pt(PAGE_SIZE)
    else:
        paragraph.paragraph_format.left_indent = Pt(PAGE_SIZE)
    _font(paragraph.add_run("— "), PAGE_FONT, PAGE_SIZE)
    for kind, content in (("begin", None), (None, " PAGE "), ("separate", None), ("text", "1"), ("end", None)):
        run = paragraph.add_run()
        _font(run, PAGE_FONT, PAGE_SIZE)
        if kind == "text":
            run.text = content
            continue
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = content
        run._r.append(element)
    _font(paragraph.add_run(" —"), PAGE_FONT, PAGE_SIZE)


TABLE_COLUMNS = (("报告主体", 40), ("层级", 22), ("年度", 16), ("结论", 26), (RULES_FAILED_ZH["error"], 26),
                 (RULES_FAILED_ZH["warning"], 26))  # mm: the 156 mm 版心


def _table(document, rows: list[dict]) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    table = document.add_table(rows=1, cols=len(TABLE_COLUMNS))
    table.style = "Table Grid"
    table.autofit = False
    for cell, (heading, _) in zip(table.rows[0].cells, TABLE_COLUMNS):
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(cell.paragraphs[0].add_run(heading), H1_FONT, TABLE_SIZE)
    for r in rows:
        values = (r["unit"], r["level"], str(r["year"]), r["verdict"], str(r["errors"]), str(r["warnings"]))
        for index, (cell, value) in enumerate(zip(table.add_row().cells, values)):
            if index:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            _font(cell.paragraphs[0].add_run(xml_text(value)), BODY_FONT, TABLE_SIZE)
    for column, (_, width) in zip(table.columns, TABLE_COLUMNS):
        column.width = Mm(width)    # the grid (LibreOffice reads this) and each cell (Word reads that)
        for cell in column.cells:
            cell.width = Mm(width)
