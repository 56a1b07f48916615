"""``numbering``: heading numbers and 一是/二是 runs go 1, 2, 3 … without gaps or repeats.

Parameters
  headings  check heading numbers among siblings (default true).
  items     check inline 一是/二是 runs (default true).

Each gap or repeat is a finding at the marker that breaks the sequence.  Numbering that runs on across
parts (1. 2. under （一）, 3. 4. under （二）) is a style, not a gap; bare heading lines, and parts opened
without a number (checker/document/outline.py find_part_openings), carry no number.
Placeholders: {count} number of breaks.
"""
from __future__ import annotations

from ..base.cnnum import int_to_han
from .base import Context, Mark, Outcome

TYPE = "numbering"
PARAMS = {"type": "object", "properties": {"headings": {"type": "boolean"}, "items": {"type": "boolean"}}}
DEFAULTS = {"headings": True, "items": True}
PATTERN_KEYS = ()
PLACEHOLDERS = ("count",)


def prepare(params: dict) -> dict:
    return params


def _label(number: int) -> str:
    return int_to_han(number)


def _breaks(numbers: list[int], first: int = 1) -> list[tuple[int, str]]:
    """(index, description) of each element that does not follow its predecessor; ``first`` is the
    number the sequence may start at."""
    out = []
    for index, (before, number) in enumerate(zip(numbers, numbers[1:]), start=1):
        # After a repeat (三、三、) the number the repeated one should have had may follow (五、):
        # one slip, reported once at the repeat.
        after_repeat = index >= 2 and numbers[index - 2] == before and number == before + 2
        if number == before:
            out.append((index, "repeat"))
        elif number == 1:
            out.append((index, "restart"))
        elif number != before + 1 and not after_repeat:
            out.append((index, "gap"))
    if numbers and numbers[0] not in (1, first):
        out.insert(0, (0, "start"))
    return out


def _sibling_groups(sections):
    by_kind: dict[str, list] = {}
    for section in sections:
        # A bare line, or a part opened without its number (its marker is empty), carries no number:
        # the numbering the author wrote (二、 三、) is what is checked.
        if section.heading.kind != "bare" and section.heading.marker:
            by_kind.setdefault(section.heading.kind, []).append(section)
    for group in by_kind.values():
        yield group
    for section in sections:
        yield from _sibling_groups(section.children)


def _heading_findings(ctx: Context) -> list[Mark]:
    findings = []
    last_of: dict[tuple[str, int], int] = {}   # (kind, level) → last number of the previous group
    for group in _sibling_groups(ctx.doc.sections):
        numbers = [s.heading.number for s in group]
        key = (group[0].heading.kind, group[0].level)
        first = last_of.get(key, 0) + 1
        last_of[key] = numbers[-1]
        for index, kind in _breaks(numbers, first):
            heading = group[index].heading
            if kind == "repeat" and heading.text and heading.text == group[index - 1].heading.text:
                # The same heading line twice (a page or a paste doubled it): the numbering is right.
                shown = heading.text if len(heading.text) <= 16 else heading.text[:15] + "…"
                findings.append(Mark(heading.start, heading.end,
                                     f"标题“{heading.marker}{shown}”连续出现两次，应删去重复的一行"))
                continue
            findings.append(Mark(heading.start, heading.start + len(heading.marker),
                                    _describe(kind, numbers, index, heading.marker, first)))
    return findings


def _item_findings(ctx: Context) -> list[Mark]:
    findings = []
    for run in ctx.doc.item_runs:
        numbers = [item.number for item in run.items]
        for index, kind in _breaks(numbers):
            item = run.items[index]
            findings.append(Mark(item.start, item.marker_end,
                                    _describe(kind, numbers, index, f"{_label(item.number)}是")))
    return findings


def _describe(kind: str, numbers: list[int], index: int, marker: str, first: int = 1) -> str:
    if kind == "start" and first > 1:
        return f"编号从“{marker}”开始，前面缺少第一项（若接续上一部分编号，应为第{_label(first)}项）"
    if kind == "start":
        return f"编号从“{marker}”开始，前面缺少第一项"
    expected = numbers[index - 1] + 1
    if kind == "restart":
        return f"编号在“{marker}”处重新开始，前面可能漏写了上一级标题，或应接续为第{_label(expected)}项"
    if kind == "repeat":
        return f"编号“{marker}”重复"
    return f"编号跳号：上一项之后应为第{_label(expected)}项，此处为“{marker}”"


def evaluate(ctx: Context) -> Outcome:
    findings = []
    if ctx.params["headings"]:
        findings += _heading_findings(ctx)
    if ctx.params["items"]:
        findings += _item_findings(ctx)
    findings.sort(key=lambda f: f.start)
    return Outcome("fail" if findings else "pass", {"count": len(findings)}, findings=findings)
