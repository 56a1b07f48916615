"""jieba, loaded once per process and only when a rule asks for tokens (it costs about a second)."""
from __future__ import annotations

import logging
import os
import re
import tempfile
from functools import lru_cache

_tokenizer = None


def tokenizer():
    """One jieba Tokenizer per process, on the trimmed dictionary shipped in the package
    (data/jieba_dict.txt, see bench/make_jieba_dict.py) plus the domain terms."""
    global _tokenizer
    if _tokenizer is None:
        from importlib import resources

        import jieba

        jieba.setLogLevel(logging.WARNING)
        dictionary = str(resources.files("checker.document").joinpath("data/jieba_dict.txt"))
        instance = jieba.Tokenizer(dictionary=dictionary)
        instance.tmp_dir = _cache_dir()
        instance.initialize()
        for term in _word_list("domain_terms.txt"):
            instance.add_word(term, freq=200000)
        _tokenizer = instance
    return _tokenizer


def _cache_dir() -> str | None:
    """Where jieba may keep its prefix-dictionary cache; None (no cache) when nothing is writable."""
    folder = os.environ.get("FZCHECK_CACHE") or os.path.join(tempfile.gettempdir(), "fzcheck-cache")
    try:
        os.makedirs(folder, exist_ok=True)
        return folder if os.access(folder, os.W_OK) else None
    except OSError:
        return None


@lru_cache(maxsize=None)
def _word_list(name: str) -> tuple[str, ...]:
    from importlib import resources

    text = resources.files("checker.document").joinpath(f"data/{name}").read_text("utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def stopwords() -> frozenset[str]:
    return frozenset(_word_list("stopwords.txt"))


@lru_cache(maxsize=256)
def content_words(text: str) -> frozenset[str]:
    """Tokens that carry content: two or more characters, at least one Han, not a stop word.
    Dictionary words only (no HMM pass for unknown words: single characters are dropped anyway)."""
    stop = stopwords()
    return frozenset(t for t in tokenizer().lcut(text, HMM=False) if len(t) >= 2 and t not in stop and not _ITEM_MARKER.fullmatch(t)
            and any("\u3400" <= ch <= "\u9fff" for ch in t))


_ITEM_MARKER = re.compile(r"[一二三四五六七八九十]+是|第[一二三四五六七八九十]+")


def is_loaded() -> bool:
    return _tokenizer is not None


@lru_cache(maxsize=8)
def token_boundaries(text: str) -> frozenset[int]:
    """Offsets where a jieba token starts or ends."""
    bounds = {0, len(text)}
    for _, start, end in tokenizer().tokenize(text):
        bounds.add(start)
        bounds.add(end)
    return frozenset(bounds)

