"""The items of a part: what an auditor counts as "one problem" or "one measure".

Inline 一是/二是 runs inside the scope come first; else the scope's sub-headings (with their text);
else its paragraphs.  An opening sentence of the form "虽然取得了……成效，但……差距" introduces the
items and is not one of them.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..patterns import rx
from .base import Context

_INTRO = rx.compile(r"(虽然|尽管|虽).{0,60}(但|仍).{0,40}(差距|不足|问题|短板)|(存在|还有|仍有).{0,10}(以下|如下|一些|几个)?(问题|不足)[:：。]?$")
_SENTENCE_END = rx.compile(r"[。；;!！?？]")


@dataclass
class ScopeItem:
    start: int
    end: int
    label: str   # 一是 / (一) / ¶1

    def text(self, full: str) -> str:
        return full[self.start:self.end]


def _inside(spans, start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def items_in_scope(ctx: Context) -> list[ScopeItem]:
    spans = ctx.scope.spans
    text = ctx.text
    runs = [[i for i in run.items if _inside(spans, i.start, i.start + 1)] for run in ctx.doc.item_runs]
    inline = [ScopeItem(i.start, i.end, f"{_han(i.number)}是") for run in runs for i in run]
    if inline:
        return inline
    children = [child for section in ctx.scope.sections for child in section.children]
    if children:
        return [ScopeItem(c.start, c.end, c.heading.marker) for c in children]
    heading_ends = {s.heading.end for s in ctx.scope.sections}
    paragraphs = [p for p in ctx.doc.paragraphs if _inside(spans, p.start, p.end)
                  and not any(s.heading.start == p.start for s in ctx.scope.sections)]
    items = []
    for number, para in enumerate(paragraphs, start=1):
        start = max([para.start] + [e for e in heading_ends if para.start <= e <= para.end])
        body = text[start:para.end].strip()
        if not body or (number == 1 and _INTRO.search(body) and len(paragraphs) > 1):
            continue
        items.append(ScopeItem(start, para.end, _opening_words(body)))
    return items


def _opening_words(body: str) -> str:
    """A paragraph item's label: its first words, as the author would search for them."""
    clause = rx.split(r"[，,。；;：:！!？?]", body, maxsplit=1)[0].strip()
    return f"“{clause[:14]}{'…' if len(clause) > 14 else ''}”"


MEASURED = ("count", "amount", "rate", "measure", "duration", "multiple")


def has_figure(ctx: Context, start: int, end: int, kinds: tuple[str, ...] = MEASURED) -> bool:
    """A quantity (not a year or heading number) between start and end."""
    return any(f.kind in kinds for f in ctx.doc.figures_in(start, end))


def scope_items(ctx: Context) -> list[ScopeItem] | None:
    """The scope's items, or None when the rule does not apply (no such part, or no items)."""
    if not ctx.scope.found:
        return None
    return items_in_scope(ctx) or None


def first_sentence(text: str, item: ScopeItem) -> tuple[int, int]:
    m = _SENTENCE_END.search(text, item.start, item.end)
    return item.start, (m.end() if m else item.end)


def _han(number: int) -> str:
    digits = "零一二三四五六七八九十"
    return digits[number] if number <= 10 else str(number)
