"""Copied text across a batch: pairs of reports that share long passages.

Each report (spaces and punctuation removed) is reduced to a sample of its character k-grams,
chosen by content: the k-grams whose first character's code point is divisible by 4.  Two copies
of a passage choose the same k-grams, so a shared passage of L characters yields a shared
fingerprint unless none of its L − k + 1 starting characters qualifies: (3/4)^(L−k+1), under
0.1% for 40 characters.  A report keeps about a quarter of its k-grams (CRC-32, a few thousand
integers), computed in the batch workers.  To find pairs the batch keeps only a sketch of each
report — the fingerprints whose value is divisible by 16, about a hundred 4-byte integers in an
array — and its compressed text.  At 10,000 reports that is some 60 MB.  Pairs sharing sketch
fingerprints are candidates (at most CANDIDATES_PER_PAIR for each pair the round may list); to
describe them, each candidate report is analysed once (its full fingerprints, from its text) and
kept or spilled to disk for its other pairs.  Fingerprints found in many reports are boilerplate (slogans
every report quotes) and are ignored.  What a shared passage is (grown to where two texts agree, not
across official phrases) is the check type's (checker/checks/copied_passages.py); the texts given
here have their page furniture blanked; a pair of one issuer's reports is marked ``same_issuer`` and
is never copying.
"""
from __future__ import annotations

import heapq
import zlib
from array import array
from bisect import bisect_left
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import partial

from ..checks.copied_passages import Analysed, official_phrases, shared_passages
from ..document.fingerprints import fingerprints

SKETCH = 16     # keep fingerprints divisible by this for pair finding


def sketch(prints: dict[int, int]) -> array:
    return array("I", sorted(fp for fp in prints if fp % SKETCH == 0))


@dataclass
class Entry:
    name: str
    sketch: array   # sorted sampled fingerprints
    offset: int     # where the compressed text starts in the corpus's spill file
    length: int
    issuer: str | None = None   # the issuer's key: its reports of other years are not compared


class _Spill:
    """The batch's compressed texts in an anonymous temporary file (gone when closed or when the
    process ends), so that a national round does not hold 100,000 texts in memory; the few texts
    needed at the end (the reports in the described pairs) are read back."""

    def __init__(self):
        import tempfile

        self.file = tempfile.TemporaryFile(prefix="fzcheck-corpus-")
        self.size = 0

    def put(self, packed: bytes) -> tuple[int, int]:
        self.file.seek(self.size)
        self.file.write(packed)
        offset, self.size = self.size, self.size + len(packed)
        return offset, len(packed)

    def read(self, offset: int, length: int) -> bytes:
        self.file.seek(offset)
        return self.file.read(length)

    def get(self, offset: int, length: int) -> str:
        return zlib.decompress(self.read(offset, length)).decode("utf-8")


class _Analyses:
    """Each report's :class:`Analysed` form, made once in a round however many candidate pairs the
    report is in: the ``KEEP`` used last in memory, the others spilled as bytes beside the texts and
    read back when needed (a tenth of a millisecond against about two to analyse a report again)."""

    KEEP = 128   # about 250 KB each while its fingerprint positions are held as a dict

    def __init__(self, corpus: "Corpus"):
        self.corpus = corpus
        self.recent: OrderedDict[int, Analysed] = OrderedDict()
        self.spilled: dict[int, tuple[int, int]] = {}

    def __call__(self, index: int) -> Analysed:
        analysed = self.recent.get(index)
        if analysed is not None:
            self.recent.move_to_end(index)
            return analysed
        source = partial(self.corpus.text, index)
        where = self.spilled.get(index)
        analysed = (Analysed.load(self.corpus.spill.read(*where), source) if where is not None
                    else Analysed(source(), source))
        self.recent[index] = analysed
        if len(self.recent) > self.KEEP:
            gone, old = self.recent.popitem(last=False)
            if gone not in self.spilled:
                self.spilled[gone] = self.corpus.spill.put(old.dump())
        return analysed


MAX_HOLDERS = 50   # a passage in more reports than this is boilerplate, not copying
CANDIDATES_PER_PAIR = 50  # pairs considered for each pair the batch may list
DESCRIBE_CHUNK = 2000     # candidate pairs described in the order of their reports at a time
_BUCKETS, _BUCKET_SHIFT = 16, 28   # fingerprints (32 bits) grouped by their top four bits
_LOW = 0xFFFFFFFF
MIN_BATCH = 30     # below this, how many reports share a passage says nothing about boilerplate
COMMON_SHARE = 4   # …above it, a passage in more than a quarter of the batch is boilerplate


def common_holders(count: int) -> int:
    """How many reports may share a fingerprint before it counts as boilerplate: in a batch big
    enough for the share to mean something, a quarter of it (never fewer than 5), at most
    MAX_HOLDERS (pair counting grows with the square of this number); "3 of 22" is copying."""
    if count < MIN_BATCH:
        return count
    return min(MAX_HOLDERS, max(5, count // COMMON_SHARE))


def _keep_best(heap: list, item: tuple, limit: int) -> None:
    """``heap`` holds the ``limit`` largest items seen (its smallest first)."""
    if len(heap) < limit:
        heapq.heappush(heap, item)
    elif item > heap[0]:
        heapq.heapreplace(heap, item)


def pack(text: str) -> bytes:
    """The text as the corpus keeps it (compressed: a round of thousands of reports stays small)."""
    return zlib.compress(text.encode("utf-8"), 6)


@dataclass
class Corpus:
    entries: list[Entry] = field(default_factory=list)
    spill: _Spill = field(default_factory=_Spill)
    numbers: dict[str, int] = field(default_factory=dict)  # name → index in entries

    def text(self, index: int) -> str:
        entry = self.entries[index]
        return self.spill.get(entry.offset, entry.length)

    def text_of(self, name: str) -> str:
        return self.text(self.numbers[name])

    def add(self, name: str, text: str, prints: dict[int, int] | None = None, packed: bytes | None = None,
            issuer: str | None = None) -> None:
        """``text``: the report with its page furniture blanked (copied_passages.masked); ``prints``
        and ``packed``: its fingerprints and the compressed text, when a batch worker has made them
        (see :func:`pack`); ``issuer``: the issuer's key (two reports of one issuer are never a pair)."""
        offset, length = self.spill.put(packed if packed is not None else pack(text))
        self.numbers.setdefault(name, len(self.entries))
        self.entries.append(Entry(name, sketch(prints if prints is not None else fingerprints(text)), offset, length,
                                  issuer))

    def add_sketch(self, name: str, prints_sketch: array, packed: bytes, issuer: str | None = None) -> None:
        """A report whose :func:`sketch` and :func:`pack` a batch worker has made."""
        offset, length = self.spill.put(packed)
        self.numbers.setdefault(name, len(self.entries))
        self.entries.append(Entry(name, prints_sketch, offset, length, issuer))

    def pairs(self, threshold: float = 0.3, min_copied: int | None = None, max_pairs: int = 200,
              min_passage: int = 30) -> list[dict]:
        """Pairs whose shared fingerprints cover at least ``threshold`` of the smaller report, or
        that share a passage of ``min_copied`` characters or more (a copied paragraph in an otherwise
        different report: the batch rule's ``min_chars``; None when no batch rule asks)."""
        found, common = self._candidates(threshold, common_holders(len(self.entries)), official_phrases(),
                                         CANDIDATES_PER_PAIR * max_pairs)
        found.sort(key=lambda item: (-item[0], self.entries[item[1]].name, self.entries[item[2]].name))
        described: list[dict] = []
        analysed = _Analyses(self)
        for start in range(0, len(found), DESCRIBE_CHUNK):
            # The pairs are listed in the order of their scores, but described a chunk at a time in
            # the order of their reports, so that a report's analysis is still in memory when its
            # next pair comes (one chunk more than needed may be described; the list is the same).
            chunk = found[start:start + DESCRIBE_CHUNK]
            wanted = sorted((a, b, score) for score, a, b in chunk if score >= threshold or min_copied is not None)
            pairs = {(a, b): self._describe(a, b, score, common, min_passage, analysed) for a, b, score in wanted}
            for score, a, b in chunk:
                pair = pairs.get((a, b))
                if pair is not None and (score >= threshold or pair["longest_passage"] >= min_copied):
                    described.append(pair)
                    if len(described) >= max_pairs:
                        return described
        return described

    def _print_index(self) -> array:
        """Every (fingerprint, report) of the sketches as one sorted array of ``fp << 32 | report``
        keys (8 bytes each), sorted one bucket of fingerprints at a time so that no Python object
        per fingerprint is ever held: a round of 100,000 reports stays within tens of megabytes."""
        buckets = [array("Q") for _ in range(_BUCKETS)]
        for index, entry in enumerate(self.entries):
            for fp in entry.sketch:
                buckets[fp >> _BUCKET_SHIFT].append(fp << 32 | index)
        keys = array("Q")
        for number in range(_BUCKETS):
            keys.extend(sorted(buckets[number]))
            buckets[number] = None
        return keys

    def _candidates(self, threshold: float, common_limit: int, official: frozenset[int],
                    limit: int) -> tuple[list, set[int]]:
        """(score, a, b) of the ``limit`` best pairs worth describing, and the fingerprints too common
        to count (more than ``common_limit`` holders, or official phrases).  Pairs are counted report
        by report, so only one report's partners are counted at a time, and only the best candidates
        are kept: a batch of synthetic or templated reports can have millions of weak pairs."""
        keys = self._print_index()
        common = set(official)
        found = []
        for a, entry in enumerate(self.entries):
            partners: dict[int, int] = {}
            for fp in entry.sketch:
                start = bisect_left(keys, fp << 32)
                end = bisect_left(keys, (fp + 1) << 32, start)
                if end - start > common_limit:
                    common.add(fp)
                    continue
                if fp in official:
                    continue
                for position in range(start, end):
                    b = keys[position] & _LOW
                    if b > a:
                        partners[b] = partners.get(b, 0) + 1
            for b, count in partners.items():
                smaller = min(len(entry.sketch), len(self.entries[b].sketch)) or 1
                score = count / smaller
                if score >= threshold or count >= 2:
                    _keep_best(found, (score, -a, -b), limit)
        return [(score, -a, -b) for score, a, b in found], common

    def _describe(self, a: int, b: int, score: float, common: set[int], min_passage: int, analysed) -> dict:
        passages = shared_passages(analysed(a), analysed(b), common, min_passage)
        issuer = self.entries[a].issuer
        pair = {"a": self.entries[a].name, "b": self.entries[b].name, "similarity": round(score, 3),
                "shared_passages": passages[:5], "shared_chars": sum(len(p) for p in passages),
                "longest_passage": len(passages[0]) if passages else 0}
        if issuer is not None and issuer == self.entries[b].issuer:
            # One issuer's two reports (another year, or the same report twice) are listed as similar,
            # never as copying between issuers: history.reused_text judges reuse of last year's text.
            pair["same_issuer"] = True
        return pair


def clusters(pairs: list[dict], min_passage: int) -> list[dict]:
    """Reports linked by copied passages, as groups: four counties sharing one text are one
    cluster of four, not six pairs.  Each cluster lists its members and its longest passage."""
    parent: dict[str, str] = {}

    def root(name: str) -> str:
        while parent.setdefault(name, name) != name:
            parent[name] = parent[parent[name]]
            name = parent[name]
        return name

    linked = [p for p in pairs if p["longest_passage"] >= min_passage and not p.get("same_issuer")]
    for pair in linked:
        parent[root(pair["a"])] = root(pair["b"])
    groups: dict[str, dict] = {}
    for pair in linked:
        group = groups.setdefault(root(pair["a"]), {"members": set(), "passage": ""})
        group["members"].update((pair["a"], pair["b"]))
        if len(pair["shared_passages"][0]) > len(group["passage"]):
            group["passage"] = pair["shared_passages"][0]
    out = [{"members": sorted(g["members"]), "size": len(g["members"]), "passage": g["passage"]} for g in groups.values()]
    return sorted(out, key=lambda c: (-c["size"], c["members"]))


def copied_by_report(pairs: list[dict], min_passage: int) -> dict[str, list[dict]]:
    """For each report, the other issuers' reports it shares a passage of ``min_passage`` characters or
    more with."""
    out: dict[str, list[dict]] = {}
    for pair in pairs:
        if pair["longest_passage"] < min_passage or pair.get("same_issuer"):
            continue
        passage = pair["shared_passages"][0]
        out.setdefault(pair["a"], []).append({"other": pair["b"], "passage": passage, "chars": len(passage)})
        out.setdefault(pair["b"], []).append({"other": pair["a"], "passage": passage, "chars": len(passage)})
    return out
