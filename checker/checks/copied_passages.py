"""``copied_passages`` (scope ``batch``): long passages a report shares with another issuer's report
in the same round — a paragraph copied from someone else's report.

A batch rule: the round evaluates it once every report of the batch has been checked
(checker/run/round.py; checker/run/similarity.py finds the candidate pairs at the scale of a national
round) and appends its result to each report before any output is written.  On one report alone, or
when the round does not compare reports (``--similar 0``), it does not apply.

What is compared: the text without spaces and punctuation, through k-grams of K characters sampled by
content (the same passage gives the same samples in every report); a shared passage is a run of
shared samples, grown character by character to where the two texts stop agreeing.  What is not
copying:
- phrases quoted from central documents (``checks/data/boilerplate.txt``, one a line), and, in a batch
  of 30 or more, text that more than a quarter of the reports share (slogans everybody quotes);
- page furniture: the lines of a saved web page that are not the report (索引号/发布机构 tables,
  breadcrumbs, site footers: the ingest step's residue);
- the same issuer's reports of other years (``history.reused_text`` judges reuse of last year's text).

Parameters
  min_chars   characters a shared passage must reach to count (default 100)

Placeholders: {count} the other reports, {others} their names (at most five).
"""
from __future__ import annotations

import struct
import zlib
from array import array
from bisect import bisect_right
from collections.abc import Callable
from functools import lru_cache
from importlib import resources

from ..document.fingerprints import K, bare_runs, bare_text, first_positions, sampled_prints
from .base import Context, Mark, Outcome, not_applicable

TYPE = "copied_passages"
SCOPE = "batch"       # evaluated by the round over the whole batch, never on one document
PARAMS = {"type": "object", "properties": {"min_chars": {"type": "integer", "minimum": 24, "maximum": 100000}}}
DEFAULTS = {"min_chars": 100}
PATTERN_KEYS = ()
PLACEHOLDERS = ("count", "others")

EXCERPT = 60    # characters of a passage quoted in a finding
EDIT = 6        # characters: shared stretches this close in both texts are one passage (a changed name)


def prepare(params: dict) -> dict:
    return params


def evaluate(ctx: Context) -> Outcome:
    """One document alone has nothing to be compared with (the round evaluates this type)."""
    return not_applicable("单份报告无从比较，本规则只在批量检查时与同批其他报告比较")


def masked(text: str, furniture: list[tuple[int, int]] | tuple = ()) -> str:
    """``text`` with the page furniture (offsets in ``text``) blanked out, its length unchanged."""
    if not furniture:
        return text
    pieces, last = [], 0
    for start, end in sorted(furniture):
        start = max(start, last)
        if end > start:
            pieces.extend((text[last:start], " " * (end - start)))
            last = end
    pieces.append(text[last:])
    return "".join(pieces)


def all_prints(text: str) -> set[int]:
    """Every k-gram's fingerprint (for short standard phrases, where sampling could miss one)."""
    bare = bare_text(text)[0]
    return {zlib.crc32(bare[i:i + K].encode("utf-8")) for i in range(max(0, len(bare) - K + 1))}


@lru_cache(maxsize=1)
def official_phrases() -> frozenset[int]:
    """Fingerprints of phrases quoted from central documents (data/boilerplate.txt, one a line):
    every report may repeat them; a rule-pack maintainer may extend the list."""
    content = resources.files("checker.checks").joinpath("data/boilerplate.txt").read_text("utf-8")
    prints: set[int] = set()
    for line in content.splitlines():
        if line.strip() and not line.startswith("#"):
            prints.update(all_prints(line))
    return frozenset(prints)


class Analysed:
    """A text as the comparison reads it: its bare form (spaces and punctuation removed), where each
    stretch of bare characters stands in the text, and every sampled k-gram with its fingerprint.

    Compact — a few bytes a character in arrays, no Python object per character or fingerprint — so
    that a round analyses each report once however many candidate pairs it is in (re-analysing both
    reports of every pair was most of a round's time), and can spill the analysis to bytes
    (:meth:`dump`, :meth:`load`).  The text itself is only needed to quote a passage: given
    ``source`` (a function returning it), it is not kept, and read back when a passage is quoted."""

    __slots__ = ("_text", "_source", "bare", "_run_bare", "_run_text", "positions", "prints", "_blocked", "_first")

    def __init__(self, text: str, source: Callable[[], str] | None = None):
        self.bare, self._run_bare, self._run_text = bare_runs(text)
        self.positions, self.prints = sampled_prints(self.bare)
        self._text, self._source = (None, source) if source is not None else (text, None)
        self._blocked: tuple[int, bytearray] | None = None
        self._first: dict[int, int] | None = None

    @property
    def text(self) -> str:
        return self._text if self._text is not None else self._source()

    def offset(self, index: int) -> int:
        """Where the bare character ``index`` stands in the text."""
        run = bisect_right(self._run_bare, index) - 1
        return self._run_text[run] + index - self._run_bare[run]

    def dump(self) -> bytes:
        """The analysis as bytes (the text is not included: :meth:`load` takes its source again)."""
        bare = self.bare.encode("utf-16-le")
        parts = (bare, self._run_bare.tobytes(), self._run_text.tobytes(), self.positions.tobytes(),
                 self.prints.tobytes())
        return _HEADER.pack(*(len(part) for part in parts)) + b"".join(parts)

    @classmethod
    def load(cls, data: bytes, source: Callable[[], str]) -> "Analysed":
        self = cls.__new__(cls)
        sizes = _HEADER.unpack_from(data)
        view, at = memoryview(data), _HEADER.size
        pieces = []
        for size in sizes:
            pieces.append(view[at:at + size])
            at += size
        self.bare = str(pieces[0], "utf-16-le")
        self._run_bare, self._run_text, self.positions, self.prints = (array("I") for _ in range(4))
        for numbers, piece in zip((self._run_bare, self._run_text, self.positions, self.prints), pieces[1:]):
            numbers.frombytes(piece)
        self._text, self._source, self._blocked, self._first = None, source, None, None
        return self

    def blocked(self, ignored: set[int] | frozenset[int]) -> bytearray:
        """1 for each bare character inside a k-gram that does not count (an official phrase,
        boilerplate): a shared passage neither starts nor grows there."""
        if self._blocked is None or self._blocked[0] != id(ignored):
            mask = bytearray(len(self.bare))
            if ignored:
                ones = b"\x01" * K
                for pos, fp in zip(self.positions, self.prints):
                    if fp in ignored:
                        mask[pos:pos + K] = ones
            self._blocked = (id(ignored), mask)
        return self._blocked[1]

    def first_positions(self) -> dict[int, int]:
        """Each fingerprint → the first position it is sampled at (made when first asked for and kept
        while this analysis is in memory: about 200 KB of Python objects, so it is not dumped)."""
        if self._first is None:
            self._first = first_positions(self.positions, self.prints)
        return self._first


_HEADER = struct.Struct("<5I")


STRIDE = 16   # characters compared at once when growing a shared stretch (halved near its end)


def _agree_forward(a_text: str, b_text: str, blocked: bytearray, z: int, y: int) -> tuple[int, int]:
    """From ``z`` in ``a_text`` and ``y`` in ``b_text`` forwards, the first positions where the two
    texts differ or ``a_text`` is blocked (or one ends): compared a stride at a time, then by halves
    down to one character, so the answer is the one a character-by-character walk gives."""
    step = STRIDE
    while True:
        if (z + step <= len(a_text) and y + step <= len(b_text) and a_text[z:z + step] == b_text[y:y + step]
                and blocked.find(1, z, z + step) < 0):
            z, y = z + step, y + step
        elif step > 1:
            step //= 2
        else:
            return z, y


def _agree_backward(a_text: str, b_text: str, blocked: bytearray, a: int, b: int) -> tuple[int, int]:
    """The same backwards: the smallest ``a`` (and ``b``) such that everything from there up to the
    given positions agrees and is not blocked."""
    step = STRIDE
    while True:
        if a >= step and b >= step and a_text[a - step:a] == b_text[b - step:b] and blocked.find(1, a - step, a) < 0:
            a, b = a - step, b - step
        elif step > 1:
            step //= 2
        else:
            return a, b


def shared_passages(first: Analysed, second: Analysed, ignored: set[int] | frozenset[int] = frozenset(),
                    min_chars: int = 30) -> list[str]:
    """The passages of ``first`` that ``second`` shares (longest first), as ``first`` writes them.

    From each shared sample the two bare texts are compared character by character, backwards and
    forwards, to where they stop agreeing: a passage starts and ends where the shared text does (a
    sampled k-gram seldom starts exactly there).  Stretches a few characters apart in both texts
    (a name put in for another's, a word changed) are one passage; a different sentence between them
    separates two passages."""
    a_text, b_text = first.bare, second.bare
    blocked = first.blocked(ignored)
    pieces: list[list[int]] = []   # [a_start, a_end, b_start, b_end] of exactly shared stretches
    mine, theirs = first.first_positions(), second.first_positions()
    for pos, other in sorted((mine[fp], theirs[fp]) for fp in mine.keys() & theirs.keys() if fp not in ignored):
        if blocked[pos] or (pieces and pieces[-1][0] <= pos < pieces[-1][1] and pos - other == pieces[-1][0] - pieces[-1][2]):
            continue   # in a phrase that does not count, or inside the stretch found already
        a, b = _agree_backward(a_text, b_text, blocked, pos, other)
        z, y = _agree_forward(a_text, b_text, blocked, pos + 1, other + 1)
        if pieces and a < pieces[-1][1]:
            if z <= pieces[-1][1]:
                continue
            a, b = pieces[-1][1], b + (pieces[-1][1] - a)
        if pieces and a - pieces[-1][1] <= EDIT and 0 <= b - pieces[-1][3] <= EDIT:
            pieces[-1][1], pieces[-1][3] = z, y
        else:
            pieces.append([a, z, b, y])
    spans = [(first.offset(a), first.offset(z - 1) + 1) for a, z, _, _ in pieces]
    spans = [(start, end) for start, end in spans if end - start >= min_chars]
    text = first.text if spans else ""   # read (perhaps decompressed) only to quote a passage
    return sorted((text[start:end] for start, end in spans), key=len, reverse=True)


def locate(analysed: Analysed, passage: str) -> tuple[int, int]:
    """Where a passage (as the other report wrote it) stands in this text: exactly when the two agree
    in punctuation, else through the bare text, from the passage's first character to its last."""
    text = analysed.text
    exact = text.find(passage)
    if exact >= 0:
        return exact, exact + len(passage)
    passage_bare = bare_text(passage)[0]
    found = analysed.bare.find(passage_bare) if passage_bare else -1
    if found >= 0:
        return analysed.offset(found), analysed.offset(found + len(passage_bare) - 1) + 1
    for skip in (K, 0, 2 * K):   # the passage was cut by the other report's punctuation: a stretch of it
        probe = passage_bare[skip:skip + 2 * K]
        found = analysed.bare.find(probe) if len(probe) >= K else -1
        if found >= 0:
            first = max(0, found - skip)
            last = min(len(analysed.bare) - 1, first + len(passage_bare) - 1)
            return analysed.offset(first), analysed.offset(last) + 1
    return 0, 0


def excerpt(passage: str) -> str:
    return passage[:EXCERPT] + ("……" if len(passage) > EXCERPT else "")


def judge(text: str, shared: list[dict]) -> Outcome:
    """This report's outcome from what the batch found: ``shared`` holds, for each other report it
    shares a passage of ``min_chars`` or more with, ``{other, passage, chars}``; one finding per
    other report, where the passage stands in this text."""
    if not shared:
        return Outcome("pass", {"count": 0, "others": ""})
    analysed = Analysed(text)
    findings = []
    for item in sorted(shared, key=lambda i: (-i["chars"], i["other"])):
        start, end = locate(analysed, item["passage"])
        findings.append(Mark(start, end, f"与“{item['other']}”有一段{item['chars']}字的相同文字：“{excerpt(item['passage'])}”"))
    names = sorted({item["other"] for item in shared})
    others = "、".join(f"“{name}”" for name in names[:5]) + ("等" if len(names) > 5 else "")
    return Outcome("fail", {"count": len(names), "others": others}, findings)


def compare(texts: dict[str, str], min_chars: int, same_issuer: dict[str, str | None] | None = None) -> dict[str, list[dict]]:
    """Every pair of a few texts compared directly (the rule's examples; a round uses the batch
    corpus, which finds the same pairs without comparing all of them): name → what it shares."""
    analysed = {name: Analysed(text) for name, text in texts.items()}
    ignored = official_phrases()
    same_issuer = same_issuer or {}
    out: dict[str, list[dict]] = {name: [] for name in texts}
    names = list(texts)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            if same_issuer.get(a) and same_issuer.get(a) == same_issuer.get(b):
                continue
            passages = shared_passages(analysed[a], analysed[b], ignored, min_chars)
            if passages:
                longest = passages[0]
                out[a].append({"other": b, "passage": longest, "chars": len(longest)})
                out[b].append({"other": a, "passage": longest, "chars": len(longest)})
    return out
