#!/usr/bin/env python3
"""The benchmark: fzcheck side by side with the floors any checker has, on the same corpus.

usage: bench/run [--sizes 1000,10000] [--runs 5] [--skip-textlint]

Figures, each the median of several runs with min and max:
  - cold `fzcheck check` of one ~25 KB report (whole process, default rules);
  - warm re-check of the same text inside one process;
  - batch throughput (reports/s, MB/s) at --jobs 1 and --jobs 2 with JSON output, and peak RSS;
  - time against report size (1× to 64×) and against the number of rules (1× to 10× the core pack).
Side by side on the same corpus:
  - the Python floor: read every file and run one combined regex of the rule packs' literal
    keywords and patterns over it;
  - the native floor: GNU grep with the same literal keywords;
  - a peer: textlint (installed from npm into bench/out/textlint) with a rule reporting the same
    keyword list.
Writes bench/out/results.md and prints it.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import regex
import yaml

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PY = sys.executable
FZ = [PY, "-m", "checker"]
sys.path.insert(0, str(ROOT))


def stats(samples: list[float]) -> tuple[float, float, float]:
    return statistics.median(samples), min(samples), max(samples)


def fmt(triple, unit="s", scale=1.0, digits=3) -> str:
    med, lo, hi = (x * scale for x in triple)
    return f"{med:.{digits}f} {unit} ({lo:.{digits}f}–{hi:.{digits}f})"


def run_with_rss(cmd: list[str], cwd=ROOT) -> tuple[float, int]:
    """Wall time and peak RSS (KB) of a command and all its children, sampled from /proc."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    done = threading.Event()

    def sample():
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(proc.pid))
            time.sleep(0.05)

    watcher = threading.Thread(target=sample, daemon=True)
    watcher.start()
    proc.wait()
    elapsed = time.perf_counter() - start
    done.set()
    watcher.join()
    return elapsed, peak


def _tree_rss(root: int) -> int:
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            pid, ppid = int(entry), int(fields[1])
            with open(f"/proc/{entry}/statm") as handle:
                rss[pid] = int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
            children.setdefault(ppid, []).append(pid)
        except (OSError, IndexError, ValueError):
            continue
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def corpus(size: int) -> Path:
    folder = OUT / f"corpus-{size}"
    if not folder.is_dir() or len(list(folder.glob("*.txt"))) != size:
        subprocess.run([PY, str(ROOT / "bench" / "generate.py"), str(size), str(folder)], check=True)
    return folder


def corpus_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.glob("*.txt"))


def rule_keywords() -> tuple[list[str], list[str]]:
    """Literal keywords and all patterns of the bundled rule packs."""
    from checker import checks
    from checker.rulestools.patterns import is_literal, top_level_alternatives
    from checker.ruleset import load_ruleset

    literals, patterns = set(), set()
    for rule in load_ruleset().rules:
        for _, pattern in checks.patterns_of(rule.check_type, {k: v for k, v in rule.raw_check.items() if k != "type"}):
            patterns.add(pattern)
            for branch in top_level_alternatives(pattern):
                if is_literal(branch) and len(branch) >= 2:
                    literals.add(branch)
    return sorted(literals), sorted(patterns)


def cold(report: Path, runs: int):
    samples = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as out:
            start = time.perf_counter()
            subprocess.run(FZ + ["check", str(report), "--format", "json", "--output-dir", out],
                           cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            samples.append(time.perf_counter() - start)
    return stats(samples)


def warm(text: str, runs: int, rules=None):
    from checker.pipeline import Checker

    checker = Checker(rules=rules, discover_config=False)
    checker.check_text(text)
    samples = []
    for _ in range(max(runs, 10)):
        start = time.perf_counter()
        checker.check_text(text)
        samples.append(time.perf_counter() - start)
    return stats(samples)


def server_recheck(text: str, runs: int):
    """Server time (Server-Timing) and round trip of a live re-check through the web app's API."""
    import http.client
    import threading

    from checker.server import create_server

    httpd = create_server("127.0.0.1", 0)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    port = httpd.server_address[1]
    body = json.dumps({"text": text}, ensure_ascii=False).encode("utf-8")
    server, round_trip = [], []
    try:
        for index in range(max(runs, 10) + 1):
            connection = http.client.HTTPConnection("127.0.0.1", port)
            start = time.perf_counter()
            connection.request("POST", "/api/check", body, {"Host": f"127.0.0.1:{port}", "Content-Type": "application/json"})
            response = connection.getresponse()
            response.read()
            elapsed = time.perf_counter() - start
            connection.close()
            if index:  # the first request loads the rules and jieba
                server.append(float(response.getheader("Server-Timing").split("dur=")[1]) / 1000)
                round_trip.append(elapsed)
    finally:
        httpd.shutdown()
        httpd.server_close()
    return stats(server), stats(round_trip)


def batch(folder: Path, jobs: int, runs: int):
    times, peaks = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as out:
            elapsed, peak = run_with_rss(FZ + ["check", str(folder), "--format", "json", "--output-dir", out,
                                               "--jobs", str(jobs)])
            times.append(elapsed)
            peaks.append(peak)
    return stats(times), max(peaks)


def python_floor(folder: Path, literals: list[str], patterns: list[str], runs: int):
    combined = regex.compile("|".join(f"(?:{p})" for p in sorted(set(patterns) | set(map(regex.escape, literals)))))
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        hits = 0
        for path in sorted(folder.glob("*.txt")):
            hits += sum(1 for _ in combined.finditer(path.read_text("utf-8")))
        samples.append(time.perf_counter() - start)
    return stats(samples)


def grep_floor(folder: Path, literals: list[str], runs: int):
    grep = shutil.which("rg") or shutil.which("grep")
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as handle:
        handle.write("\n".join(literals) + "\n")
    cmd = ([grep, "-c", "-F", "-f", handle.name, str(folder)] if grep.endswith("rg")
           else [grep, "-r", "-c", "-F", "-f", handle.name, str(folder)])
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        samples.append(time.perf_counter() - start)
    os.unlink(handle.name)
    return Path(grep).name, stats(samples)


TEXTLINT_RULE = """module.exports = function (context) {
  const { Syntax, RuleError, report, getSource } = context;
  const words = require("./keywords.json");
  return {
    [Syntax.Str](node) {
      const text = getSource(node);
      for (const word of words) {
        let index = text.indexOf(word);
        while (index !== -1) {
          report(node, new RuleError("关键词：" + word, { index }));
          index = text.indexOf(word, index + word.length);
        }
      }
    }
  };
};
"""


def textlint_setup(literals: list[str]) -> Path | None:
    folder = OUT / "textlint"
    if not shutil.which("npm"):
        return None
    (folder / "rules").mkdir(parents=True, exist_ok=True)
    (folder / "rules" / "keywords.js").write_text(TEXTLINT_RULE, encoding="utf-8")
    (folder / "rules" / "keywords.json").write_text(json.dumps(literals, ensure_ascii=False), encoding="utf-8")
    (folder / ".textlintrc.json").write_text(json.dumps({"rules": {"keywords": True}}), encoding="utf-8")
    if not (folder / "node_modules" / ".bin" / "textlint").exists():
        (folder / "package.json").write_text('{"name": "fzcheck-bench", "private": true}', encoding="utf-8")
        done = subprocess.run(["npm", "install", "--silent", "--no-audit", "--no-fund", "textlint@14"], cwd=folder)
        if done.returncode != 0:
            return None
    return folder


def textlint(folder: Path, corpus_dir: Path, runs: int):
    binary = folder / "node_modules" / ".bin" / "textlint"
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([str(binary), "--rulesdir", "rules", "--format", "json", f"{corpus_dir}/*.txt"], cwd=folder,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        samples.append(time.perf_counter() - start)
    return stats(samples)


def scaled_rules(factor: int, folder: Path) -> list[str]:
    """The core pack repeated ``factor`` times under new ids."""
    text = (ROOT / "rules" / "core.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    rules = []
    for copy in range(factor):
        for rule in data["rules"]:
            rules.append({**rule, "id": f"{rule['id']}.x{copy}" if copy else rule["id"]})
    path = folder / f"core-x{factor}.yaml"
    rules = json.loads(json.dumps(rules, ensure_ascii=False))  # no shared objects, so no YAML aliases
    path.write_text(yaml.safe_dump({"pack": {"name": f"corex{factor}", "version": "1"}, "rules": rules},
                                   allow_unicode=True), encoding="utf-8")
    return [str(path)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-textlint", action="store_true")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",")]
    literals, patterns = rule_keywords()
    small = corpus(sizes[0])
    report = min(small.glob("*.txt"), key=lambda p: abs(p.stat().st_size - 25_000))
    text = report.read_text("utf-8")
    lines = [f"# fzcheck benchmark — {time.strftime('%Y-%m-%d')}", "",
             f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
             f"{platform.platform()}.", f"Rule packs: {len(literals)} literal keywords, {len(patterns)} patterns.", "",
             "| measurement | result | target |", "|---|---|---|"]
    lines.append(f"| cold `fzcheck check` of one {report.stat().st_size // 1024} KB report | {fmt(cold(report, args.runs))} | < 0.3 s |")
    lines.append(f"| warm re-check, same text | {fmt(warm(text, args.runs * 4), 'ms', 1000, 1)} | < 20 ms |")
    server, round_trip = server_recheck(text, args.runs * 4)
    lines.append(f"| `fzcheck serve` live re-check: server time / round trip | {fmt(server, 'ms', 1000, 1)} / "
                 f"{fmt(round_trip, 'ms', 1000, 1)} (the round trip also renders the page fragments and the "
                 f"downloadable HTML) | < 20 ms |")
    for size in sizes:
        folder = corpus(size)
        megabytes = corpus_bytes(folder) / 2**20
        runs = args.runs if size <= 1000 else 1
        floor = python_floor(folder, literals, patterns, runs)
        grep_name, grep = grep_floor(folder, literals, runs)
        lines.append(f"| Python regex floor, {size} reports ({megabytes:.0f} MB) | {size / floor[0]:.0f} reports/s, "
                     f"{megabytes / floor[0]:.1f} MB/s | — |")
        lines.append(f"| {grep_name} -F floor, {size} reports | {size / grep[0]:.0f} reports/s, {megabytes / grep[0]:.1f} MB/s | — |")
        for jobs in (1, 2):
            timing, peak = batch(folder, jobs, runs)
            lines.append(f"| fzcheck --jobs {jobs}, {size} reports | {size / timing[0]:.0f} reports/s "
                         f"({size / timing[2]:.0f}–{size / timing[1]:.0f}), {megabytes / timing[0]:.2f} MB/s, "
                         f"peak RSS {peak / 1024:.0f} MB; {timing[0] / floor[0]:.1f}× the Python floor | "
                         f"{'≥ 300 reports/s, ≤ 5× floor' if jobs == 2 else '—'}{', RSS < 300 MB' if size >= 10000 else ''} |")
        if not args.skip_textlint and size <= 1000:
            folder_tl = textlint_setup(literals)
            if folder_tl:
                tl = textlint(folder_tl, folder, max(1, runs // 2))
                lines.append(f"| textlint 14 (keyword rule), {size} reports | {size / tl[0]:.0f} reports/s, "
                             f"{megabytes / tl[0]:.2f} MB/s | fzcheck ≥ 2× |")
    base = text
    size_rows = []
    for factor in (1, 4, 16, 64):
        timing = warm(base * factor, max(3, args.runs // factor))
        size_rows.append(f"{factor}× ({len(base) * factor // 1000}k chars): {timing[0] * 1000:.0f} ms")
    lines.append(f"| warm check against report size | {'; '.join(size_rows)} | linear |")
    with tempfile.TemporaryDirectory() as folder:
        rule_rows = []
        for factor in (1, 2, 5, 10):
            timing = warm(text, args.runs, scaled_rules(factor, Path(folder)))
            rule_rows.append(f"{factor}× core: {timing[0] * 1000:.1f} ms")
    lines.append(f"| warm check against rule count | {'; '.join(rule_rows)} | — |")
    result = "\n".join(lines) + "\n"
    (OUT / "results.md").write_text(result, encoding="utf-8")
    print(result)


if __name__ == "__main__":
    main()
