"""The literal text a pattern cannot match without: a cheap prefilter for rules with many patterns.

A pattern like ``(?:政府)?法制办(公室)?`` cannot match a report that lacks 法制办, and ``网联网|互连网``
one that has neither; ``str.find`` answers that far faster than the regex engine trying every
alternative at every position (and ``regex``'s timeout switches its own literal search off).
Patterns the standard parser cannot read (``\\p{Han}``, possessive forms) or that ignore case get no
requirement and always run, so the prefilter never changes a result, only skips work.
"""
from __future__ import annotations

import re
from functools import lru_cache

try:  # the standard library's regular-expression parser (private, stable since 3.11)
    from re import _constants as _c, _parser as _parse
except ImportError:  # pragma: no cover - older layouts
    _parse = _c = None


# Syntax the standard parser reads differently from ``regex`` (POSIX classes, fuzzy constraints,
# the version flags): such patterns get no requirement.
_REGEX_ONLY = ("[[:", "{e", "{s", "{i", "{d", "(?V", "(?r", "(?f")


@lru_cache(maxsize=4096)
def required_literals(pattern: str) -> tuple[str, ...] | None:
    """Strings of which at least one occurs in any text the pattern matches, or None when no such
    requirement can be read from the pattern."""
    if _parse is None or any(mark in pattern for mark in _REGEX_ONLY):
        return None
    try:
        parsed = _parse.parse(pattern)
    except Exception:  # noqa: BLE001 - syntax only the regex module knows: no requirement
        return None
    if parsed.state.flags & (_c.SRE_FLAG_IGNORECASE | _c.SRE_FLAG_VERBOSE):
        return None
    best = _best(_sequence(list(parsed)))
    return tuple(best) if best else None


def _sequence(items: list) -> list[list[str]]:
    """Requirements (each a list of alternatives) that all hold for a matched sequence."""
    requirements: list[list[str]] = []
    run: list[str] = []

    def flush():
        if run:
            requirements.append(["".join(run)])
            run.clear()

    for op, value in items:
        if op is _c.LITERAL:
            run.append(chr(value))
            continue
        flush()
        if op is _c.SUBPATTERN:
            if not value[1] & _c.SRE_FLAG_IGNORECASE:  # a group that ignores case requires nothing exact
                requirements.extend(_sequence(list(value[-1])))
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and value[0] >= 1:
            requirements.extend(_sequence(list(value[2])))
        elif op is _c.BRANCH:
            alternatives = [_best(_sequence(list(branch))) for branch in value[1]]
            if all(alternatives):
                requirements.append([lit for alt in alternatives for lit in alt])
    flush()
    return requirements


def _best(requirements: list[list[str]]) -> list[str] | None:
    """The most selective requirement: the one whose shortest alternative is longest."""
    return max(requirements, key=lambda alts: (min(map(len, alts)), -len(alts)), default=None)


def present(text: str, literals: tuple[str, ...] | None, spans: list[tuple[int, int]]) -> bool:
    """Whether the pattern with these required literals may match within ``spans`` of ``text``."""
    if literals is None:
        return True
    return any(text.find(literal, start, end) != -1 for literal in literals for start, end in spans)


# A repeated group of Han characters, (?P<dup>\p{Han}{2})(?P=dup) (the doubled-typing form): no
# literal is required, but the text must hold some run of characters written twice in a row.
_REPEATED_HAN = re.compile(r"\(\?P<(\w+)>\\p\{Han\}\{(\d+)\}\)\(\?P=\1\)")
# Every character of \p{Han} is at or above U+2E80 (CJK Radicals Supplement), so this class holds them all.
_FROM_CJK = "[\u2e80-\U0010ffff]"


@lru_cache(maxsize=256)
def repeat_scan(pattern: str) -> re.Pattern | None:
    """For a pattern with a repeated group of n Han characters, a standard-library pattern for any n
    characters from U+2E80 up written twice in a row: it finds every place the pattern can match
    and more (a tenth of the time of the pattern itself, which tries its group at every position);
    None for other patterns."""
    found = _REPEATED_HAN.search(pattern)
    return re.compile(f"({_FROM_CJK}{{{found.group(2)}}})\\1") if found else None


def may_repeat(text: str, scan: re.Pattern | None, spans: list[tuple[int, int]]) -> bool:
    """Whether a pattern with this :func:`repeat_scan` may match within ``spans`` of ``text``."""
    return scan is None or any(scan.search(text, start, end) for start, end in spans)
