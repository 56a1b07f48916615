"""``vague_items``: items made only of stock phrases (有待进一步加强, 存在差距, 个别单位 …) that name
nothing specific: no figure, no document title, no named unit, field or law.

Parameters
  stock      stock-phrase patterns; an item with at least ``min_stock`` of them is a candidate.
  specific   patterns that make an item specific (a named unit, system, case or law); figures
             (counts, amounts, rates) and 《titles》 always do.
  fields     field names (复议, 执法, 普法 …): they make an item specific only in a clause that says
             more than stock wording — "执法规范化有待进一步提升" names a field and is still 套话.
  min_stock  default 1.
  max_vague  how many vague items are tolerated (default 0).

Placeholders: {count} vague items, {total} items, {labels}.
"""
from __future__ import annotations

from ..patterns import rx, tokens
from .base import Context, Mark, Outcome, compile_patterns, not_applicable
from .items import first_sentence, has_figure, scope_items
from .problems import where

TYPE = "vague_items"
PARAMS = {"type": "object", "properties": {
    "stock": {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
    "specific": {"type": "array", "items": {"type": "string", "minLength": 1}},
    "fields": {"type": "array", "items": {"type": "string", "minLength": 1}},
    "min_stock": {"type": "integer", "minimum": 1},
    "max_vague": {"type": "integer", "minimum": 0},
}, "required": ["stock"]}
DEFAULTS = {"specific": [], "fields": [], "min_stock": 1, "max_vague": 0}
PATTERN_KEYS = ("stock", "specific", "fields")
PLACEHOLDERS = ("count", "total", "labels")
_TITLE = rx.compile(r"《[^》]{2,60}》")
_CLAUSE = rx.compile(r"[^，,。；;：:！!？?]+")
_QUOTED = rx.compile(r"“[^”]{1,30}”")


def prepare(params: dict) -> dict:
    # One alternation per list for the clause-by-clause test (a report with thousands of items stays fast).
    either = {key: rx.compile("|".join(f"(?:{p})" for p in params[key])) if params[key] else None
              for key in ("stock", "fields")}
    return {**params, "_stock": compile_patterns(params["stock"]), "_specific": compile_patterns(params["specific"]),
            "_fields": compile_patterns(params["fields"]), "_stock_any": either["stock"], "_fields_any": either["fields"]}


def _body_start(ctx: Context, start: int) -> int:
    """Where an item's own words begin: after its sub-heading (（二）执法水平方面) when it has one,
    since a heading names a field and says nothing about it."""
    section = ctx.doc.innermost_section(start)
    return section.heading.end if section is not None and section.heading.start == start else start


_ITEM_WINDOW = 600  # an item is judged on its first sentences; the last item of a run may reach the part's end


def _is_specific(ctx: Context, start: int, end: int) -> bool:
    # A figure, a title or a named unit makes the item specific wherever it stands, its sub-heading
    # included: a problem written as one run-in sentence ((一)乡镇合法性审查覆盖率只有65%,有待…)
    # is all heading.  Only a field named in the heading says nothing about it.
    whole = (start, min(end, start + _ITEM_WINDOW))
    if has_figure(ctx, *whole) or _TITLE.search(ctx.text, *whole) \
            or any(ctx.search(p, [whole]) for p in ctx.params["_specific"]):
        return True
    start = _body_start(ctx, start)
    end = min(end, start + _ITEM_WINDOW)
    fields, stock = ctx.params["_fields_any"], ctx.params["_stock_any"]
    if fields is None:
        return False
    for clause in _CLAUSE.finditer(ctx.text, start, end):
        span = [clause.span()]
        if ctx.search(fields, span) and not (stock and ctx.search(stock, span)):
            return True
    return False


def evaluate(ctx: Context) -> Outcome:
    items = scope_items(ctx)
    if items is None:
        return not_applicable("scope")
    vague = []
    for item in items:
        window = [(item.start, min(item.end, item.start + _ITEM_WINDOW))]
        stock = sum(1 for p in ctx.params["_stock"] if ctx.search(p, window))
        if stock >= ctx.params["min_stock"] and not _is_specific(ctx, item.start, item.end):
            vague.append(item)
    places = {id(item): where(ctx, item) for item in vague}
    values = {"count": len(vague), "total": len(items), "labels": "；".join(places[id(i)] for i in vague)}
    if len(vague) <= ctx.params["max_vague"]:
        return Outcome("pass", values)
    findings = [Mark(*first_sentence(ctx.text, item), f"{places[id(item)]}：{_why(ctx, item)}") for item in vague]
    return Outcome("fail", values, findings=findings)


def _why(ctx: Context, item) -> str:
    """What a vague item lacks, in its own terms: the stock phrase it uses, and the field it does
    name (an item about 执法 that only says 有待进一步加强 names a field and nothing about it)."""
    window = [(item.start, min(item.end, item.start + _ITEM_WINDOW))]
    stock = ctx.search(ctx.params["_stock_any"], window) if ctx.params["_stock_any"] else None
    quoted = f"“{_clause_of(ctx.text, stock.start(), stock.end())}”" if stock else "“有待进一步加强”"
    fields = ctx.params["_fields_any"]
    named = list(dict.fromkeys(m.group() for m in ctx.finditer(fields, window)))[:3] if fields else []
    if named:
        return f"写到{'、'.join(named)}方面，但只有{quoted}这类套话，没有写出具体表现、范围或数据"
    return f"只有{quoted}这类套话，没有写出具体领域、表现、范围或数据"


_QUOTE_MAX = 20
_MARKER = rx.compile(r"^(?:[一二三四五六七八九十]+是|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、．])")


def _clause_of(text: str, start: int, end: int) -> str:
    """The clause holding a stock phrase, as the item words it (法治意识有待进一步提高), at most
    a few words either side of the phrase."""
    opened = rx.search(r"[^，,。；;：:！!？?\n]*$", text[max(0, start - _QUOTE_MAX):start]).group()
    closed = rx.match(r"[^，,。；;：:！!？?\n]*", text[end:end + _QUOTE_MAX]).group()
    opened = _MARKER.sub("", opened.lstrip())
    if len(opened) + (end - start) + len(closed) <= _QUOTE_MAX:
        quoted = (opened + text[start:end] + closed).strip()
    else:
        # Cut the lead at a word's start (…机构和人员配备…, not …构和人员配备…).
        cut = max(0, len(opened) - 6)
        words = tokens.dictionary_words()
        while 0 < cut < len(opened) and (opened[cut - 1:cut + 1] in words or opened[cut] in "和与及并、"):
            cut += 1
        quoted = f"{'…' if cut else ''}{opened[cut:]}{text[start:end]}{closed[:8]}{'…' if len(closed) > 8 else ''}"
    return quoted.replace("“", "‘").replace("”", "’")
