"""Copied text across a batch: pairs of reports that share long passages.

Each report (spaces and punctuation removed) is reduced to a sample of its character k-grams,
chosen by content: the k-grams whose first character's code point is divisible by 4.  Two copies
of a passage choose the same k-grams, so a shared passage of L characters yields a shared
fingerprint unless none of its L − k + 1 starting characters qualifies: (3/4)^(L−k+1), under
0.1% for 40 characters.  A report keeps about a quarter of its k-grams (CRC-32, a few thousand
integers), computed in the batch workers.  To find pairs the batch keeps only a sketch of each
report — the fingerprints whose value is divisible by 16, about a hundred 4-byte integers in an
array — and its compressed text; the full fingerprints are recomputed for the few pairs found.
At 10,000 reports that is some 60 MB.  Fingerprints found in many reports are boilerplate (slogans
every report quotes) and are ignored.
"""
from __future__ import annotations

import re
import zlib
from array import array
from dataclasses import dataclass, field

import regex

K = 12          # characters per k-gram
GAP = 24        # fingerprints closer than this in one report belong to one passage
_KEEP = regex.compile(r"[^\s\p{P}\p{S}]+")


def _bare(text: str) -> tuple[str, list[int]]:
    """Text without spaces and punctuation, and each kept character's offset in ``text``."""
    runs = list(_KEEP.finditer(text))
    offsets: list[int] = []
    for run in runs:
        offsets.extend(range(run.start(), run.end()))
    return "".join(run.group() for run in runs), offsets


def fingerprints(text: str) -> dict[int, int]:
    """Fingerprint (CRC-32 of a sampled k-gram) → its position in the bare text."""
    bare, _ = _bare(text)
    qualifying = "".join(sorted(ch for ch in set(bare) if ord(ch) % 4 == 0))
    chosen: dict[int, int] = {}
    if not qualifying:
        return chosen
    last = len(bare) - K
    for m in re.finditer(f"[{re.escape(qualifying)}]", bare):
        i = m.start()
        if i > last:
            break
        chosen.setdefault(zlib.crc32(bare[i:i + K].encode("utf-8")), i)
    return chosen


SKETCH = 16     # keep fingerprints divisible by this for pair finding


def sketch(prints: dict[int, int]) -> array:
    return array("I", sorted(fp for fp in prints if fp % SKETCH == 0))


@dataclass
class Entry:
    name: str
    sketch: array   # sorted sampled fingerprints
    packed: bytes   # the text, compressed, to cut out shared passages at the end

    def text(self) -> str:
        return zlib.decompress(self.packed).decode("utf-8")


MAX_HOLDERS = 50  # a passage in more reports than this is boilerplate, not copying


def common_holders(count: int) -> int:
    """How many reports may share a fingerprint before it counts as boilerplate: a tenth of the
    batch, at most MAX_HOLDERS (pair counting grows with the square of this number)."""
    if count < 10:
        return count
    return min(MAX_HOLDERS, max(2, count // 10))


@dataclass
class Corpus:
    entries: list[Entry] = field(default_factory=list)

    def add(self, name: str, text: str, prints: dict[int, int] | None = None) -> None:
        """``prints``: fingerprints computed elsewhere (in a batch worker) for this text."""
        self.entries.append(Entry(name, sketch(prints if prints is not None else fingerprints(text)),
                                  zlib.compress(text.encode("utf-8"), 6)))

    def pairs(self, threshold: float = 0.3, max_pairs: int = 200, min_passage: int = 30) -> list[dict]:
        """Pairs whose shared fingerprints cover at least ``threshold`` of the smaller report."""
        common_limit = common_holders(len(self.entries))
        owners: dict[int, list[int]] = {}
        for index, entry in enumerate(self.entries):
            for fp in entry.sketch:
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
            smaller = min(len(self.entries[a].sketch), len(self.entries[b].sketch)) or 1
            score = count / smaller
            if score >= threshold:
                found.append((score, a, b))
        found.sort(key=lambda item: (-item[0], self.entries[item[1]].name, self.entries[item[2]].name))
        common = {fp for fp, holders in owners.items() if len(holders) > common_limit}
        return [self._describe(a, b, score, common, min_passage) for score, a, b in found[:max_pairs]]

    def _describe(self, a: int, b: int, score: float, common: set[int], min_passage: int) -> dict:
        first, second = self.entries[a], self.entries[b]
        text = first.text()
        bare, offsets = _bare(text)
        first_prints, second_prints = fingerprints(text), fingerprints(second.text())
        positions = sorted(pos for fp, pos in first_prints.items()
                           if fp in second_prints and fp not in common)
        runs: list[list[int]] = []
        for pos in positions:
            if runs and pos - runs[-1][1] <= GAP + K:
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
