"""Traditional → simplified characters, for pages a government site serves in 繁体.

One table (``data/t2s.txt``, one-to-one pairs from OpenCC, made by tools/make_t2s.py), so a folded
text keeps every offset.  Ingest folds the page's labelled lines with it before reading them
(發布時間 → 发布时间); the document's normalised text is folded with it too.
"""
from __future__ import annotations

from functools import lru_cache

# Characters common in any report that exist only in traditional writing: their share tells a
# traditional page from a simplified one that quotes a traditional name.
_TRADITIONAL_ONLY = frozenset("這個們來為會說時國發實關於與區縣經過還對應當體點設機織導領黨員務議權規劃認識級")
_TRADITIONAL_SHARE = 0.01
_MIN_MARKS = 5


@lru_cache(maxsize=1)
def t2s_table() -> dict[int, str]:
    """Code point of a traditional character → its simplified character."""
    from importlib import resources

    text = resources.files("checker.base").joinpath("data/t2s.txt").read_text("utf-8")
    pairs = "".join(line for line in text.splitlines() if not line.startswith("#"))
    return {ord(pairs[i]): pairs[i + 1] for i in range(0, len(pairs), 2)}


def is_traditional(text: str, chars: set[str] | None = None) -> bool:
    """Whether a text is written in traditional characters (``chars``: its distinct characters, when known)."""
    chars = set(text) if chars is None else chars
    marks = sum(text.count(c) for c in chars & _TRADITIONAL_ONLY)
    if marks < _MIN_MARKS:
        return False
    han = sum(1 for c in text if "\u4e00" <= c <= "\u9fff")
    return marks >= _TRADITIONAL_SHARE * han


def fold_traditional(text: str) -> str:
    """A traditional text in simplified characters, same length and offsets; any other text unchanged."""
    return text.translate(t2s_table()) if is_traditional(text) else text
