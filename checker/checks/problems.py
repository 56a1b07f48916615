"""One analysis of the problems part ("不足和原因"), shared by every rule that judges it.

The part is split into problems (一是… / （一）… / paragraphs, see items.py); for each problem the
cause is looked for in its own text (data/causes.yaml): an explicit cause (原因在于, 由于, 导致, 受…影响,
习惯于, 重…轻…), a stock phrase only (认识不足, 重视程度不够: "boilerplate"), or none.  The word 原因 in
the part's heading proves nothing.  The result is cached on the document, so two rules that read it
see the same problems and the same causes.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from ..patterns import rx
from ..base.yamlsafe import package_data
from .base import Context
from .items import ScopeItem, scope_items

EXPLICIT, BOILERPLATE, NONE = "explicit", "boilerplate", "none"


@dataclass
class Problem:
    item: ScopeItem
    cause: str                      # explicit | boilerplate | none
    cause_span: tuple[int, int] | None
    where: str                      # 二、存在的不足和原因 › 二是


@dataclass(frozen=True)
class _Vocabulary:
    introduces: regex.Pattern
    explicit: regex.Pattern
    boilerplate: regex.Pattern
    boilerplate_alone: regex.Pattern
    min_substance: int
    filler: regex.Pattern
    external: regex.Pattern
    own: regex.Pattern
    achievement: regex.Pattern
    deficit: regex.Pattern


@lru_cache(maxsize=1)
def _vocabulary() -> _Vocabulary:
    data = package_data("checks", "causes")

    def alternation(key):
        return rx.compile("|".join(f"(?:{p})" for p in data[key]))

    data["boilerplate"] = data["boilerplate_alone"] + data["boilerplate"]
    return _Vocabulary(alternation("introduces"), alternation("explicit"), alternation("boilerplate"),
                       alternation("boilerplate_alone"), int(data["min_substance"]), alternation("filler"), alternation("external"),
                       alternation("own"), alternation("achievement"), alternation("deficit"))


def vocabulary() -> _Vocabulary:
    return _vocabulary()


_SENTENCE_END = rx.compile(r"[。；;！!？?]")
_ITEM_WINDOW = 1200  # a problem states its cause near it; the last item of a run may reach the part's end


def _cause_in(ctx: Context, item: ScopeItem, vocabulary: _Vocabulary) -> tuple[str, tuple[int, int] | None]:
    """(kind, span) of the strongest cause the item states."""
    text, end = ctx.text, min(item.end, item.start + _ITEM_WINDOW)
    stock = None
    for hit in vocabulary.introduces.finditer(text, item.start, end, timeout=ctx.timeout):
        stop = _SENTENCE_END.search(text, hit.end(), end)
        clause = text[hit.end():stop.start() if stop else end]
        substance = vocabulary.filler.sub("", vocabulary.boilerplate.sub("", clause))
        if len(substance) >= vocabulary.min_substance:
            return EXPLICIT, (hit.start(), stop.start() if stop else end)
        stock = stock or (hit.start(), stop.start() if stop else end)
    hit = vocabulary.explicit.search(text, item.start, end, timeout=ctx.timeout)
    if hit:
        return EXPLICIT, hit.span()
    if stock:
        return BOILERPLATE, stock
    hit = vocabulary.boilerplate_alone.search(text, item.start, end, timeout=ctx.timeout)
    return (BOILERPLATE, hit.span()) if hit else (NONE, None)


def introduction(text: str, start: int, end: int) -> int | None:
    """Where the cause begins when a span opens with a word that introduces one (原因是, 由于 …)."""
    hit = _vocabulary().introduces.match(text, start, end)
    return hit.end() if hit else None


def cause_region(ctx: Context, problem: "Problem") -> tuple[int, int] | None:
    """Where a problem's cause is told, to the end of the problem: from the word that introduces it
    (原因是, 由于 …), else from the start of the sentence holding the word that states it (人员不足导致 …)."""
    if problem.cause_span is None:
        return None
    item, start = problem.item, problem.cause_span[0]
    end = min(item.end, item.start + _ITEM_WINDOW)
    if _vocabulary().introduces.match(ctx.text, start, end):
        return start, end
    sentence = _SENTENCE_START.search(ctx.text, item.start, start)
    return (sentence.end() if sentence else item.start), end


_SENTENCE_START = rx.compile(r"(?r)[。；;！!？?]")


def where(ctx: Context, item: ScopeItem) -> str:
    """The item's place in the document's own terms: 二、存在的不足和原因 › 二是."""
    path = ctx.doc.part_path(item.start)
    if path and path[-1].startswith(item.label):
        return " › ".join(path)
    return " › ".join([*path, item.label])


def analyse(ctx: Context) -> list[Problem] | None:
    """The problems of the scope with their causes, or None when the scope has no items."""
    key = ("problems", tuple(ctx.scope.spans))
    cache = ctx.doc.__dict__.setdefault("_analyses", {})
    if key not in cache:
        cache[key] = _analyse(ctx)
    return cache[key]


def _analyse(ctx: Context) -> list[Problem] | None:
    items = scope_items(ctx)
    if items is None:
        return None
    vocabulary = _vocabulary()
    return [Problem(item, *_cause_in(ctx, item, vocabulary), where(ctx, item)) for item in items]
