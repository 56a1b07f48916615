"""jieba, loaded once per process and only when a rule asks for tokens (it costs about a second)."""
from __future__ import annotations

import logging
import re
from functools import lru_cache

from ..base import datacache

_tokenizer = None


def tokenizer():
    """One jieba Tokenizer per process, on the trimmed dictionary shipped in the package
    (data/jieba_dict.txt, see bench/make_jieba_dict.py) plus the domain terms."""
    global _tokenizer
    if _tokenizer is None:
        from importlib import resources

        jieba = _import_jieba()
        jieba.setLogLevel(logging.WARNING)
        dictionary = resources.files("checker.patterns").joinpath("data/jieba_dict.txt")
        instance = jieba.Tokenizer(dictionary=str(dictionary))
        instance.FREQ, instance.total = _prefix_dictionary(instance, dictionary.read_bytes())
        instance.initialized = True
        for term in _word_list("domain_terms.txt"):
            instance.add_word(term, freq=200000)
        _tokenizer = instance
    return _tokenizer


def _import_jieba():
    """jieba without pkg_resources: jieba imports it only to open its own files and falls back to
    open() without it, and importing it costs about 0.1 s (it scans every installed package)."""
    import sys

    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        import jieba
        return jieba
    sys.modules["pkg_resources"] = None  # makes `import pkg_resources` raise ImportError
    try:
        import jieba
    finally:
        if sys.modules.get("pkg_resources", 0) is None:
            del sys.modules["pkg_resources"]
    return jieba


def _prefix_dictionary(instance, data: bytes) -> tuple[dict, int]:
    """jieba's prefix dictionary for the shipped word list, built once per machine (datacache).
    jieba's own cache is read with marshal.load on a file object, five times slower than reading
    the bytes first (about 90 ms against 18 ms here)."""
    from io import BytesIO

    cached = datacache.load("jieba-prefix", data)
    if isinstance(cached, tuple) and len(cached) == 2 and isinstance(cached[0], dict):
        return cached
    built = instance.gen_pfdict(BytesIO(data))
    datacache.store("jieba-prefix", data, built)
    return built


@lru_cache(maxsize=None)
def _word_list(name: str) -> tuple[str, ...]:
    from importlib import resources

    text = resources.files("checker.patterns").joinpath(f"data/{name}").read_text("utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def dictionary_words() -> frozenset[str]:
    """The words of two or more characters in the shipped dictionary and the domain terms, as a
    set, without loading jieba (about 20 ms): whether a run of characters is a word."""
    from importlib import resources

    text = resources.files("checker.patterns").joinpath("data/jieba_dict.txt").read_text("utf-8")
    words = {line.split(" ", 1)[0] for line in text.splitlines()}
    words.update(_word_list("domain_terms.txt"))
    return frozenset(word for word in words if len(word) >= 2)


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

