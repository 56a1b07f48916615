"""Copied text across a batch: pairs of reports that share long passages.

Each report is reduced to winnowed fingerprints of its character k-grams (Schleimer, Wilkerson and
Aiken's winnowing, as used by MOSS): the minimum hash in every window of w consecutive k-grams.
Any passage of at least w + k − 1 characters shared by two reports yields a shared fingerprint,
and a report keeps only about 2/(w+1) of its k-grams, so a batch of thousands fits in memory.
Fingerprints found in many reports are boilerplate (slogans every report quotes) and are ignored.
"""
from __future__ import annotations

import hashlib
import zlib
from dataclasses import dataclass, field

import regex

K = 12          # characters per k-gram
W = 16          # k-grams per window: shared passages of 27+ characters are always caught
_DROP = regex.compile(r"[\s\p{P}\p{S}]+")


def _bare(text: str) -> tuple[str, list[int]]:
    """Text without spaces and punctuation, and each kept character's offset in ``text``."""
    chars, offsets = [], []
    for index, ch in enumerate(text):
        if not _DROP.match(ch):
            chars.append(ch)
            offsets.append(index)
    return "".join(chars), offsets


def _hash(gram: str) -> int:
    return int.from_bytes(hashlib.blake2b(gram.encode("utf-8"), digest_size=8).digest(), "big")


def fingerprints(text: str) -> dict[int, int]:
    """Winnowed fingerprint → position in the bare text."""
    bare, _ = _bare(text)
    hashes = [_hash(bare[i:i + K]) for i in range(len(bare) - K + 1)]
    chosen: dict[int, int] = {}
    last = -1
    for start in range(max(0, len(hashes) - W + 1)):
        window = hashes[start:start + W]
        low = min(window)
        position = start + max(i for i, h in enumerate(window) if h == low)
        if position != last:
            chosen.setdefault(hashes[position], position)
            last = position
    if 0 < len(hashes) < W:
        low = min(hashes)
        chosen.setdefault(low, hashes.index(low))
    return chosen


@dataclass
class Entry:
    name: str
    prints: dict[int, int]
    packed: bytes  # the text, compressed, to cut out shared passages at the end


@dataclass
class Corpus:
    entries: list[Entry] = field(default_factory=list)

    def add(self, name: str, text: str) -> None:
        self.entries.append(Entry(name, fingerprints(text), zlib.compress(text.encode("utf-8"), 6)))

    def pairs(self, threshold: float = 0.3, max_pairs: int = 200, min_passage: int = 30) -> list[dict]:
        """Pairs whose shared fingerprints cover at least ``threshold`` of the smaller report."""
        common_limit = max(2, len(self.entries) // 10) if len(self.entries) >= 10 else len(self.entries)
        owners: dict[int, list[int]] = {}
        for index, entry in enumerate(self.entries):
            for fp in entry.prints:
                owners.setdefault(fp, []).append(index)
        shared: dict[tuple[int, int], int] = {}
        for holders in owners.values():
            if len(holders) < 2 or len(holders) > common_limit:
                continue
            for i, a in enumerate(holders):
                for b in holders[i + 1:]:
                    shared[(a, b)] = shared.get((a, b), 0) + 1
        found = []
        for (a, b), count in shared.items():
            smaller = min(len(self.entries[a].prints), len(self.entries[b].prints)) or 1
            score = count / smaller
            if score >= threshold:
                found.append((score, a, b))
        found.sort(key=lambda item: (-item[0], self.entries[item[1]].name, self.entries[item[2]].name))
        return [self._describe(a, b, score, owners, common_limit, min_passage) for score, a, b in found[:max_pairs]]

    def _describe(self, a: int, b: int, score: float, owners, common_limit: int, min_passage: int) -> dict:
        first, second = self.entries[a], self.entries[b]
        text = zlib.decompress(first.packed).decode("utf-8")
        bare, offsets = _bare(text)
        positions = sorted(pos for fp, pos in first.prints.items()
                           if fp in second.prints and 2 <= len(owners[fp]) <= common_limit)
        runs: list[list[int]] = []
        for pos in positions:
            if runs and pos - runs[-1][1] <= W + K:
                runs[-1][1] = pos
            else:
                runs.append([pos, pos])
        passages = []
        for start, end in runs:
            stop = min(len(offsets), end + K)
            if stop - start >= min_passage:
                passages.append(text[offsets[start]:offsets[stop - 1] + 1])
        passages.sort(key=len, reverse=True)
        return {"a": first.name, "b": second.name, "similarity": round(score, 3),
                "shared_passages": passages[:5], "shared_chars": sum(len(p) for p in passages)}
