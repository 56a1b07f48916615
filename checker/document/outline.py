"""Recovers the heading outline and the inline enumerations (一是 … 二是 …) of a report.

Levels follow the 公文 convention (GB/T 9704 7.3.3): 第一部分 → 一、 → (一) → 1. → (1); a level is
the rank of its marker kind among the kinds the report uses, so a report whose top headings are (一)
gets them at level 1.  A heading may run into its paragraph: "(一)依法全面履行政府职能。一是……" —
the heading is the first sentence; when the author left out the 。 that ends it, a first sentence too
long to be a heading still opens a part where its number is the next one expected.  Reports whose
parts are bare lines with no number at all (2023年推进法治政府建设的主要举措和成效 / 突出制度引领
依法行政水平持续提升) get those lines as level-one headings of kind ``bare``
(:func:`find_bare_headings`).  A page that flattened the whole report into one line, paragraphs
separated by spaces, is split back at the spaces before its markers.
"""
from __future__ import annotations

from bisect import bisect_right
from collections import Counter

from ..patterns import rx
from ..base.cnnum import han_to_int, int_to_han
from .model import Heading, Item, ItemRun, Paragraph, Section
from .roles import role_of_heading, role_of_lead

KIND_ORDER = ("bare", "part", "cn", "paren_cn", "num", "paren_num")
_HAN_NUM = "[一二三四五六七八九十]{1,3}"
_MARKERS = [
    ("part", rx.compile(rf"^第(?P<n>{_HAN_NUM})部分\s*[、:：,，.．]?\s*")),
    ("cn", rx.compile(rf"^(?P<n>{_HAN_NUM})\s*[、.．,，]\s*")),
    ("paren_cn", rx.compile(rf"^[(（]\s*(?P<n>{_HAN_NUM})\s*[)）]\s*[、.,，]?\s*")),
    # 1.2023年… is the number 1 before a year (typed without a space), never a decimal.
    ("num", rx.compile(r"^(?P<n>\d{1,2})\s*(?:[.．、](?!\d)|[.．](?=\d{4}年)|,(?!\d))\s*")),
    ("paren_num", rx.compile(r"^[(（]\s*(?P<n>\d{1,2})\s*[)）]\s*[、.,，]?\s*")),
]
_SENTENCE_END = rx.compile(r"[。！？；;!?]")
_CLOSING = "。！？；;!?:：,，、 "
_TERMINAL = tuple("。！？；;!?:：”」』)）.")
# A lead sentence ends a line even without its colon: 现将有关情况报告如下 / 汇报如下 / 总结如下 /
# 现将2023年度法治政府建设情况报告.
_LEAD_IN = rx.compile(r"(?:如下|现将[^。！？!?]{0,60}(?:报告|汇报))$")
MAX_HEADING_CHARS = 90
# An inline item marker normally follows punctuation or a space; one written straight after the previous
# word (组织法治培训4次二是组织……) counts only where it continues a run (see find_item_runs).
_ITEM_RE = rx.compile(rf"(?:^|(?<=[。；;:：,，!！?？、\s]))(?P<n>{_HAN_NUM})是(?=\S)")
_UNMARKED_ITEM_RE = rx.compile(rf"(?<![一二三四五六七八九十])(?P<n>{_HAN_NUM})是(?=\S)")
# Words that end in 一 (统一是, 唯一是, 之一是 …): there 一是 is not a marker.
_WORD_BEFORE_ONE = frozenset("统唯之第同单专万划逐")
# A line this long with markers after inner spaces is a whole report flattened into one line.
_FLAT_LINE_CHARS = 200
_FLAT_BREAK = rx.compile(
    rf"(?<=\S)[ \u3000]+(?=第{_HAN_NUM}部分|{_HAN_NUM}\s*[、．]|[(（]\s*{_HAN_NUM}\s*[)）]|{_HAN_NUM}是)"
    rf"|(?<=[。！？；;!?])[ \u3000]+(?=\S)")
_FLAT_MARKER = rx.compile(rf"(?<=\S)[ \u3000]+(?:{_HAN_NUM}\s*、|[(（]\s*{_HAN_NUM}\s*[)）])")


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
        paragraphs.extend(_unflatten(stripped, start + lead))
    return paragraphs


def _unflatten(line: str, offset: int) -> list[Paragraph]:
    """A long line with two or more heading markers after inner spaces (… 取得积极成效。 一、主要措施和成效
    (一)持续深入学习… 一是…) is several paragraphs a page ran together: split it at the spaces before
    markers and after sentence ends.  Any other line is one paragraph."""
    if len(line) < _FLAT_LINE_CHARS or len(_FLAT_MARKER.findall(line)) < 2:
        return [Paragraph(offset, offset + len(line))]
    pieces, start = [], 0
    for m in _FLAT_BREAK.finditer(line):
        pieces.append(Paragraph(offset + start, offset + m.start()))
        start = m.end()
    pieces.append(Paragraph(offset + start, offset + len(line)))
    return [p for p in pieces if p.end > p.start]


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
        if not words:
            return None
        if len(words) > MAX_HEADING_CHARS:
            # The 。 after the heading is missing (（一）完善制度体系,推动依法行政落地见效街道党工委……): the
            # heading is at most its first clause; find_headings keeps it only where the number is due.
            clause = rx.match(r"[^,，、;；:：\s]{1,30}", rest)
            if clause is None:
                return None
            return Heading(start=para.start, end=para.start + m.end() + clause.end(), marker=m.group().strip(),
                           kind=kind, number=number, text=clause.group(), run_in=True, unended=True)
        return Heading(start=para.start, end=para.start + m.end() + heading_len, marker=m.group().strip(),
                       kind=kind, number=number, text=words,
                       run_in=bool(rest[heading_len:].strip()))
    return None


# A bare heading line: short, no sentence punctuation, not a date, page furniture or a 落款 line.
MAX_BARE_HEADING_CHARS = 40
MIN_BODY_CHARS = 10   # a body paragraph after a bare heading: a sentence at least this long
_BARE_SHAPE = rx.compile(r"^[\p{Han}“\"《\d][^。！？；;!?:：|【】\[\]]*[\p{Han}”\"》)）][:：]?$")
_BARE_NOT = rx.compile(r"\d{1,2}\s*[月日]\s*$|^\d{4}\s*年\s*\d{1,2}\s*月|^(此页无正文|附件)")
_SENTENCE_IN = rx.compile(r"[。！？；;!?]")


# A line that names a part may run longer: the full wording of the 第一责任人 part is 40 to 60
# characters (2023年党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况).
MAX_NAMED_BARE_CHARS = 80


def _bare_shape(line: str) -> bool:
    limit = MAX_BARE_HEADING_CHARS
    if MAX_BARE_HEADING_CHARS < len(line) <= MAX_NAMED_BARE_CHARS and role_of_heading(line.rstrip(":：")) is not None:
        limit = MAX_NAMED_BARE_CHARS
    return len(line) <= limit and len(rx.findall(r"\p{Han}", line)) >= 4 and \
        bool(_BARE_SHAPE.match(line)) and not _BARE_NOT.search(line) and not _ITEM_RE.match(line)


def _fixed_width(lines: list[str]) -> bool:
    """A text wrapped at a fixed width (copied from a PDF): most lines have the same length."""
    if len(lines) < 6:
        return False
    commonest = Counter(len(line) for line in lines).most_common(1)[0][1]
    return commonest * 5 >= len(lines) * 2


def find_bare_headings(text: str, paragraphs: list[Paragraph], headings: list[Heading], start: int,
                       end: int) -> list[Heading]:
    """Level-one headings written as bare lines, without 一、 or 第一部分, in the body [start, end).

    A candidate is a short line with no sentence punctuation that a body paragraph (or a numbered
    heading) follows.  One that names a part (主要举措和成效, 存在的问题) is a heading on its own; unnamed
    ones (突出制度引领 依法行政水平持续提升) only as a series of two or more, and only before the first
    named part other than the first-responsible one (after it they are that part's own sub-headings,
    left in its body).  A line whose numbered headings below name parts themselves is a subtitle over
    them, not a part; a line after an unfinished one is a wrapped line, and so is every line of a text
    wrapped at a fixed width.  Where the report numbers 一、 headings too, only named lines that each open
    their own 一、 numbering count, two or more of them."""
    numbered_top = [h for h in headings if h.kind in ("part", "cn") and start <= h.start < end]
    heading_at = {h.start: h for h in headings}
    body = [p for p in paragraphs if p.start >= start and p.end <= end]
    lines = [text[p.start:p.end] for p in body]
    shaped = [p.start not in heading_at and _bare_shape(line) for p, line in zip(body, lines)]

    def opens_text(index: int) -> bool:
        """A numbered heading or a body paragraph follows (past one more bare line: a sub-heading)."""
        for following in (index + 1, index + 2):
            if following >= len(body) or following == index + 2 and not shaped[index + 1]:
                return False
            after = lines[following]
            if body[following].start in heading_at or len(after) >= MIN_BODY_CHARS and _SENTENCE_IN.search(after):
                return True
        return False

    candidates = []
    for index, (para, line) in enumerate(zip(body, lines)):
        if not shaped[index] or index and _continues_previous(text, body[index - 1], body[index - 1].start in heading_at):
            continue
        words = line.rstrip(":：")
        role = role_of_heading(words)
        if words != line and role is None:
            continue
        if numbered_top:
            opens = heading_at.get(body[index + 1].start) if index + 1 < len(body) else None
            if role is not None and opens is not None and opens.kind in ("part", "cn") and opens.number == 1:
                candidates.append((para, role))
        elif opens_text(index):
            candidates.append((para, role))
    if _fixed_width(lines):
        return []
    named_at = next((i for i, c in enumerate(candidates) if c[1] not in (None, "first_responsible")), len(candidates))
    candidates = [c for i, c in enumerate(candidates) if c[1] is not None or i < named_at]
    if len(candidates) < 2:
        candidates = [c for c in candidates if c[1] is not None and not numbered_top]
    kept = []
    for index, (para, role) in enumerate(candidates):
        following = candidates[index + 1][0].start if index + 1 < len(candidates) else end
        under = [h for h in headings if para.start < h.start < following]
        if any(role_of_heading(h.text) not in (None, "first_responsible") for h in under):
            continue
        line = text[para.start:para.end]
        kept.append(Heading(start=para.start, end=para.end, marker="", kind="bare", number=len(kept) + 1,
                            text=line.rstrip(":："), run_in=False))
    return kept


_CLAUSE_BREAK = rx.compile(r"[，,。；;！!？?]")
_ITEM_START = rx.compile(rf"^(?:{_HAN_NUM}是|\d{{1,2}}\s*[.．、]|[(（]\s*\d{{1,2}}\s*[)）])")
_OWN_PART_KINDS = ("bare", "part", "cn")
# A lead paragraph opens the report's first part only near the top of the body: the report's opening
# paragraph itself (一年来，……主要做了以下工作：) or the one after it.
MAX_LEAD_INDEX = 1


def _lead_role(line: str) -> tuple[str, str] | None:
    """(role, clause) of a paragraph that ends by announcing a part: its closing clause, before the
    colon, names what follows (……，主要做了以下工作： / 但也存在一些问题和不足：)."""
    if not line.endswith((":", "：")) or len(line) > 400:
        return None
    clause = _CLAUSE_BREAK.split(line.rstrip(":："))[-1].strip()
    role = role_of_lead(clause) if clause else None
    if role == "achievements":
        # 县长认真履行推进法治建设第一责任人职责，主要做法如下：the sentence names whose work it is.
        sentence = rx.split(r"[。！!？?]", line.rstrip(":："))[-1].strip()
        if role_of_heading(sentence) == "first_responsible":
            return "first_responsible", sentence
    return (role, clause) if role else None


def find_part_openings(text: str, paragraphs: list[Paragraph], headings: list[Heading], start: int,
                       end: int) -> list[Heading]:
    """Parts a report opens without a heading of its own, in the body [start, end).

    Two shapes, each weighed by its wording and its place.  A lead paragraph whose closing clause
    announces a part (一年来，我县……主要做了以下工作： / 工作中还存在一些问题和不足： / 2024年，我县将重点
    做好以下工作：), followed by that part's text; and a bare line naming a part (主要工作举措和成效) over
    a report that numbers its other parts from 二、 (the line stands where 一、 is missing).  Only outside
    the report's own numbered or bare parts: a paragraph inside a part that merely mentions 成效 or
    ends in a colon stays body.  The first opening stands at the top of the body (the opening paragraph
    or the next one, before any heading); later ones announce another part than the one before.  Over
    parts numbered from 二、 the opening is that missing 一、 (one opening, kind and number of the
    numbering); otherwise the openings are bare level-one headings."""
    heading_at = {h.start: h for h in headings}
    own = [h for h in headings if h.kind in _OWN_PART_KINDS and start <= h.start < end]
    numbered_from_two = bool(own) and own[0].kind in ("part", "cn") and own[0].number == 2
    if own and own[0].kind != "bare" and not numbered_from_two:
        return []
    limit = own[0].start if numbered_from_two else end
    inside_own = [(h.start, _part_end(h, own, end)) for h in own]
    body = [p for p in paragraphs if p.start >= start and p.end <= limit]
    found: list[tuple[Paragraph, str, str]] = []
    for index, para in enumerate(body):
        if para.start in heading_at or any(a <= para.start < b for a, b in inside_own):
            continue
        line = text[para.start:para.end]
        lead = _lead_role(line)
        if lead is None and numbered_from_two and _bare_shape(line) and role_of_heading(line) is not None:
            lead = (role_of_heading(line), line)
        if lead is None or not _opens_part(text, body, index, heading_at):
            continue
        role, clause = lead
        if not found:
            if index > MAX_LEAD_INDEX or any(start <= h.start < para.start for h in headings):
                continue
        elif role == found[-1][1] or role == "achievements" or numbered_from_two:
            continue
        found.append((para, role, clause))
    if numbered_from_two:
        found = found[:1]
    kind = own[0].kind if numbered_from_two else "bare"
    return [Heading(start=para.start, end=para.end, marker="", kind=kind, number=1 if numbered_from_two else 0,
                    text=clause, run_in=False) for para, _, clause in found]


def number_bare(headings: list[Heading]) -> list[Heading]:
    """Bare headings are numbered by their place among the bare ones (nothing is written on the page)."""
    ordinal = 0
    for heading in headings:
        if heading.kind == "bare":
            ordinal += 1
            heading.number = ordinal
    return headings


def _part_end(heading: Heading, own: list[Heading], end: int) -> int:
    later = [h.start for h in own if h.start > heading.start]
    return later[0] if later else end


def _opens_part(text: str, body: list[Paragraph], index: int, heading_at: dict[int, Heading]) -> bool:
    """What follows a part's opening is its text: a lower heading, an item, or a body sentence."""
    if index + 1 >= len(body):
        return False
    after = body[index + 1]
    following = text[after.start:after.end]
    heading = heading_at.get(after.start)
    if heading is not None:
        return heading.kind not in _OWN_PART_KINDS
    return bool(_ITEM_START.match(following)) or len(following) >= MIN_BODY_CHARS and bool(_SENTENCE_IN.search(following))


def _continues_previous(text: str, previous: Paragraph | None, previous_heading: bool) -> bool:
    """A line that starts with a marker right after an unfinished long line is a wrapped line."""
    if previous is None or previous_heading:
        return False
    prev = text[previous.start:previous.end]
    return len(prev) > 40 and not prev.endswith(_TERMINAL) and not _LEAD_IN.search(prev)


def find_headings(text: str, paragraphs: list[Paragraph]) -> list[Heading]:
    headings: list[Heading] = []
    last_number: dict[str, int] = {}
    previous, previous_heading = None, False
    for para in paragraphs:
        heading = parse_heading(text, para)
        if heading and _continues_previous(text, previous, previous_heading) and \
                not _stands_alone(text, heading, headings, last_number):
            heading = None
        if heading and not _plausible_number(heading, last_number):
            heading = None
        if heading and heading.unended and heading.number != last_number.get(heading.kind, 0) + 1:
            heading = None
        if heading and heading.number > last_number.get(heading.kind, 0) + 1 and last_number.get(heading.kind):
            headings += _run_into_previous(text, paragraphs, headings, heading, last_number[heading.kind])
        if heading:
            headings.append(heading)
            last_number[heading.kind] = heading.number
            # A new heading restarts the numbering of every deeper kind.
            for kind in KIND_ORDER[KIND_ORDER.index(heading.kind) + 1:]:
                last_number.pop(kind, None)
        previous, previous_heading = para, heading is not None
    return headings


def _inline_marker(kind: str, number: int):
    if kind not in ("cn", "paren_cn"):
        return None
    han = int_to_han(number)
    shape = rf"{han}\s*[、.．]" if kind == "cn" else rf"[(（]\s*{han}\s*[)）]"
    return rx.compile(rf"(?<=[。；;！!？?])\s*(?P<m>{shape})")


def _run_into_previous(text: str, paragraphs: list[Paragraph], headings: list[Heading], heading: Heading,
                       last: int) -> list[Heading]:
    """The headings a gap skips, when each stands inside the paragraphs since the last heading of its
    kind right after a sentence end (……取得实效。（二）优化政府服务。……): a line break lost, not a number
    skipped.  All of the missing numbers, or none."""
    previous = next((h for h in reversed(headings) if h.kind == heading.kind), None)
    if previous is None:
        return []
    found, position = [], previous.end
    starts = [p.start for p in paragraphs]
    for number in range(last + 1, heading.number):
        pattern = _inline_marker(heading.kind, number)
        m = pattern.search(text, position, heading.start) if pattern is not None else None
        if m is None:
            return []
        para = paragraphs[bisect_right(starts, m.start("m")) - 1]
        inline = parse_heading(text, Paragraph(m.start("m"), para.end))
        if inline is None or inline.kind != heading.kind or inline.number != number:
            return []
        found.append(inline)
        position = inline.end
    return found


def _stands_alone(text: str, heading: Heading, headings: list[Heading], last_number: dict[str, int]) -> bool:
    """A heading alone on its line after a paragraph that lost its closing punctuation (a lead sentence,
    a one-line part body) is still a heading when it is the report's first one, numbered 1, or when it
    has the number due and either names a part (二、存在的不足和原因) or is a short line with no sentence
    punctuation (二、深化“放管服”改革).  A wrapped line that merely starts with a number (……第\n二、三季度
    检查20次，第四季度检查8次。) is none of these."""
    if heading.run_in:
        return False
    if not headings:
        return heading.number == 1
    if heading.number != last_number.get(heading.kind, 0) + 1:
        return False
    line = text[heading.start:heading.end]
    return role_of_heading(heading.text) is not None or \
        (len(line) <= MAX_BARE_HEADING_CHARS and not _SENTENCE_IN.search(line))


def _plausible_number(heading: Heading, last_number: dict[str, int]) -> bool:
    """Numbers go up, with gaps of at most a few (gaps are reported, not hidden); 1 restarts; the
    first heading of a kind may start higher (an excerpt, or a report whose first parts are lost).
    A number written twice (二、… 二、…, （三）…（三）…, an editing slip) is still a heading when it
    stands on its own line: dropping it would lose a part or put its sub-items under the one before;
    the numbering rule reports the repeat where it is."""
    last = last_number.get(heading.kind, 0)
    if heading.number == 1 or last == 0 and heading.number <= 10:
        return True
    if heading.number == last and heading.kind in ("part", "cn", "paren_cn") and not heading.run_in:
        return True
    return last < heading.number <= last + 3


def kinds_by_rank(headings: list[Heading]) -> list[str]:
    """The marker kinds a report uses, highest first: the 公文 order, except where the report shows
    another.  A kind whose numbering starts again at 1 (it sits under something) while a kind the
    公文 order puts below it runs once from the report's first heading on is beneath that kind: parts
    numbered 1. 2. 3. (Word's list numbering) with (一)(二) under each."""
    order = [k for k in KIND_ORDER if any(h.kind == k for h in headings)]
    starts = Counter(h.kind for h in headings if h.number == 1)
    first: dict[str, int] = {}
    for index, heading in enumerate(headings):
        first.setdefault(heading.kind, index)
    for upper in list(order):
        for lower in order[order.index(upper) + 1:]:
            if starts[upper] > 1 and starts[lower] == 1 and first[lower] == 0 and \
                    sum(h.kind == lower for h in headings) > 1:
                order.remove(lower)
                order.insert(order.index(upper), lower)
    return order


def build_tree(headings: list[Heading], text_end: int) -> list[Section]:
    kinds_used = kinds_by_rank(headings)
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
    """Runs of 一是/二是 items; a run ends at a heading or where numbering restarts at 一.

    A marker written straight after the previous word, its 。 left out (培训4次二是组织……), is an item
    only where the run needs it: it is the number after the run's last item, or it is 一是 and the
    next marked item of the same part is 二是.  Anywhere else (统一是, 之一是) it is just a word."""
    boundaries = sorted(h.start for h in headings)
    found: list[tuple[int, int, int, int, bool]] = []   # start, marker end, number, paragraph end, marked
    for para in paragraphs:
        segment = text[para.start:para.end]
        marked = {m.start() for m in _ITEM_RE.finditer(segment)}
        for m in _UNMARKED_ITEM_RE.finditer(segment):
            number = han_to_int(m.group("n"))
            if number is None:
                continue
            found.append((para.start + m.start(), para.start + m.end(), number, para.end, m.start() in marked))
    next_marked: list[tuple | None] = [None] * len(found)   # the next marked item after each, in one pass
    following = None
    for index in range(len(found) - 1, -1, -1):
        next_marked[index] = following
        if found[index][4]:
            following = found[index]
    runs: list[ItemRun] = []
    current: list[Item] = []
    current_zone = None
    for index, (start, marker_end, number, para_end, marked) in enumerate(found):
        zone = bisect_right(boundaries, start)
        if not marked and not _needed(found[index], next_marked[index], zone, boundaries, current, current_zone, text):
            continue
        if current and (zone != current_zone or number == 1):
            runs.append(ItemRun(current))
            current = []
        current_zone = zone
        current.append(Item(number=number, start=start, marker_end=marker_end, end=para_end))
    if current:
        runs.append(ItemRun(current))
    for run in runs:
        for item, following in zip(run.items, run.items[1:]):
            item.end = following.start
    return [run for run in runs if len(run.items) > 1 or run.items[0].number == 1]


def _needed(candidate: tuple, next_marked: tuple | None, zone: int, boundaries: list[int], current: list[Item],
            current_zone, text: str) -> bool:
    """Whether an unmarked N是 fills its place in a run (see :func:`find_item_runs`)."""
    start, _, number, _, _ = candidate
    if number == 1:
        if start > 0 and text[start - 1] in _WORD_BEFORE_ONE:
            return False
        return next_marked is not None and next_marked[2] == 2 and bisect_right(boundaries, next_marked[0]) == zone
    return bool(current) and current_zone == zone and current[-1].number + 1 == number
