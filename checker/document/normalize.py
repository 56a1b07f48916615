"""A normalised copy of the text for matching, with a map back to the original offsets.

Rules match on NFKC-folded text (full-width digits and punctuation folded, ideographic and
no-break spaces made plain spaces), but every finding must point into the text the author wrote.
NFKC changes lengths (㈠ → (一), … → ...), so each normalised character records the original
character it came from.

Two artefacts of government sites are folded too: a page served in traditional characters (a
繁体 switch) is folded character by character into simplified ones (checker/base/traditional.py),
and the pinyin that some of those converters print after characters (區(qū)) is dropped.
"""
from __future__ import annotations

import unicodedata
import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from dataclasses import dataclass

from ..base.traditional import is_traditional, t2s_table
from ..patterns import rx

# Folded beyond NFKC: characters that NFKC keeps but that mean the same thing for matching.
_EXTRA = str.maketrans({"\u3000": " ", "\xa0": " ", "\u2002": " ", "\u2003": " ", "\u200b": "",
                        "\ufeff": "", "\u2027": "·", "\u30fb": "·"})


@dataclass
class NormalText:
    """``text`` is the normalised string; ``origin[i]`` is the original offset of text[i]."""

    text: str
    origin: list[int]
    original_length: int

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Maps a normalised span to the original span that produced it."""
        if start >= len(self.text):
            return self.original_length, self.original_length
        o_start = self.origin[start]
        o_end = self.origin[end] if end < len(self.text) else self.original_length
        return o_start, max(o_start, o_end)

    def to_normal(self, offset: int) -> int:
        """The first normalised index whose origin is at or after an original offset."""
        return bisect_left(self.origin, offset)


_PINYIN_NOTE = rx.compile(r"(?<=[\u3400-\u9fff])\((?:[a-zü]|[\u00e0-\u01dc])+\)")
_PINYIN_MIN = 3


@lru_cache(maxsize=8192)
def _fold(char: str) -> str:
    folded = unicodedata.normalize("NFKC", char).translate(_EXTRA)
    return folded


def normalize(original: str) -> NormalText:
    """Folds each distinct character once; when no character changes length (the usual case) the
    text is translated in one pass and the offset map is the identity."""
    chars = set(original)
    if is_traditional(original, chars):
        t2s = t2s_table()
        table = {ord(char): folded for char in chars if (folded := _fold(t2s.get(ord(char), char))) != char}
        return _without_pinyin(_translated(original, table, all(len(f) == 1 for f in table.values())))
    table, same_length = _fold_table(chars)
    if same_length:
        return NormalText(original.translate(table), list(range(len(original))), len(original))
    return _translated(original, table, same_length)


# Every character met so far, by what folding does to it: a report's table then costs a set
# difference and one pass, not a fold per distinct character.  Bounded by the characters that
# exist; only ever added to, so threads sharing it never see an entry vanish.
_UNCHANGED: set[str] = set()
_CHANGED: dict[str, str] = {}


def _fold_table(chars: set[str]) -> tuple[dict[int, str], bool]:
    """The translation table for a text's characters, and whether every folded form is one character."""
    for char in chars.difference(_UNCHANGED):
        folded = _fold(char)
        if folded == char:
            _UNCHANGED.add(char)
        else:
            _CHANGED[char] = folded
    table = {ord(char): _CHANGED[char] for char in chars if char in _CHANGED}
    return table, all(len(folded) == 1 for folded in table.values())


def _translated(original: str, table: dict[int, str], same_length: bool) -> NormalText:
    if same_length:
        return NormalText(original.translate(table), list(range(len(original))), len(original))
    # Some characters change length (… → ..., ㈠ → (一)): identity runs between them.
    changing = "".join(sorted(chr(code) for code, folded in table.items() if len(folded) != 1))
    origin: list[int] = []
    done = 0
    for m in re.finditer(f"[{re.escape(changing)}]", original):
        origin.extend(range(done, m.start()))
        origin.extend([m.start()] * len(table[ord(m.group())]))
        done = m.end()
    origin.extend(range(done, len(original)))
    return NormalText(original.translate(table), origin, len(original))


def _without_pinyin(norm: NormalText) -> NormalText:
    """Drops pinyin notes (區(qū)) when a page has several of them; the map keeps pointing into
    the original."""
    notes = list(_PINYIN_NOTE.finditer(norm.text))
    if len(notes) < _PINYIN_MIN:
        return norm
    parts, origin, done = [], [], 0
    for m in notes:
        parts.append(norm.text[done:m.start()])
        origin.extend(norm.origin[done:m.start()])
        done = m.end()
    parts.append(norm.text[done:])
    origin.extend(norm.origin[done:])
    return NormalText("".join(parts), origin, norm.original_length)


def line_starts(text: str) -> list[int]:
    starts = [0]
    position = text.find("\n")
    while position != -1:
        starts.append(position + 1)
        position = text.find("\n", position + 1)
    return starts


def line_col(starts: list[int], offset: int) -> tuple[int, int]:
    """1-based line and column (in code points) of an offset."""
    line = bisect_right(starts, offset)
    return line, offset - starts[line - 1] + 1
