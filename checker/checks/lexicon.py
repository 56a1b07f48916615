"""``lexicon``: fixed political and legal expressions (规范表述), judged against the report's year.

Parameters
  entries   list of {form, correct, valid_from, valid_to, source, context, except, note, severity}:
            ``form`` is the expression looked for (regular expression); ``correct`` the right form
            for the message, and the replacement offered as a tracked change in Word unless
            ``revise: false`` (the right form is named, but it is not a drop-in replacement for
            every match: 国家宪法日（宪法宣传日） offers two names).  Without dates the form is always wrong (习近平法制思想).  With
            ``valid_to`` (YYYY or YYYY-MM) it was right until then: a report on a later year that
            uses it gets a finding (县法制办 after the 2018 reform, 七五普法 after 2020).  With
            ``valid_from`` it became right then: a report on an earlier year cannot use it (党的二十大
            in a report on 2021).  ``context``: a pattern that must stand just before the form in
            the same sentence (贯彻|落实 …: the form used as current); ``except``: a pattern just
            before it that exempts it (原、前身: history, not current usage).
            ``word_bounded``: a form with a repeated group (?P<dup>…) counts only where no
            dictionary word reaches across either end of the match, unless the group is a word
            itself (搭建搭建 is a doubled word; 构建共建共享 is three words, not a doubled 建共).
            A dated form is judged against the period its sentence speaks of: the report year,
            the next year inside the part that plans it, and the years the sentence names.
  titles    list of {title, source}: a title cited in 《》 is compared with one of these only when
            it is that title apart from punctuation, spacing, years and brackets (then another
            year or a missing 年 is a finding, punctuation an info finding), or one slip of the
            pen from it (one character wrong, a word of at most two characters dropped or added)
            that keeps its kind (纲要, 条例 …) and names no place or body of its own (《某市法治政府
            建设实施纲要》 is that city's document).  Titles are read as the page wrote them: a
            traditional page in simplified script, and on a page whose punctuation is all
            half-width, half-width brackets and hyphens are the page's own.

All forms of a rule are matched in one pass (one alternation).  Placeholders: {count} findings,
{found} the forms found.
"""
from __future__ import annotations

import difflib

import regex

from ..document import gazetteer
from ..patterns import rx, tokens
from .base import Context, Mark, Outcome, after_last
from .literals import may_repeat, present, repeat_scan, required_literals

TYPE = "lexicon"
_DATE = {"type": ["string", "integer"], "pattern": r"^(19|20)\d{2}(-(0[1-9]|1[0-2]))?$"}
PARAMS = {"type": "object", "properties": {
    "entries": {"type": "array", "items": {"type": "object", "additionalProperties": False,
                                           "required": ["form", "source"], "properties": {
        "form": {"type": "string", "minLength": 1},
        "correct": {"type": "string"},
        "revise": {"type": "boolean"},
        "valid_from": _DATE, "valid_to": _DATE,
        "source": {"type": "string", "minLength": 1},
        "context": {"type": "string", "minLength": 1},
        "except": {"type": "string", "minLength": 1},
        "note": {"type": "string"},
        "severity": {"enum": ["error", "warning", "info"]},
        "word_bounded": {"type": "boolean"},
    }}},
    "titles": {"type": "array", "items": {"type": "object", "additionalProperties": False,
                                          "required": ["title", "source"], "properties": {
        "title": {"type": "string", "minLength": 2}, "source": {"type": "string", "minLength": 1}}}},
}}
DEFAULTS = {"entries": [], "titles": []}
PLACEHOLDERS = ("count", "found")
_WINDOW = 24          # characters before a form in which ``context`` and ``except`` are looked for
_CITED = rx.compile(r"《([^《》\n]{2,80})》")
_HAN = rx.compile(r"\p{Han}")
_SENTENCE_END = "。；;!！?？\n"
_SENTENCE_END_RE = rx.compile(r"[。；;!！?？\n]")
_SENTENCE_WINDOW = 300
_NAMED_YEAR = rx.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
_YEARS_BACK, _YEARS_AHEAD = 10, 5   # a year named further off is not the period the sentence speaks of
_NOT_HAN = rx.compile(r"[^\p{Han}]+")
_YEAR = rx.compile(r"(?:19|20)\d{2}")
_YEAR_WITH_NIAN = rx.compile(r"(?:19|20)\d{2}\s*年")
# A year or a span of years in a title, with its brackets: 《纲要（2021—2025年）》, (20212025年), (2015-2020).
_YEARS_PART = rx.compile(r"[(（]?\s*(?:19|20)\d{2}\s*(?:年\s*)?(?:[-－–—―~～至]*\s*(?:19|20)\d{2}\s*年?)?\s*[)）]?")
_BETWEEN_YEARS = rx.compile(r"(?:19|20)\d{2}\s*年?(\s*[^\d\s]*\s*)(?:19|20)\d{2}")
# Words that make a title some place's or body's own document (全市, 我县, 市司法局, 县委 …).
_BODY = rx.compile(r"^(?:省|市|州|盟|县|区|旗|镇|乡|街道)|(?:全|我|本)(?:省|市|州|盟|县|区|旗|镇|乡)"
                   r"|人民政府|党委|党工委|[省市州县区旗]委|局|厅|办公室")


def patterns_of(params: dict) -> list[tuple[tuple, str]]:
    out = []
    for i, entry in enumerate(params.get("entries") or []):
        out.append((("check", "entries", i, "form"), entry["form"]))
        for key in ("context", "except"):
            if key in entry:
                out.append((("check", "entries", i, key), entry[key]))
    return out


PATTERN_KEYS = ()
# context and except qualify a form; rule tests need not reach them as branches of their own.
HELPER_PATTERN_KEYS = ("context", "except")


def _year(value) -> int:
    return int(str(value)[:4])


def _alternation(entries: list[dict], indices: tuple[int, ...]) -> regex.Pattern:
    return rx.compile("|".join(f"(?P<e{i}>{entries[i]['form']})" for i in indices))


def prepare(params: dict) -> dict:
    entries = params.get("entries") or []
    compiled = {"_all": _alternation(entries, tuple(range(len(entries)))) if entries else None,
                "_literals": [required_literals(entry["form"]) for entry in entries],
                "_repeats": [repeat_scan(entry["form"]) for entry in entries],
                "_subsets": {},
                "_context": {i: rx.compile(f"(?:{e['context']})[^。；;]{{0,{_WINDOW}}}$") for i, e in enumerate(entries)
                             if "context" in e},
                "_except": {i: rx.compile(f"(?:{e['except']})[^。；;]{{0,6}}$") for i, e in enumerate(entries)
                            if "except" in e},
                "_closest": {},
                "_titles": [(t, _skeleton(t["title"]), _matcher(_skeleton(t["title"]))) for t in params.get("titles") or []]}
    return {**params, **compiled}


def _matcher(wanted: str) -> difflib.SequenceMatcher:
    """A matcher with the known title analysed once (difflib caches its second sequence)."""
    matcher = difflib.SequenceMatcher(None, "", wanted, autojunk=False)
    return matcher


def _skeleton(title: str) -> str:
    """A title's words without its years, brackets, punctuation and spaces: two citations of one
    document have the same skeleton however they write its years and marks."""
    return _NOT_HAN.sub("", _YEARS_PART.sub("", title))


def _month(value) -> tuple[int, int]:
    """(year, month) of a YYYY or YYYY-MM value; a bare year is its first month."""
    text = str(value)
    return int(text[:4]), int(text[5:7]) if len(text) >= 7 else 1


def _judge(entry: dict, year: int | None, spoken: tuple[int, int] | None = None,
           written: tuple[int, int] | None = None) -> str | None:
    """Why this use of the form is wrong for a report on ``year``, or None when it is right.
    ``spoken``: the earliest and latest year the sentence speaks of (a plan for next year may name
    what begins next year; a sentence about an earlier year may name what ended since).
    ``written``: the month the report was written in; a sentence about a later year still cannot
    name what began after it (a valid_from given to the month: 十九届六中全会 2021-11 in the plans
    of a report written in March 2021)."""
    correct = f"应为“{entry['correct']}”" if entry.get("correct") else ""
    source = f"（{entry['source']}）"
    if "valid_to" not in entry and "valid_from" not in entry:
        return f"{correct or '表述有误'}{source}"
    if year is None:
        return None
    earliest, latest = spoken or (year, year)
    if "valid_to" in entry and earliest > _year(entry["valid_to"]):
        return f"{year}年度报告中已不宜这样表述，{correct or '应使用现行表述'}{source}"
    if "valid_from" in entry:
        began = _month(entry["valid_from"])
        reach = (latest, 12) if latest <= year else min((latest, 12), written or (year + 1, 3))
        if latest < began[0] or len(str(entry["valid_from"])) >= 7 and reach < began:
            return f"{entry['valid_from']}起才有此表述，不应出现在{year}年度的报告中{('，' + correct) if correct else ''}{source}"
    return None


_WORD_MAX = 4  # the longest dictionary word looked for across an end of a match


def _inside_words(text: str, match: regex.Match) -> bool:
    """Whether a match of a repeated group (?P<dup>…) is read differently by the words around it:
    a dictionary word reaches across its start or its end while the repeated group is no word
    itself (构建共建共享 holds 建共建共, but its words are 构建、共建、共享)."""
    unit = match.groupdict().get("dup")
    words = tokens.dictionary_words()
    if unit is None or unit in words:
        return False
    for edge in (match.start(), match.end()):
        for start in range(max(0, edge - _WORD_MAX + 1), edge):
            for end in range(edge + 1, min(len(text), start + _WORD_MAX) + 1):
                if text[start:end] in words:
                    return True
    return False


def _period_spoken(ctx: Context, position: int, year: int) -> tuple[int, int]:
    """The earliest and latest year the sentence holding ``position`` speaks of: the report year,
    the next year in the part that plans it, and the years the sentence names itself (outside
    cited titles, whose years are the titles' own)."""
    earliest = latest = year
    if any(section.role == "next_year" for section in ctx.doc.sections_at(position)):
        latest = year + 1
    start = after_last(ctx.text, _SENTENCE_END, max(0, position - _SENTENCE_WINDOW), position)
    end = _SENTENCE_END_RE.search(ctx.text, position, min(len(ctx.text), position + _SENTENCE_WINDOW))
    sentence = _CITED.sub("", ctx.text[start:end.start() if end else min(len(ctx.text), position + _SENTENCE_WINDOW)])
    for found in _NAMED_YEAR.finditer(sentence):
        named = int(found.group(1))
        if year - _YEARS_BACK <= named <= year + _YEARS_AHEAD:
            earliest, latest = min(earliest, named), max(latest, named)
    return earliest, latest


def evaluate(ctx: Context) -> Outcome:
    params, text, year = ctx.params, ctx.text, ctx.doc.meta.year
    written = _month(ctx.doc.meta.date) if ctx.doc.meta.date else None
    findings: list[Mark] = []
    pattern = _pattern_for(ctx)
    if pattern is not None:
        for match in ctx.finditer(pattern):
            index = int(match.lastgroup[1:])
            entry = params["entries"][index]
            before = text[max(0, match.start() - _WINDOW):match.start()]
            if index in params["_context"] and not params["_context"][index].search(before):
                continue
            if index in params["_except"] and params["_except"][index].search(before):
                continue
            if entry.get("word_bounded") and _inside_words(text, match):
                continue
            dated = year is not None and ("valid_to" in entry or "valid_from" in entry)
            why = _judge(entry, year, _period_spoken(ctx, match.start(), year) if dated else None, written)
            if why:
                note = f"。{entry['note']}" if entry.get("note") else ""
                fix = entry.get("correct") if entry.get("revise", True) else None
                findings.append(Mark(match.start(), match.end(), f"“{match.group()}”：{why}{note}", entry.get("severity"),
                                        fix=fix if fix != match.group() else None))
    findings += _title_findings(ctx)
    findings.sort(key=lambda f: f.start)
    values = {"count": len(findings), "found": "、".join(dict.fromkeys(text[f.start:f.end] for f in findings))}
    return Outcome("fail" if findings else "pass", values, findings=findings)


def _pattern_for(ctx: Context) -> regex.Pattern | None:
    """One alternation of the forms that can occur in the scope at all (most reports contain none
    of a typo list's literals): the same matches as all forms together, found in a fraction of the
    time.  Alternations are kept per subset of forms, so a batch compiles each once."""
    params = ctx.params
    indices = tuple(i for i, (literals, repeats) in enumerate(zip(params["_literals"], params["_repeats"]))
                    if present(ctx.text, literals, ctx.scope.spans) and may_repeat(ctx.text, repeats, ctx.scope.spans))
    if not indices:
        return None
    if len(indices) == len(params["_literals"]):
        return params["_all"]
    return _remembered(params["_subsets"], indices, lambda: _alternation(params["entries"], indices), 256)


def _remembered(memo: dict, key, compute, limit: int):
    """``memo[key]``, computed when missing; a memo that reaches ``limit`` entries starts afresh."""
    if key not in memo:
        if len(memo) >= limit:
            memo.clear()
        memo[key] = compute()
    return memo[key]


def _closest_title(params: dict, written: str) -> tuple[dict | None, bool]:
    """The known title a cited one stands for, remembered per rule (the same documents are cited
    in report after report), and whether it is the same title or a misspelling of it."""
    skeleton, years = _skeleton(written), tuple(int(y) for y in _YEAR.findall(written))
    return _remembered(params["_closest"], (skeleton, years),
                       lambda: _compare_titles(params["_titles"], skeleton, years), 4096)


def _nearest_edition(titles: list, years: tuple[int, ...]) -> dict:
    """Of the editions of one document (纲要 2015—2020 and 2021—2025), the one whose years a
    citation shares, else the one nearest to them."""
    def rank(entry):
        own = [int(y) for y in _YEAR.findall(entry["title"])]
        return (sum(1 for y in years if y not in own), abs((own or [0])[0] - (years or (0,))[0]))
    return min(titles, key=rank)


def _compare_titles(titles: list, skeleton: str, years: tuple[int, ...]) -> tuple[dict | None, bool]:
    """A cited title is compared with a known one only when it is that title apart from
    punctuation, spacing, years and brackets; or when it differs from it by one slip of the pen
    (one character written wrong, or a word of at most two characters dropped or added) that
    keeps the kind of document (纲要, 规划, 条例 …) and names no place or body of its own."""
    same = [title for title, wanted, _ in titles if skeleton == wanted]
    if same:
        return _nearest_edition(same, years), True
    for title, wanted, matcher in titles:
        if skeleton[-2:] != wanted[-2:] or abs(len(skeleton) - len(wanted)) > 2:
            continue
        matcher.set_seq1(skeleton)
        edits = [op for op in matcher.get_opcodes() if op[0] != "equal"]
        if len(edits) != 1:
            continue
        kind, i1, i2, j1, j2 = edits[0]
        slip = kind == "replace" and i2 - i1 == 1 and j2 - j1 == 1 or kind != "replace" and max(i2 - i1, j2 - j1) <= 2
        if slip and not _names_a_body(skeleton, wanted):
            return title, False
    return None, False


def _names_a_body(title: str, known: str) -> bool:
    """Whether a title's own words name a place or a body (某市的地名, 某县, 全市, 市司法局): it is then
    that body's document, not a misspelt central one."""
    if _BODY.search(title):
        return True
    own = {form for _, _, form in gazetteer.find_places(known)}
    return any(form not in own for _, _, form in gazetteer.find_places(title))


def _as_written(ctx: Context, start: int, end: int) -> str:
    """The text of a normalised span with its punctuation as the page wrote it: characters from
    the normalised text (simplified script, so a traditional page's title reads as the title),
    everything else (brackets, dashes) from the original."""
    origin, source, out, last = ctx.doc.norm.origin, ctx.doc.source.text, [], -1
    for i in range(start, end):
        where = origin[i]
        if where == last:
            continue
        last = where
        char = ctx.text[i]
        out.append(char if _HAN.match(char) else source[where])
    return "".join(out)


_HALF_WIDTH_MIN, _HALF_WIDTH_SHARE = 2, 0.05


def _half_width_page(doc) -> bool:
    """A page whose punctuation is all half-width (a site that folds full-width marks): half-width
    brackets and hyphens in a title are then how the page writes every such mark, not the
    author's slip."""
    text = doc.source.text
    full, half = text.count("，"), text.count(",")
    # Commas decide: the commonest mark, and a page header's one full-width colon does not.
    return half >= _HALF_WIDTH_MIN and full <= _HALF_WIDTH_SHARE * (full + half)


def _slips(written: str, known: str, half_width: bool) -> tuple[list[str], list[str]]:
    """What differs between a cited title and the known one it is (same skeleton): errors of the
    name (years, a missing 年) and of punctuation (brackets, the dash between years)."""
    name, marks = [], []
    if not _YEAR.search(written):
        return name, marks  # the short form without years (《法治政府建设实施纲要》) is a right citation
    if _YEAR.findall(written) != _YEAR.findall(known):
        name.append(f"年份应为“{'—'.join(_YEAR.findall(known))}”")
    elif _YEAR_WITH_NIAN.search(known) and not _YEAR_WITH_NIAN.search(written):
        name.append("年份后缺少“年”字")
    between = _BETWEEN_YEARS.search(written)
    # A half-width page folds a full-width hyphen (－) as it folds brackets: the page cannot tell it.
    folded = half_width and between and between.group(1).strip() == "-"
    if between and between.group(1).strip() != "—" and not folded and _BETWEEN_YEARS.search(known):
        marks.append("年份之间应用“—”")
    wanted_open, wanted_close = known.count("（"), known.count("）")
    if written.count("（") + written.count("(") < wanted_open or written.count("）") + written.count(")") < wanted_close:
        marks.append("括号不完整")
    elif not half_width and ("(" in written or ")" in written) and wanted_open:
        marks.append("括号应为全角“（）”")
    return name, marks


def _title_findings(ctx: Context) -> list[Mark]:
    """Cited titles that are a known title written with another year, without 年, with other
    punctuation, or with a slip of the pen, as the page wrote them."""
    titles = ctx.params["_titles"]
    if not titles:
        return []
    out, half_width = [], None
    for span_start, span_end in ctx.scope.spans:
        for match in _CITED.finditer(ctx.text, span_start, span_end):
            written = _as_written(ctx, match.start(1), match.end(1))
            best, same = _closest_title(ctx.params, written)
            if best is None or written == best["title"]:
                continue
            right = f"应为《{best['title']}》（{best['source']}）"
            if not same:
                out.append(Mark(match.start(), match.end(), f"《{written}》名称有误，{right}", fix=f"《{best['title']}》"))
                continue
            if half_width is None:
                half_width = _half_width_page(ctx.doc)
            name, marks = _slips(written, best["title"], half_width)
            if name:
                out.append(Mark(match.start(), match.end(), f"《{written}》名称有误（{'，'.join(name + marks)}），{right}",
                                   fix=f"《{best['title']}》"))
            elif marks:
                out.append(Mark(match.start(), match.end(), f"《{written}》标点不规范（{'，'.join(marks)}），{right}", "info",
                                   fix=f"《{best['title']}》"))
    return out
