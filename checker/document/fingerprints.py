"""Passages two texts share, found through fingerprints: each text (spaces and punctuation
removed) is reduced to a sample of its character k-grams, chosen by content (the k-grams whose first
character's code point is divisible by 4), so two copies of a passage choose the same k-grams.  Used
by the history rule (a report against the issuer's previous one) and by the round's copied-text
comparison (checker/run/similarity.py)."""
from __future__ import annotations

import re
import zlib
from array import array

from ..patterns import rx

K = 12          # characters per k-gram
GAP = 24        # fingerprints closer than this in one report belong to one passage
_KEEP = rx.compile(r"[^\s\p{P}\p{S}]+")


def bare_text(text: str) -> tuple[str, list[int]]:
    """Text without spaces and punctuation, and each kept character's offset in ``text``."""
    runs = list(_KEEP.finditer(text))
    offsets: list[int] = []
    for run in runs:
        offsets.extend(range(run.start(), run.end()))
    return "".join(run.group() for run in runs), offsets


def bare_runs(text: str) -> tuple[str, array, array]:
    """Text without spaces and punctuation, and where each run of kept characters starts in the
    bare text and in ``text`` (a compact :func:`bare_text`: two integers a run, not one a character)."""
    runs = _KEEP.finditer(text)
    starts_bare, starts_text, pieces, length = array("I"), array("I"), [], 0
    for run in runs:
        piece = run.group()
        starts_bare.append(length)
        starts_text.append(run.start())
        pieces.append(piece)
        length += len(piece)
    return "".join(pieces), starts_bare, starts_text


def fingerprints(text: str) -> dict[int, int]:
    """Fingerprint (CRC-32 of a sampled k-gram) → its position in the bare text."""
    return prints_of_bare("".join(_KEEP.findall(text)))


class _Sampled(dict):
    """Code point → "\x01" for the characters that start a sampled k-gram (code point divisible by
    4), "\x02" for the others; filled as characters are seen, so ``str.translate`` marks a text in
    one pass of C (a character class of each report's own characters was compiled anew per report)."""

    def __missing__(self, code: int) -> str:
        mark = "\x01" if code % 4 == 0 else "\x02"
        self[code] = mark
        return mark


_SAMPLED = _Sampled()
_START = re.compile("\x01")


def prints_of_bare(bare: str) -> dict[int, int]:
    """Fingerprint → the first position it is sampled at (order not significant)."""
    return first_positions(*sampled_prints(bare))


def first_positions(positions, prints) -> dict[int, int]:
    """Each fingerprint of a text's samples (``sampled_prints``) → the first position it is sampled at."""
    return dict(zip(reversed(prints), reversed(positions)))


def sampled_prints(bare: str) -> tuple[array, array]:
    """Every sampled k-gram of a bare text, repeats included: (positions, fingerprints), in text
    order.  A k-gram is sampled where it starts with a character whose code point is divisible by 4:
    the same passage gives the same samples in every report, whatever surrounds it."""
    positions, prints = array("I"), array("I")
    last = len(bare) - K
    for m in _START.finditer(bare.translate(_SAMPLED)):
        i = m.start()
        if i > last:
            break
        positions.append(i)
        prints.append(zlib.crc32(bare[i:i + K].encode("utf-8")))
    return positions, prints


def fingerprint_runs(positions: list[int]) -> list[list[int]]:
    """[first, last] of each run of sorted fingerprint positions no more than a gap apart."""
    runs: list[list[int]] = []
    for pos in positions:
        if runs and pos - runs[-1][1] <= GAP + K:
            runs[-1][1] = pos
        else:
            runs.append([pos, pos])
    return runs


def reused_passages(text: str, prints: dict[int, int], shared: set[int], min_chars: int = 40) -> list[tuple[int, int]]:
    """(start, end) in ``text`` of the runs of fingerprints that ``shared`` holds, longest first."""
    _, offsets = bare_text(text)
    runs = fingerprint_runs(sorted(pos for fp, pos in prints.items() if fp in shared))
    spans = [(offsets[a], offsets[min(len(offsets) - 1, b + K - 1)] + 1) for a, b in runs]
    spans = [(a, b) for a, b in spans if b - a >= min_chars]
    return sorted(spans, key=lambda span: span[0] - span[1])
