#!/usr/bin/env python3
"""Reproducible synthetic corpus for the benchmark.

usage: .venv/bin/python bench/generate.py N OUT_DIR [--seed S] [--reuse]

Builds N reports from the project's own example reports (tests/corpus, examples) and, when
present, ../shared/corpus.  Each report keeps the skeleton of a base report — its title and head,
its part and sub-part headings, the opening words of each paragraph (一是、（一）、the marker and the
first clause) — with the top-level parts reordered or dropped, and the achievements part lengthened,
so that sizes run from about 2 KB to 60 KB (log-uniform).  The rest of every paragraph is new text:
a character Markov chain (order ORDER) trained on all the base reports writes it, and figures are
changed.  So no paragraph recurs across the corpus (with ``--reuse``, the older generator's way, the
paragraphs are copied from the base reports and most of them recur: any per-paragraph cache would
look good on such a corpus and help no real round).  One report in a hundred copies a long passage
of the report before it: the batch's copied-text detection has pairs to find.
"""
from __future__ import annotations

import argparse
import math
import random
import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PART = re.compile(r"^\s*[一二三四五六七八九十]{1,2}、", re.M)
ORDER = 2          # characters of context in the Markov chain
LOOSE = 0.5        # the share of characters chosen after one character of context instead (fewer verbatim runs)
KEPT = re.compile(r"^[^，。；：]{0,14}[，。；：]?")  # a paragraph's opening words, kept as they are
LONG = 30          # paragraphs at least this long are rewritten; shorter lines (headings) are kept


def bases() -> list[str]:
    files = sorted((ROOT / "tests" / "corpus").glob("*.txt")) + [ROOT / "examples" / "sample_report.txt"]
    shared = ROOT.parent / "shared" / "corpus"
    if shared.is_dir():
        files += sorted(shared.glob("*.txt"))
    return [f.read_text("utf-8") for f in files]


def split_parts(text: str) -> tuple[str, list[str]]:
    starts = [m.start() for m in PART.finditer(text)]
    if not starts:
        return text, []
    return text[:starts[0]], [text[a:b] for a, b in zip(starts, starts[1:] + [len(text)])]


def change_figures(text: str, rng: random.Random) -> str:
    return re.sub(r"\d+(\.\d+)?", lambda m: str(max(1, int(float(m.group()) * rng.uniform(0.5, 1.5)))) if rng.random() < 0.5
                  else m.group(), text)


def paragraphs(texts: list[str]) -> list[str]:
    return [p for t in texts for p in t.split("\n") if len(p) > 60 and not PART.match(p)]


class Chain:
    """A character Markov chain: after each ORDER characters (or, for a LOOSE share of characters,
    after one), the characters that followed them in the base reports, as often as they did.  The
    looser steps keep the text from running along a base report verbatim: two generated reports
    share about as many 12-character runs as two real reports of different issuers."""

    def __init__(self, texts: list[str]):
        self.next: dict[str, list[str]] = {}
        for text in texts:
            for line in text.split("\n"):
                if len(line) < LONG or PART.match(line):
                    continue
                for order in (1, ORDER):
                    for i in range(len(line) - order):
                        self.next.setdefault(line[i:i + order], []).append(line[i + order])
        self.starts = sorted(k for k in self.next if len(k) == ORDER)

    def write(self, rng: random.Random, lead: str, length: int) -> str:
        """About ``length`` characters following ``lead``, ending at a sentence end when it can."""
        context = lead[-ORDER:] if lead[-ORDER:] in self.next else rng.choice(self.starts)
        out: list[str] = []
        while True:
            choices = self.next.get(context[-1:] if rng.random() < LOOSE else context) or self.next.get(context)
            if not choices:
                context = rng.choice(self.starts)
                continue
            ch = rng.choice(choices)
            out.append(ch)
            context = context[1:] + ch
            if len(out) >= length and ch in "。；" or len(out) >= 2 * length + 40:
                return "".join(out)


def rewritten(text: str, rng: random.Random, chain: Chain) -> str:
    """Every long paragraph: its opening words kept, the rest written anew by the chain."""
    lines = []
    for line in text.split("\n"):
        if len(line) < LONG or PART.match(line):
            lines.append(line)
            continue
        lead = KEPT.match(line).group()
        lines.append(lead + chain.write(rng, lead, max(20, len(line) - len(lead))))
    return "\n".join(lines)


def make(rng: random.Random, sources: list[str], pool: list[str], chain: Chain | None) -> str:
    head, parts = split_parts(rng.choice(sources))
    if len(parts) > 2 and rng.random() < 0.3:
        parts.pop(rng.randrange(1, len(parts)))        # a part goes missing
    if len(parts) > 2 and rng.random() < 0.2:
        i, j = rng.sample(range(len(parts)), 2)
        parts[i], parts[j] = parts[j], parts[i]        # parts out of order
    target = int(math.exp(rng.uniform(math.log(2_000), math.log(60_000))))  # bytes
    body = head + "".join(parts)
    extra = []
    while len((body + "".join(extra)).encode("utf-8")) < target:
        extra.append(rng.choice(pool) + "\n")
    if parts:
        parts[0] = parts[0].rstrip("\n") + "\n" + "".join(extra)
        body = head + "".join(parts)
    else:
        body += "".join(extra)
    if chain is not None:
        body = rewritten(body, rng, chain)
    return change_figures(body, rng)


COPY_SHARE = 0.01
COPY_CHARS = 600


def plant_copy(text: str, previous: str, rng: random.Random) -> str:
    """``text`` with a passage of ``previous`` appended to its first part (a copied paragraph)."""
    start = rng.randrange(0, max(1, len(previous) - COPY_CHARS))
    passage = previous[start:start + COPY_CHARS].replace("\n", "")
    head, parts = split_parts(text)
    if not parts:
        return text + "\n" + passage + "\n"
    parts[0] = parts[0].rstrip("\n") + "\n" + passage + "\n"
    return head + "".join(parts)


def recurring_share(folder: Path) -> float:
    """The share of long paragraphs (LONG characters or more) whose text occurs more than once in the corpus."""
    counts: Counter = Counter()
    for path in folder.glob("*.txt"):
        counts.update(line for line in path.read_text("utf-8").split("\n") if len(line) >= LONG)
    total = sum(counts.values())
    return sum(n for n in counts.values() if n > 1) / total if total else 0.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("count", type=int)
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=20261122)
    parser.add_argument("--reuse", action="store_true", help="copy the base reports' paragraphs (most recur)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    sources = bases()
    pool = paragraphs(sources)
    chain = None if args.reuse else Chain(sources)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    total, planted, previous = 0, 0, ""
    for index in range(args.count):
        text = make(rng, sources, pool, chain)
        if previous and rng.random() < COPY_SHARE:
            text = plant_copy(text, previous, rng)
            planted += 1
        previous = text
        (out / f"report_{index:05d}.txt").write_text(text, encoding="utf-8")
        total += len(text.encode("utf-8"))
    print(f"{args.count} reports, {total / 2**20:.1f} MB in {out}; {planted} copy a passage of the one before; "
          f"{recurring_share(out):.0%} of long paragraphs recur")


if __name__ == "__main__":
    main()
