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

import heapq
import zlib
from array import array
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ..document.fingerprints import K, analysed_text, bare_text, fingerprint_runs, fingerprints
from ..results import Finding, Place, RuleResult

SKETCH = 16     # keep fingerprints divisible by this for pair finding


def sketch(prints: dict[int, int]) -> array:
    return array("I", sorted(fp for fp in prints if fp % SKETCH == 0))


@dataclass
class Entry:
    name: str
    sketch: array   # sorted sampled fingerprints
    offset: int     # where the compressed text starts in the corpus's spill file
    length: int


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

    def get(self, offset: int, length: int) -> str:
        self.file.seek(offset)
        return zlib.decompress(self.file.read(length)).decode("utf-8")


MAX_HOLDERS = 50   # a passage in more reports than this is boilerplate, not copying
CANDIDATES_PER_PAIR = 50  # pairs considered for each pair the batch may list
_BUCKETS, _BUCKET_SHIFT = 16, 28   # fingerprints (32 bits) grouped by their top four bits
_LOW = 0xFFFFFFFF
MIN_BATCH = 30     # below this, how many reports share a passage says nothing about boilerplate
COMMON_SHARE = 4   # …above it, a passage in more than a quarter of the batch is boilerplate
MIN_COPIED = 100   # characters: a shared passage this long is reported as copied text


def common_holders(count: int) -> int:
    """How many reports may share a fingerprint before it counts as boilerplate: in a batch big
    enough for the share to mean something, a quarter of it (never fewer than 5), at most
    MAX_HOLDERS (pair counting grows with the square of this number); "3 of 22" is copying."""
    if count < MIN_BATCH:
        return count
    return min(MAX_HOLDERS, max(5, count // COMMON_SHARE))


@lru_cache(maxsize=1)
def official_phrases() -> frozenset[int]:
    """Fingerprints of phrases quoted from central documents (data/boilerplate.txt, one a line):
    every report may repeat them; a rule author can extend the list."""
    text = resources.files("checker").joinpath("data/boilerplate.txt").read_text("utf-8")
    prints: set[int] = set()
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            prints.update(_all_prints(line))
    return frozenset(prints)


def _all_prints(text: str) -> set[int]:
    bare = bare_text(text)[0]
    return {zlib.crc32(bare[i:i + K].encode("utf-8")) for i in range(max(0, len(bare) - K + 1))}


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

    def add(self, name: str, text: str, prints: dict[int, int] | None = None, packed: bytes | None = None) -> None:
        """``prints`` and ``packed``: fingerprints and the compressed text, when a batch worker has
        made them (see :func:`pack`)."""
        offset, length = self.spill.put(packed if packed is not None else pack(text))
        self.numbers.setdefault(name, len(self.entries))
        self.entries.append(Entry(name, sketch(prints if prints is not None else fingerprints(text)), offset, length))

    def pairs(self, threshold: float = 0.3, max_pairs: int = 200, min_passage: int = 30) -> list[dict]:
        """Pairs whose shared fingerprints cover at least ``threshold`` of the smaller report, or
        that share a passage of MIN_COPIED characters or more (a copied paragraph in an otherwise
        different report)."""
        found, common = self._candidates(threshold, common_holders(len(self.entries)), official_phrases(),
                                         CANDIDATES_PER_PAIR * max_pairs)
        found.sort(key=lambda item: (-item[0], self.entries[item[1]].name, self.entries[item[2]].name))
        described = []
        # A report in several pairs is analysed once (a bounded memo: a batch's texts stay compressed).
        analysed = lru_cache(maxsize=64)(lambda index: analysed_text(self.text(index)))
        for score, a, b in found:
            pair = self._describe(a, b, score, common, min_passage, analysed)
            if score >= threshold or pair["longest_passage"] >= MIN_COPIED:
                described.append(pair)
            if len(described) >= max_pairs:
                break
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
        first, second = self.entries[a], self.entries[b]
        text = self.text(a)
        offsets, first_prints = analysed(a)
        second_prints = analysed(b)[1]
        runs = fingerprint_runs(sorted(pos for fp, pos in first_prints.items()
                            if fp in second_prints and fp not in common))
        passages = []
        for start, end in runs:
            stop = min(len(offsets), end + K)
            if stop - start >= min_passage:
                passages.append(text[offsets[start]:offsets[stop - 1] + 1])
        passages.sort(key=len, reverse=True)
        return {"a": first.name, "b": second.name, "similarity": round(score, 3),
                "shared_passages": passages[:5], "shared_chars": sum(len(p) for p in passages),
                "longest_passage": len(passages[0]) if passages else 0}


def clusters(pairs: list[dict], min_passage: int = MIN_COPIED) -> list[dict]:
    """Reports linked by copied passages, as groups: four counties sharing one text are one
    cluster of four, not six pairs.  Each cluster lists its members and its longest passage."""
    parent: dict[str, str] = {}

    def root(name: str) -> str:
        while parent.setdefault(name, name) != name:
            parent[name] = parent[parent[name]]
            name = parent[name]
        return name

    linked = [p for p in pairs if p["longest_passage"] >= min_passage]
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


def copied_by_report(pairs: list[dict], min_passage: int = MIN_COPIED) -> dict[str, list[dict]]:
    """For each report, the other reports it shares a passage of ``min_passage`` characters or more with."""
    out: dict[str, list[dict]] = {}
    for pair in pairs:
        if pair["longest_passage"] < min_passage:
            continue
        passage = pair["shared_passages"][0]
        out.setdefault(pair["a"], []).append({"other": pair["b"], "passage": passage, "chars": len(passage)})
        out.setdefault(pair["b"], []).append({"other": pair["a"], "passage": passage, "chars": len(passage)})
    return out


COPIED_RULE = {"rule_id": "batch.copied_passages", "title": "与同批其他报告没有大段相同的文字", "severity": "warning",
               "spec": ["practice.mingtian.structure"], "pack": "batch",
               "hint": "各地区各部门应当如实报告本地区本部门的情况；引用上级文件的表述不算雷同，但成段照抄其他报告的内容应当改写为本地的做法、数据和问题。"}


def _locate(text: str, bare: str, offsets: list[int], passage: str) -> tuple[int, int]:
    """Where a passage (cut from the other report) stands in this text: its ends are only as
    exact as a k-gram, and punctuation may differ, so a stretch from its middle is looked up in
    the bare text and the span grown to the passage's length."""
    exact = text.find(passage)
    if exact >= 0:
        return exact, exact + len(passage)
    passage_bare = bare_text(passage)[0]
    for skip in (K, 0, 2 * K):
        probe = passage_bare[skip:skip + 2 * K]
        found = bare.find(probe) if len(probe) >= K else -1
        if found >= 0:
            first = max(0, found - skip)
            last = min(len(offsets) - 1, first + len(passage_bare) - 1)
            return offsets[first], offsets[last] + 1
    return 0, 0


def copied_result(text: str, items: list[dict]) -> RuleResult:
    """The batch's result for one report: one finding per other report it shares a passage with,
    located where the passage stands in this report's text."""
    from ..document.normalize import line_col, line_starts

    starts = line_starts(text)
    bare, offsets = bare_text(text)
    findings = []
    for item in sorted(items, key=lambda i: (-i["chars"], i["other"])):
        start, end = _locate(text, bare, offsets, item["passage"])
        line, column = line_col(starts, start)
        end_line, end_column = line_col(starts, end)
        excerpt = item["passage"][:60] + ("……" if len(item["passage"]) > 60 else "")
        print_ = f"copied-{zlib.crc32(item['passage'].encode('utf-8')):08x}-{zlib.crc32(item['other'].encode('utf-8')):08x}"
        findings.append(Finding(f"与“{item['other']}”有一段 {item['chars']} 字的相同文字：“{excerpt}”", "warning",
                                Place(start, end, line, column, end_line, end_column), excerpt, print_))
    others = "、".join(f"“{i['other']}”" for i in items[:5]) + ("等" if len(items) > 5 else "")
    return RuleResult(**COPIED_RULE, status="fail", message=f"与同批 {len(items)} 份报告（{others}）有大段相同的文字",
                      findings=findings)
