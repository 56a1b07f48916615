"""jieba, loaded once per process and only when a rule asks for tokens (it costs about a second)."""
from __future__ import annotations

import logging
import os
import tempfile
from functools import lru_cache

_tokenizer = None


def tokenizer():
    global _tokenizer
    if _tokenizer is None:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        cache_dir = os.environ.get("FZCHECK_CACHE") or os.path.join(tempfile.gettempdir(), "fzcheck-cache")
        os.makedirs(cache_dir, exist_ok=True)
        jieba.dt.tmp_dir = cache_dir
        jieba.dt.initialize()
        _tokenizer = jieba.dt
    return _tokenizer


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


def tokens(text: str) -> list[str]:
    return tokenizer().lcut(text)
