"""``lexicon``: fixed political and legal expressions (规范表述), judged against the report's year.

Parameters
  entries   list of {form, correct, valid_from, valid_to, source, context, except, note, severity}:
            ``form`` is the expression looked for (regular expression); ``correct`` the right form
            for the message.  Without dates the form is always wrong (习近平法制思想).  With
            ``valid_to`` (YYYY or YYYY-MM) it was right until then: a report on a later year that
            uses it gets a finding (县法制办 after the 2018 reform, 七五普法 after 2020).  With
            ``valid_from`` it became right then: a report on an earlier year cannot use it (党的二十大
            in a report on 2021).  ``context``: a pattern that must stand just before the form in
            the same sentence (贯彻|落实 …: the form used as current); ``except``: a pattern just
            before it that exempts it (原、前身: history, not current usage).
  titles    list of {title, source}: a title cited in 《》 that is close to one of these but not
            equal (a missing 年, other years, a hyphen for the dash, half-width brackets) is a
            finding with the exact title; a title that is not close to any is never flagged.

All forms of a rule are matched in one pass (one alternation).  Placeholders: {count} findings,
{found} the forms found.
"""
from __future__ import annotations

import difflib

import regex

from ..patterns import rx
from .base import Context, Finding, Outcome
from .literals import present, required_literals

TYPE = "lexicon"
_DATE = {"type": ["string", "integer"], "pattern": r"^(19|20)\d{2}(-(0[1-9]|1[0-2]))?$"}
PARAMS = {"type": "object", "properties": {
    "entries": {"type": "array", "items": {"type": "object", "additionalProperties": False,
                                           "required": ["form", "source"], "properties": {
        "form": {"type": "string", "minLength": 1},
        "correct": {"type": "string"},
        "valid_from": _DATE, "valid_to": _DATE,
        "source": {"type": "string", "minLength": 1},
        "context": {"type": "string", "minLength": 1},
        "except": {"type": "string", "minLength": 1},
        "note": {"type": "string"},
        "severity": {"enum": ["error", "warning", "info"]},
    }}},
    "titles": {"type": "array", "items": {"type": "object", "additionalProperties": False,
                                          "required": ["title", "source"], "properties": {
        "title": {"type": "string", "minLength": 2}, "source": {"type": "string", "minLength": 1}}}},
}}
DEFAULTS = {"entries": [], "titles": []}
PLACEHOLDERS = ("count", "found")
_WINDOW = 24          # characters before a form in which ``context`` and ``except`` are looked for
_CITED = rx.compile(r"《([^《》\n]{2,80})》")
_DASHES = rx.compile(r"\s*[-－–—―~～至]+\s*")
_CLOSE = 0.85


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
                "_subsets": {},
                "_context": {i: rx.compile(f"(?:{e['context']})[^。；;]{{0,{_WINDOW}}}$") for i, e in enumerate(entries)
                             if "context" in e},
                "_except": {i: rx.compile(f"(?:{e['except']})[^。；;]{{0,6}}$") for i, e in enumerate(entries)
                            if "except" in e},
                "_closest": {},
                "_titles": [(t, _canonical(t["title"]), _matcher(_canonical(t["title"]))) for t in params.get("titles") or []]}
    return {**params, **compiled}


def _matcher(wanted: str) -> difflib.SequenceMatcher:
    """A matcher with the known title analysed once (difflib caches its second sequence)."""
    matcher = difflib.SequenceMatcher(None, "", wanted, autojunk=False)
    return matcher


def _canonical(title: str) -> str:
    """A title with its dashes and brackets written one way and spaces removed, for comparison."""
    title = rx.sub(r"\s+", "", title)
    title = _DASHES.sub("—", title)
    return title.replace("(", "（").replace(")", "）")


def _judge(entry: dict, year: int | None) -> str | None:
    """Why this use of the form is wrong for a report on ``year``, or None when it is right."""
    correct = f"应为“{entry['correct']}”" if entry.get("correct") else ""
    source = f"（{entry['source']}）"
    if "valid_to" not in entry and "valid_from" not in entry:
        return f"{correct or '表述有误'}{source}"
    if year is None:
        return None
    if "valid_to" in entry and year > _year(entry["valid_to"]):
        return f"{year}年度报告中已不宜这样表述，{correct or '应使用现行表述'}{source}"
    if "valid_from" in entry and year < _year(entry["valid_from"]):
        return f"{entry['valid_from']}起才有此表述，不应出现在{year}年度的报告中{('，' + correct) if correct else ''}{source}"
    return None


def evaluate(ctx: Context) -> Outcome:
    params, text, year = ctx.params, ctx.text, ctx.doc.meta.year
    findings: list[Finding] = []
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
            why = _judge(entry, year)
            if why:
                note = f"。{entry['note']}" if entry.get("note") else ""
                findings.append(Finding(match.start(), match.end(), f"“{match.group()}”：{why}{note}", entry.get("severity")))
    findings += _title_findings(ctx)
    findings.sort(key=lambda f: f.start)
    values = {"count": len(findings), "found": "、".join(dict.fromkeys(text[f.start:f.end] for f in findings))}
    return Outcome("fail" if findings else "pass", values, findings=findings)


def _pattern_for(ctx: Context) -> regex.Pattern | None:
    """One alternation of the forms that can occur in the scope at all (most reports contain none
    of a typo list's literals): the same matches as all forms together, found in a fraction of the
    time.  Alternations are kept per subset of forms, so a batch compiles each once."""
    params = ctx.params
    indices = tuple(i for i, literals in enumerate(params["_literals"])
                    if present(ctx.text, literals, ctx.scope.spans))
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


def _closest_title(params: dict, canonical: str) -> tuple[dict | None, float]:
    """The known title closest to a cited one and how close, remembered per rule: the same
    documents are cited in report after report."""
    return _remembered(params["_closest"], canonical, lambda: _compare_titles(params["_titles"], canonical), 4096)


def _compare_titles(titles: list, canonical: str) -> tuple[dict | None, float]:
    best, ratio = None, 0.0
    for title, wanted, matcher in titles:
        if canonical == wanted:
            return title, 1.0
        if abs(len(canonical) - len(wanted)) > (1 - _CLOSE) * len(wanted) * 2:
            continue
        matcher.set_seq1(canonical)
        # The cheap upper bounds rule most titles out before the full comparison.
        if matcher.real_quick_ratio() < _CLOSE or matcher.quick_ratio() < _CLOSE:
            continue
        score = matcher.ratio()
        if score > ratio:
            best, ratio = title, score
    return best, ratio


def _title_findings(ctx: Context) -> list[Finding]:
    """Cited titles close to a known one but not equal to it, compared as the author wrote them
    (the original text keeps the full-width brackets and dashes that normalisation folds)."""
    titles = ctx.params["_titles"]
    if not titles:
        return []
    out = []
    for span_start, span_end in ctx.scope.spans:
        for match in _CITED.finditer(ctx.text, span_start, span_end):
            start, end = ctx.doc.norm.to_original(match.start(1), match.end(1))
            written = ctx.doc.source.text[start:end]
            canonical = _canonical(written)
            best, ratio = _closest_title(ctx.params, canonical)
            if best is None or written == best["title"] or ratio < _CLOSE:
                continue
            punctuation = canonical == _canonical(best["title"])
            out.append(Finding(match.start(), match.end(),
                               f"《{written}》{'标点不规范' if punctuation else '名称有误'}，应为《{best['title']}》（{best['source']}）",
                               "info" if punctuation else None))
    return out
