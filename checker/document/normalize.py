"""A normalised copy of the text for matching, with a map back to the original offsets.

Rules match on NFKC-folded text (full-width digits and punctuation folded, ideographic and
no-break spaces made plain spaces), but every finding must point into the text the author wrote.
NFKC changes lengths (㈠ → (一), … → ...), so each normalised character records the original
character it came from.
"""
from __future__ import annotations

import unicodedata
import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from dataclasses import dataclass

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


@lru_cache(maxsize=8192)
def _fold(char: str) -> str:
    folded = unicodedata.normalize("NFKC", char).translate(_EXTRA)
    return folded


def normalize(original: str) -> NormalText:
    """Folds each distinct character once; when no character changes length (the usual case) the
    text is translated in one pass and the offset map is the identity."""
    table: dict[int, str] = {}
    same_length = True
    for char in set(original):
        if char.isascii():
            continue
        folded = _fold(char)
        if folded != char:
            table[ord(char)] = folded
            same_length = same_length and len(folded) == 1
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
