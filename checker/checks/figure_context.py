"""``figure_context``: figures in the scope that are not the report year's own results —
cumulative totals (累计, 2018年以来, 近五年, “十三五”期间), stocks (全县现有, 持证) or figures about another
year.

Parameters
  cumulative   patterns that, in the sentence before a figure, mark it as cumulative.
  stock        patterns that, in the clause before a figure (、 does not end a clause), mark it as a
               stock rather than the year's result (全县现有律师86名, 持证执法人员1200名); a sentence
               that says what is new (新增, 今年, 全年 …: ``new``) is the year's own.
  new          patterns of words that make a stock clause the year's own (default 新增 新建 新设 本年 今年 全年).
  max          how many such figures are tolerated (default 0).
  warn_share   when at least this share of the scope's figures (and ``warn_min`` of them) are not
               the year's own, the findings are warnings: the year's results are not visible at all
               (default 0.5).
  warn_min     default 5.

A figure whose own clause names the report year is the year's own (…累计清理62件，其中2020年清理
18件); years inside a cited title (《纲要（2021—2025年）》) are the title's.

One finding per sentence, naming how many of its figures are cumulative or of another year (rules
using this type are info: a figure may be right, but the year's own result should be visible).
Placeholders: {count} figures, {sentences}, {total} figures in the scope, {share} percent.
"""
from __future__ import annotations

from bisect import bisect_left
from itertools import takewhile

from ..patterns import rx
from .base import Context, Mark, Outcome, after_last, compile_patterns, not_applicable

TYPE = "figure_context"
# Its verdict rests on exact figures, which a text recognised from a scan may have misread.
READS_FIGURES = True
PARAMS = {"type": "object", "properties": {
    "cumulative": {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
    "stock": {"type": "array", "items": {"type": "string", "minLength": 1}},
    "new": {"type": "array", "items": {"type": "string", "minLength": 1}},
    "max": {"type": "integer", "minimum": 0},
    "warn_share": {"type": "number", "minimum": 0, "maximum": 1},
    "warn_min": {"type": "integer", "minimum": 1},
}, "required": ["cumulative"]}
DEFAULTS = {"max": 0, "warn_share": 0.5, "warn_min": 5, "stock": [], "new": ["新增", "新建", "新设", "本年", "今年", "全年"]}
PATTERN_KEYS = ("cumulative", "stock")
PLACEHOLDERS = ("count", "sentences", "total", "share")
_WINDOW = 400  # a sentence start is looked for this far back at most (a pasted table has none)
_MEASURED = ("count", "amount", "rate", "measure", "duration", "multiple")
_SENTENCE_START = "。；;!！?？\n"
_CLAUSE_START = _SENTENCE_START + ",，、"
# A year in a comparison (从2019年的53.94%上升到86.8%) is a baseline, not the figure's own year.
# A report year named as a point in time (截至2020年底, 到2020年末) dates a stock, not the year's result.
_POINT_IN_TIME = rx.compile(r"(?:截至|截止|到|至)\s*(?:19|20)\d{2}\s*年|(?:19|20)\d{2}\s*年\s*(?:底|末|以来)")
# The report year as the start of a 以来 (2023年以来, 2023年初以来 in a 2023 report): the year itself.
_OWN_YEAR_SINCE = rx.compile(r"(?<!\d)((?:19|20)\d{2})\s*年(?:度|初)?\s*以来$")
_COMPARISON = rx.compile(r"从|比|较|同比|环比|上升|下降|提高|增长|增加|减少|降低|到")


def prepare(params: dict) -> dict:
    stock = params.get("stock") or []
    return {**params, "_cumulative": compile_patterns(params["cumulative"]),
            "_stock": rx.compile("|".join(f"(?:{p})" for p in stock)) if stock else None,
            "_new": rx.compile("|".join(f"(?:{p})" for p in params["new"])) if params.get("new") else None}


def _since_own_year(text: str, marker, floor: int, year: int | None) -> bool:
    """Whether a 以来 marker starts at the report year itself (2023年以来 in a 2023 report)."""
    since = _OWN_YEAR_SINCE.search(text, max(floor, marker[0] - 8), marker[1]) if year and "以来" in marker[2] else None
    return bool(since) and int(since.group(1)) == year


def _sentence_start_at(text: str, position: int, floor: int, marks: str) -> int:
    return after_last(text, marks, max(floor, position - _WINDOW), position)


def _sentence_start(text: str, position: int, floor: int) -> int:
    return _sentence_start_at(text, position, floor, _SENTENCE_START)


def _in_title(text: str, figure, floor: int) -> bool:
    """Whether a figure stands inside 《》 (a title opened before it in the sentence and not closed)."""
    opened = text.rfind("《", floor, figure.start)
    return opened != -1 and text.rfind("》", floor, figure.start) < opened


def evaluate(ctx: Context) -> Outcome:
    if not ctx.scope.found:
        return not_applicable("scope")
    year = ctx.doc.meta.year
    flagged: dict[int, list[tuple]] = {}   # sentence start → (figure, reason)
    total = 0
    for span_start, span_end in ctx.scope.spans:
        # Each cumulative marker is found once; a figure looks up the ones in its own sentence.
        markers = sorted((m.start(), m.end(), m.group()) for p in ctx.params["_cumulative"]
                         for m in ctx.finditer(p, [(span_start, span_end)]))
        marker_starts = [m[0] for m in markers]
        stocks = ([m.start() for m in ctx.finditer(ctx.params["_stock"], [(span_start, span_end)])]
                  if ctx.params["_stock"] is not None else [])
        for figure in ctx.doc.figures_in(span_start, span_end):
            if figure.kind not in _MEASURED:
                continue
            total += 1
            start = _sentence_start(ctx.text, figure.start, span_start)
            clause = _sentence_start_at(ctx.text, figure.start, start, _CLAUSE_START)
            # A year inside a cited title (《纲要（2021—2025年）》) is the title's, not the figure's.
            years = [f for f in ctx.doc.figures_in(clause, figure.start)
                     if (f.kind == "year" or f.kind == "date" and f.value >= 19000000) and not _in_title(ctx.text, f, start)]
            own = [f for f in years if int(str(int(f.value))[:4]) == year and not _POINT_IN_TIME.search(
                ctx.text, max(clause, f.start - 3), min(f.end + 3, figure.start))]
            if own:
                continue  # …累计清理62件，其中2020年清理18件: the clause names the report year itself
            # A marker counts for the figures up to the next year the sentence names (自2020年10月以来…
            # 5起，2021年上半年…23起: the 23起 are dated by 2021年), and 2023年以来 in a 2023 report
            # is the year itself.
            dated = [f.start for f in ctx.doc.figures_in(start, figure.start)
                     if (f.kind == "year" or f.kind == "date" and f.value >= 19000000) and not _in_title(ctx.text, f, start)]
            hit = next((m for m in takewhile(lambda m: m[0] < figure.start, markers[bisect_left(marker_starts, start):])
                        if m[1] <= figure.start and not any(d >= m[1] for d in dated)
                        and not _since_own_year(ctx.text, m, start, year)), None)
            if hit:
                lead = rx.search(r"[^，,、：:；;。\s]{0,8}$", ctx.text[max(start, hit[0] - 8):hit[0]]).group()
                # 累计 says itself what the figure is; 2018年以来, 近五年 say over which period.
                said = "累计数" if "累计" in hit[2] else f"“{lead}{hit[2]}”的累计数"
                flagged.setdefault(start, []).append((figure, said))
                continue
            near = bisect_left(stocks, start)
            stock = _stock_marker(ctx, figure, start) if near < len(stocks) and stocks[near] < figure.start else None
            if stock:
                flagged.setdefault(start, []).append((figure, f"“{stock}”的存量或累计数"))
                continue
            other = [f for f in years if int(str(int(f.value))[:4]) != year]
            if year and other and len(other) == len(years) and not _COMPARISON.search(ctx.text, clause, figure.start):
                flagged.setdefault(start, []).append((figure, f"{other[-1].text[:5]}的数字"))
    count = sum(len(v) for v in flagged.values())
    share = round(100 * count / total) if total else 0
    dominant = count >= ctx.params["warn_min"] and total and count / total >= ctx.params["warn_share"]
    values = {"count": count, "sentences": len(flagged), "total": total, "share": share}
    if count <= ctx.params["max"]:
        return Outcome("pass", values)
    findings = []
    for figures in flagged.values():
        reasons = "、".join(dict.fromkeys(reason for _, reason in figures))
        first, last = figures[0][0], figures[-1][0]
        message = (f"这句中的 {len(figures)} 个数字（{'、'.join(f.text for f, _ in figures[:4])}{'等' if len(figures) > 4 else ''}）"
                   f"是{reasons}，不是{year or '报告'}年度本身的成果")
        findings.append(Mark(first.start, last.end, message, "warning" if dominant else None))
    return Outcome("fail", values, findings=findings)


_STOCK_CLAUSE_START = _SENTENCE_START + ",，:："
_SENTENCE_END = rx.compile(r"[。；;!！?？\n]")
_STOCK_LEAD = rx.compile(r"\s*(?:[一二三四五六七八九十\d]+是|其中)?\s*(?!.*[对为向给将把组织])\p{Han}{0,4}\s*")


def _stock_marker(ctx: Context, figure, sentence_start: int) -> str | None:
    """The stock word (现有, 持证 …) in the figure's clause before it, unless the clause says what is new."""
    stock, new = ctx.params["_stock"], ctx.params["_new"]
    if stock is None or figure.kind == "rate":
        return None  # a rate (持证率100%) is the state the year ends in, not a stock presented as a result
    clause = _sentence_start_at(ctx.text, figure.start, sentence_start, _STOCK_CLAUSE_START)
    hit = stock.search(ctx.text, clause, figure.start, timeout=ctx.timeout)
    if not hit:
        return None
    # The sentence gives the year's increase beside the stock (现有298名，今年新增12名): the year's own.
    end = _SENTENCE_END.search(ctx.text, figure.end, min(len(ctx.text), figure.end + _WINDOW))
    if new is not None and new.search(ctx.text, clause, end.start() if end else figure.end, timeout=ctx.timeout):
        return None
    # A stock is stated by the clause itself (全县现有…); 对现有6名执法人员开展培训 and 组织在岗教职工参加
    # count what was done to them this year.
    if not _STOCK_LEAD.fullmatch(ctx.text, clause, hit.start()):
        return None
    lead = rx.search(r"[^，,、：:；;。\s]{0,6}$", ctx.text[max(clause, hit.start() - 6):hit.start()]).group()
    return f"{lead}{hit.group()}"
