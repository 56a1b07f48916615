#!/usr/bin/env python3
"""Reproducible synthetic corpus for the benchmark.

usage: .venv/bin/python bench/generate.py N OUT_DIR [--seed S]

Builds N reports from the project's own example reports (tests/corpus, examples) and, when
present, ../shared/corpus: the top-level parts of a base report are reordered or dropped, figures
are changed, and the achievements part is lengthened with paragraphs from other reports so that
sizes run from about 2 KB to 60 KB (log-uniform).  One report in a hundred copies a long passage of
the report before it (after its figures were changed, so the passage is that report's own): the
batch's copied-text detection has pairs to find, and the benchmark counts them.
"""
from __future__ import annotations

import argparse
import math
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PART = re.compile(r"^\s*[一二三四五六七八九十]{1,2}、", re.M)


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


def make(rng: random.Random, sources: list[str], pool: list[str]) -> str:
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("count", type=int)
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=20261122)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    sources = bases()
    pool = paragraphs(sources)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    total, planted, previous = 0, 0, ""
    for index in range(args.count):
        text = make(rng, sources, pool)
        if previous and rng.random() < COPY_SHARE:
            text = plant_copy(text, previous, rng)
            planted += 1
        previous = text
        (out / f"report_{index:05d}.txt").write_text(text, encoding="utf-8")
        total += len(text.encode("utf-8"))
    print(f"{args.count} reports, {total / 2**20:.1f} MB in {out}; {planted} copy a passage of the one before")


if __name__ == "__main__":
    main()
