#!/usr/bin/env python3
"""Benchmark (not a test): package import time and `inspect`/`check` of the largest corpus report.

usage: .venv/bin/python bench/inspect_and_import.py [FILE]
Prints the median, min and max of several cold processes for each figure.
"""
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 7


def timed(cmd):
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), min(samples), max(samples)


def main():
    corpus = ROOT.parent / "shared" / "corpus"
    default = max(corpus.glob("*.txt"), key=lambda p: p.stat().st_size) if corpus.is_dir() else ROOT / "examples" / "sample_report.txt"
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    py = sys.executable
    rows = [
        ("python -c pass (interpreter floor)", [py, "-c", "pass"]),
        ("import checker", [py, "-c", "import checker"]),
        ("import checker.run.pipeline (engine, rules loader)", [py, "-c", "import checker.run.pipeline"]),
        (f"fzcheck inspect {target.name}", [py, "-m", "checker", "inspect", str(target)]),
        (f"fzcheck check {target.name} --format json", [py, "-m", "checker", "check", str(target), "--format", "json",
                                                    "--output-dir", "/tmp/fzcheck-bench"]),
    ]
    print(f"{'what':60} {'median':>8} {'min':>8} {'max':>8}  ({RUNS} cold processes, seconds)")
    for label, cmd in rows:
        med, lo, hi = timed(cmd)
        print(f"{label:60} {med:8.3f} {lo:8.3f} {hi:8.3f}")


if __name__ == "__main__":
    main()
