"""``restates_source``: items that only restate a source document's own wording — plans that repeat the
纲要's task headings ("健全行政决策制度体系，不断提升行政决策公信力和执行力") instead of saying what this
body will do.

The source's words are the ``quote`` of each clause the rule cites in ``spec`` (the clause catalogue in
specs/ is the one place they are kept); a rule names only the clauses to compare with.  An item (一是…,
a sub-heading with its text, or a paragraph; see items.py) restates a clause when most of its character
pairs, once the label and ``filler`` words (持续, 进一步 …) are taken out, are pairs of that clause's
quote.  An item that goes on to name its own measures, figures or dates has pairs of its own and is not
a restatement, even when it opens with the 纲要's heading.

Parameters
  min_share  share of an item's character pairs found in one quote for a restatement (default 0.6)
  min_pairs  items with fewer pairs than this are not judged (default 5)
  filler     words taken out before comparing (plan verbs and adverbs that add nothing)

Placeholders: {count} items, {total} items, {labels} where they are.
"""
from __future__ import annotations

import regex

from ..patterns import rx
from .base import Context, Mark, Outcome, not_applicable
from .items import first_sentence, scope_items
from .problems import where

TYPE = "restates_source"
READS_CLAUSES = True
PARAMS = {"type": "object", "properties": {
    "min_share": {"type": "number", "exclusiveMinimum": 0, "maximum": 1},
    "min_pairs": {"type": "integer", "minimum": 1},
    "filler": {"type": "array", "items": {"type": "string", "minLength": 1}},
}}
DEFAULTS = {"min_share": 0.6, "min_pairs": 5, "filler": [], "clauses": {}}
PLACEHOLDERS = ("count", "total", "labels")
PATTERN_KEYS = ()
_NOT_HAN = rx.compile(r"[^\p{Han}]+")
_LABEL = rx.compile(r"^\s*(?:[（(]?[一二三四五六七八九十\d]+[)）、.．]|[一二三四五六七八九十]+是|第[一二三四五六七八九十]+)\s*")


def _pairs(text: str) -> set[str]:
    out = set()
    for run in _NOT_HAN.split(text):
        out.update(run[i:i + 2] for i in range(len(run) - 1))
    return out


def prepare(params: dict) -> dict:
    quotes = [(cid, clause["quote"], _pairs(clause["quote"])) for cid, clause in sorted(params.get("clauses", {}).items())
              if clause.get("quote")]
    filler = params.get("filler") or []
    return {**params, "_quotes": quotes,
            "_filler": rx.compile("|".join(regex.escape(w) for w in sorted(filler, key=len, reverse=True))) if filler else None}


def _restated(ctx: Context, text: str) -> tuple[str, float] | None:
    body = _LABEL.sub("", text)
    if ctx.params["_filler"] is not None:
        body = ctx.params["_filler"].sub(" ", body)  # a gap, so no pair is made across a removed word
    pairs = _pairs(body)
    if len(pairs) < ctx.params["min_pairs"]:
        return None
    best = max(((quote, len(pairs & quoted) / len(pairs)) for _, quote, quoted in ctx.params["_quotes"]),
               key=lambda pair: pair[1], default=None)
    return best if best and best[1] >= ctx.params["min_share"] else None


def evaluate(ctx: Context) -> Outcome:
    if not ctx.params["_quotes"]:
        return not_applicable("no_quotes")
    items = scope_items(ctx)
    if items is None:
        return not_applicable("scope")
    found = []
    for item in items:
        hit = _restated(ctx, ctx.text[item.start:item.end])
        if hit:
            found.append((item, hit[0]))
    labels = [where(ctx, item) for item, _ in found]
    values = {"count": len(found), "total": len(items), "labels": "；".join(labels)}
    if not found:
        return Outcome("pass", values)
    findings = [Mark(*first_sentence(ctx.text, item), f"{label}：照搬纲要的任务表述（“{quote}”），没有写本单位要做什么")
                for (item, quote), label in zip(found, labels)]
    return Outcome("fail", values, findings=findings)
