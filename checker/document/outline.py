"""Recovers the heading outline and the inline enumerations (一是 … 二是 …) of a report.

Levels follow the 公文 convention (GB/T 9704 7.3.3): 第一部分 → 一、 → (一) → 1. → (1); a level is
the rank of its marker kind among the kinds the report uses, so a report whose top headings are (一)
gets them at level 1.  A heading may run into its paragraph: "(一)依法全面履行政府职能。一是……" —
the heading is the first sentence.
"""
from __future__ import annotations

from bisect import bisect_right

from ..patterns import rx
from ..base.cnnum import han_to_int
from .model import Heading, Item, ItemRun, Paragraph, Section

KIND_ORDER = ("part", "cn", "paren_cn", "num", "paren_num")
_HAN_NUM = "[一二三四五六七八九十]{1,3}"
_MARKERS = [
    ("part", rx.compile(rf"^第(?P<n>{_HAN_NUM})部分\s*[、:：,，.．]?\s*")),
    ("cn", rx.compile(rf"^(?P<n>{_HAN_NUM})\s*[、.．,，]\s*")),
    ("paren_cn", rx.compile(rf"^[(（]\s*(?P<n>{_HAN_NUM})\s*[)）]\s*[、.,，]?\s*")),
    ("num", rx.compile(r"^(?P<n>\d{1,2})\s*(?:[.．、](?!\d)|,(?!\d))\s*")),
    ("paren_num", rx.compile(r"^[(（]\s*(?P<n>\d{1,2})\s*[)）]\s*[、.,，]?\s*")),
]
_SENTENCE_END = rx.compile(r"[。！？；;!?]")
_CLOSING = "。！？；;!?:：,，、 "
_TERMINAL = tuple("。！？；;!?:：”」』)）")
MAX_HEADING_CHARS = 90
_ITEM_RE = rx.compile(rf"(?:^|(?<=[。；;:：,，!！?？、\s]))(?P<n>{_HAN_NUM})是(?=\S)")


def split_paragraphs(text: str, skip: list[tuple[int, int]]) -> list[Paragraph]:
    """Non-empty lines outside the ``skip`` spans, trimmed of surrounding spaces."""
    paragraphs = []
    skipped = sorted(skip)
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if any(s <= start < e or s < end <= e for s, e in skipped):
            continue
        stripped = line.strip()
        if not stripped:
            continue
        # Leading "??" is what some sites make of indenting ideographic spaces.
        lead = len(line) - len(line.lstrip().lstrip("?？").lstrip()) if line.lstrip().startswith(("??", "？？")) \
            else len(line) - len(line.lstrip())
        stripped = line[lead:].rstrip()
        if not stripped:
            continue
        paragraphs.append(Paragraph(start + lead, start + lead + len(stripped)))
    return paragraphs


def _number(kind: str, raw: str) -> int | None:
    return int(raw) if kind in ("num", "paren_num") else han_to_int(raw)


def parse_heading(text: str, para: Paragraph) -> Heading | None:
    """The heading at the start of a paragraph, or None."""
    line = text[para.start:para.end]
    for kind, pattern in _MARKERS:
        m = pattern.match(line)
        if not m:
            continue
        number = _number(kind, m.group("n"))
        rest = line[m.end():]
        if number is None or not rest or not rx.match(r"[\p{Han}“\"《\d]", rest):
            return None
        if rest.startswith("是") and kind == "cn":
            return None
        end_match = _SENTENCE_END.search(rest)
        heading_len = end_match.end() if end_match else len(rest)
        words = rest[:heading_len].rstrip(_CLOSING)
        if not words or len(words) > MAX_HEADING_CHARS:
            return None
        return Heading(start=para.start, end=para.start + m.end() + heading_len, marker=m.group().strip(),
                       kind=kind, number=number, text=words,
                       run_in=bool(rest[heading_len:].strip()))
    return None


def _continues_previous(text: str, previous: Paragraph | None, previous_heading: bool) -> bool:
    """A line that starts with a marker right after an unfinished long line is a wrapped line."""
    if previous is None or previous_heading:
        return False
    prev = text[previous.start:previous.end]
    return len(prev) > 40 and not prev.endswith(_TERMINAL)


def find_headings(text: str, paragraphs: list[Paragraph]) -> list[Heading]:
    headings: list[Heading] = []
    last_number: dict[str, int] = {}
    previous, previous_heading = None, False
    for para in paragraphs:
        heading = parse_heading(text, para)
        if heading and _continues_previous(text, previous, previous_heading):
            heading = None
        if heading and not _plausible_number(heading, last_number):
            heading = None
        if heading:
            headings.append(heading)
            last_number[heading.kind] = heading.number
            # A new heading restarts the numbering of every deeper kind.
            for kind in KIND_ORDER[KIND_ORDER.index(heading.kind) + 1:]:
                last_number.pop(kind, None)
        previous, previous_heading = para, heading is not None
    return headings


def _plausible_number(heading: Heading, last_number: dict[str, int]) -> bool:
    """Numbers go up, with gaps of at most a few (gaps are reported, not hidden); 1 restarts; the
    first heading of a kind may start higher (an excerpt, or a report whose first parts are lost).
    A top-level number written twice (二、… 二、…, an editing slip) is still a heading when it
    stands on its own line: dropping it would lose a whole part; the numbering rule reports it."""
    last = last_number.get(heading.kind, 0)
    if heading.number == 1 or last == 0 and heading.number <= 10:
        return True
    if heading.number == last and heading.kind in ("part", "cn") and not heading.run_in:
        return True
    return last < heading.number <= last + 3


def build_tree(headings: list[Heading], text_end: int) -> list[Section]:
    kinds_used = [k for k in KIND_ORDER if any(h.kind == k for h in headings)]
    roots: list[Section] = []
    stack: list[Section] = []
    for heading in headings:
        level = kinds_used.index(heading.kind) + 1
        section = Section(heading=heading, level=level, start=heading.start, end=text_end)
        while stack and stack[-1].level >= level:
            stack.pop().end = heading.start
        (stack[-1].children if stack else roots).append(section)
        stack.append(section)
    return roots


def trim_ends(sections: list[Section], paragraphs: list[Paragraph], ends: list[int] | None = None) -> None:
    """Sections end where their last paragraph ends, not at the following blank lines or residue."""
    ends = ends if ends is not None else [p.end for p in paragraphs]  # sorted: paragraphs come in order
    for section in sections:
        last = bisect_right(ends, section.end) - 1
        if last >= 0 and ends[last] > section.start:
            section.end = ends[last]
        trim_ends(section.children, paragraphs, ends)


def find_item_runs(text: str, paragraphs: list[Paragraph], headings: list[Heading]) -> list[ItemRun]:
    """Runs of 一是/二是 items; a run ends at a heading or where numbering restarts at 一."""
    boundaries = sorted(h.start for h in headings)
    runs: list[ItemRun] = []
    current: list[Item] = []
    current_zone = None
    for para in paragraphs:
        segment = text[para.start:para.end]
        for m in _ITEM_RE.finditer(segment):
            number = han_to_int(m.group("n"))
            if number is None:
                continue
            start = para.start + m.start()
            zone = bisect_right(boundaries, start)
            if current and (zone != current_zone or number == 1):
                runs.append(ItemRun(current))
                current = []
            current_zone = zone
            current.append(Item(number=number, start=start, marker_end=para.start + m.end(), end=para.end))
    if current:
        runs.append(ItemRun(current))
    for run in runs:
        for item, following in zip(run.items, run.items[1:]):
            item.end = following.start
    return [run for run in runs if len(run.items) > 1 or run.items[0].number == 1]
