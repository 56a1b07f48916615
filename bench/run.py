#!/usr/bin/env python3
"""The benchmark: fzcheck side by side with the floors any checker has, on the same corpus.

usage: bench/run [--sizes 1000,10000] [--runs 5] [--skip-textlint]

Each figure is the median of several runs with min and max (a corpus of 10,000 or more: three runs;
100,000: one), and every ratio compares figures taken in the same run:
  - cold `fzcheck check` of one ~25 KB report (whole process) against `python -c pass`, and the first
    check after installing (empty cache folder);
  - a repeated check through a warm process: `fzcheck check --server` against a running
    `fzcheck serve` (whole client process), the same with the server found by itself, and the live
    re-check's server time (encoding included; each request edits one digit);
  - batch throughput (reports/s, MB/s) at --jobs 1 and --jobs 2 with JSON output, with HTML, and with
    SARIF and JUnit,
    peak memory as PSS (proportional set size: pages shared by the workers counted once), and the
    number of similar report pairs the batch found;
  - floors on the same files: reading and decoding them; one Aho–Corasick pass (pyahocorasick) over
    every literal keyword of the rules; every rule pattern run on its own; GNU grep -F;
  - textlint 14 with one rule reporting the same keywords (time and PSS);
  - time against report size, one part grown from 1× to a 2 MB report, and against rule count.
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
    """Wall time and peak memory (PSS, KB) of a command and all its children, sampled from /proc."""
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
            rss[pid] = _pss(entry)
            children.setdefault(ppid, []).append(pid)
        except (OSError, IndexError, ValueError):
            continue
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def _pss(pid: str) -> int:
    """Proportional set size in KB: a page shared by n processes counts 1/n in each, so the sum over a
    forked pool is what the pool really holds (summed RSS counts shared pages once per worker)."""
    with open(f"/proc/{pid}/smaps_rollup") as handle:
        for line in handle:
            if line.startswith("Pss:"):
                return int(line.split()[1])
    return 0


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
    from checker.engine.ruleset import load_ruleset

    literals, patterns = set(), set()
    for rule in load_ruleset().rules:
        for _, pattern in checks.patterns_of(rule.check_type, {k: v for k, v in rule.raw_check.items() if k != "type"}):
            patterns.add(pattern)
            for branch in top_level_alternatives(pattern):
                if is_literal(branch) and len(branch) >= 2:
                    literals.add(branch)
    return sorted(literals), sorted(patterns)


def cold(report: Path, runs: int, first: bool = False):
    """A whole `fzcheck check` process with the default options (results store included).  ``first``:
    each run with an empty cache folder, as the first check after installing; otherwise the cache
    is as the earlier runs left it."""
    samples = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as out:
            env = {**os.environ, "FZCHECK_CACHE": str(Path(out) / "cache")} if first else None
            start = time.perf_counter()
            subprocess.run(FZ + ["check", str(report), "--format", "json", "--output-dir", out],
                           cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
            samples.append(time.perf_counter() - start)
    return stats(samples)


def python_start(runs: int):
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([PY, "-c", "pass"], cwd=ROOT)
        samples.append(time.perf_counter() - start)
    return stats(samples)


def through_server(report: Path, runs: int, discovered: bool = False):
    """A whole `fzcheck check --server` process per check, against a warm `fzcheck serve`; with
    ``discovered``, `fzcheck check --no-store` finding the server by itself (checker/serve/discovery.py)."""
    server = subprocess.Popen(FZ + ["serve", "--port", "0"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                              text=True)
    try:
        url = server.stdout.readline().split("：")[1].split("（")[0].strip().rstrip("/")
        samples = []
        with tempfile.TemporaryDirectory() as out:
            for index in range(runs + 1):
                start = time.perf_counter()
                how = ["--no-store"] if discovered else ["--server", url]
                subprocess.run(FZ + ["check", str(report), "--format", "json", "--output-dir", out, *how, "--no-config"],
                               cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                if index:  # the first request loads the rules in the server's worker
                    samples.append(time.perf_counter() - start)
        return stats(samples)
    finally:
        server.terminate()
        server.wait()


def warm(text: str, runs: int, rules=None):
    from checker.run.pipeline import Checker

    checker = Checker(rules=rules, discover_config=False)
    checker.check_text(text)
    samples = []
    for _ in range(max(runs, 1)):
        start = time.perf_counter()
        checker.check_text(text)
        samples.append(time.perf_counter() - start)
    return stats(samples)


def server_recheck(text: str, runs: int):
    """Server time (Server-Timing) and round trip of a live re-check through the web app's API; each
    request changes one digit in the middle of the text, as an author typing would."""
    import http.client
    import threading

    from checker.serve.server import create_server

    httpd = create_server("127.0.0.1", 0)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    port = httpd.server_address[1]
    digits = [i for i, ch in enumerate(text) if ch.isascii() and ch.isdigit()]
    middle = min(digits, key=lambda i: abs(i - len(text) // 2)) if digits else None
    server, round_trip = [], []
    try:
        for index in range(max(runs, 10) + 1):
            edited = text if middle is None else text[:middle] + str(index % 10) + text[middle + 1:]
            body = json.dumps({"text": edited}, ensure_ascii=False).encode("utf-8")
            connection = http.client.HTTPConnection("127.0.0.1", port)
            start = time.perf_counter()
            connection.request("POST", "/api/check", body, {"Host": f"127.0.0.1:{port}", "Content-Type": "application/json"})
            response = connection.getresponse()
            response.read()
            elapsed = time.perf_counter() - start
            connection.close()
            if index:  # the first request loads the rules and jieba
                # total: the request as the server handled it, JSON encoding included
                server.append(float(response.getheader("Server-Timing").split("total;dur=")[1]) / 1000)
                round_trip.append(elapsed)
    finally:
        httpd.shutdown()
        httpd.server_close()
    return stats(server), stats(round_trip)


def batch(folder: Path, jobs: int, runs: int, formats: str = "json"):
    """(time stats, peak PSS in KB, similar pairs found) of checking the folder."""
    times, peaks, pairs = [], [], 0
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as out:
            elapsed, peak = run_with_rss(FZ + ["check", str(folder), "--format", formats, "--output-dir", out,
                                               "--jobs", str(jobs), "--no-store"])
            times.append(elapsed)
            peaks.append(peak)
            summary = Path(out) / "summary.json"
            pairs = len(json.loads(summary.read_text("utf-8"))["similar_pairs"]) if summary.exists() else 0
    return stats(times), max(peaks), pairs


def _timed_over(folder: Path, runs: int, work) -> tuple[float, float, float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        for path in sorted(folder.glob("*.txt")):
            work(path.read_bytes().decode("utf-8"))
        samples.append(time.perf_counter() - start)
    return stats(samples)


def read_floor(folder: Path, runs: int):
    """Reading and decoding every file, nothing else."""
    return _timed_over(folder, runs, len)


def aho_corasick_floor(folder: Path, literals: list[str], runs: int):
    """One pass of an Aho–Corasick automaton over every literal keyword of the rules (pyahocorasick),
    or None when it is not installed."""
    try:
        import ahocorasick
    except ImportError:
        return None
    automaton = ahocorasick.Automaton()
    for index, word in enumerate(literals):
        automaton.add_word(word, index)
    automaton.make_automaton()
    return _timed_over(folder, runs, lambda text: sum(1 for _ in automaton.iter(text)))


def patterns_floor(folder: Path, patterns: list[str], runs: int):
    """Every rule pattern compiled on its own and run over the whole text, with the timeout fzcheck
    gives rule patterns: the matching a checker of these rules cannot avoid."""
    compiled = [regex.compile(p) for p in patterns]
    return _timed_over(folder, runs, lambda text: sum(1 for p in compiled for _ in p.finditer(text, timeout=1.0)))


def grep_floor(folder: Path, literals: list[str], runs: int):
    grep = shutil.which("rg") or shutil.which("grep")
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as handle:
        handle.write("\n".join(literals) + "\n")
    # -o prints every match (what a checker reports), not a count of matching lines.
    cmd = ([grep, "-o", "-F", "-f", handle.name, str(folder)] if grep.endswith("rg")
           else [grep, "-r", "-o", "-F", "-f", handle.name, str(folder)])
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
    """(time stats, peak PSS in KB) of textlint over the corpus."""
    binary = folder / "node_modules" / ".bin" / "textlint"
    samples, peaks = [], []
    for _ in range(runs):
        elapsed, peak = run_with_rss([str(binary), "--rulesdir", "rules", "--format", "json", f"{corpus_dir}/*.txt"],
                                     cwd=folder)
        samples.append(elapsed)
        peaks.append(peak)
    return stats(samples), max(peaks)


def grown(text: str, target_bytes: int) -> str:
    """The report with its first part lengthened by its own paragraphs until it is ``target_bytes``
    of UTF-8: one part grows, as in a long report, instead of the whole report repeating."""
    lines = text.split("\n")
    heads = [i for i, line in enumerate(lines) if regex.match(r"^\s*[一二三四五六七八九十]{1,2}、", line)]
    if len(heads) < 2:
        return text
    first, second = heads[0], heads[1]
    body = [line for line in lines[first + 1:second] if line.strip()] or ["全年办理行政复议案件35件。"]
    extra, size, index = [], len(text.encode("utf-8")), 0
    while size < target_bytes:
        line = body[index % len(body)]
        extra.append(line)
        size += len(line.encode("utf-8")) + 1
        index += 1
    return "\n".join(lines[:second] + extra + lines[second:])


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


def per_report_ms(timing, size: int) -> float:
    return timing[0] * 1000 / size


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-textlint", action="store_true")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    # Every process started here uses a cache folder and a results store of its own: the figures do
    # not depend on what this machine's user has cached or stored, and nothing is added to them.
    scratch = Path(tempfile.mkdtemp(prefix="fzcheck-bench-"))
    os.environ["FZCHECK_CACHE"] = str(scratch / "cache")
    os.environ["FZCHECK_STORE"] = str(scratch / "results.sqlite")
    # An installed fzcheck runs from compiled bytecode (pip compiles at install time); a machine that
    # sets PYTHONDONTWRITEBYTECODE would otherwise time the compiler in every process started here.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "checker")], check=True)
    sizes = [int(s) for s in args.sizes.split(",")]
    literals, patterns = rule_keywords()
    small = corpus(sizes[0])
    report = min(small.glob("*.txt"), key=lambda p: abs(p.stat().st_size - 25_000))
    text = report.read_text("utf-8")
    lines = [f"# fzcheck benchmark — {time.strftime('%Y-%m-%d')}", "",
             f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
             f"{platform.platform()}.", f"Rule packs: {len(literals)} literal keywords, {len(patterns)} patterns.",
             "Memory is peak PSS of the process tree.", "",
             "| measurement | result | target |", "|---|---|---|"]
    floor = python_start(args.runs)
    first_run = cold(report, args.runs, first=True)
    cold_run = cold(report, args.runs)
    lines.append(f"| `python -c pass` (the interpreter's start) | {fmt(floor, 'ms', 1000, 0)} | — |")
    lines.append(f"| first `fzcheck check` after installing (empty cache folder), one {report.stat().st_size // 1024} KB "
                 f"report | {fmt(first_run)}; {first_run[0] / floor[0]:.0f}× `python -c pass` | — |")
    lines.append(f"| cold `fzcheck check` of one {report.stat().st_size // 1024} KB report (results store on) | "
                 f"{fmt(cold_run)}; {cold_run[0] / floor[0]:.0f}× `python -c pass` | ≤ 0.25 s |")
    remote = through_server(report, args.runs * 2)
    lines.append(f"| repeated check through a warm process: whole `fzcheck check --server` process | "
                 f"{fmt(remote, 'ms', 1000, 0)}; {remote[0] / floor[0]:.1f}× `python -c pass` | ≤ 30 ms |")
    found = through_server(report, args.runs * 2, discovered=True)
    lines.append(f"| the same, `fzcheck check --no-store` finding the running server by itself | "
                 f"{fmt(found, 'ms', 1000, 0)}; {found[0] / floor[0]:.1f}× `python -c pass` | ≤ 30 ms |")
    lines.append(f"| warm re-check, same text, in process | {fmt(warm(text, args.runs * 4), 'ms', 1000, 1)} | — |")
    twenty = grown(text, 20_000)
    server, round_trip = server_recheck(twenty, args.runs * 4)
    lines.append(f"| `fzcheck serve` live re-check of a {len(twenty.encode()) // 1000} KB report: server time (encoding "
                 f"included) / round trip | {fmt(server, 'ms', 1000, 1)} / {fmt(round_trip, 'ms', 1000, 1)} | ≤ 10 ms |")
    for size in sizes:
        folder = corpus(size)
        megabytes = corpus_bytes(folder) / 2**20
        runs = args.runs if size <= 1000 else 3 if size <= 10_000 else 1
        read = read_floor(folder, runs)
        aho = aho_corasick_floor(folder, literals, runs)
        one_by_one = patterns_floor(folder, patterns, runs)
        grep_name, grep = grep_floor(folder, literals, runs)
        lines.append(f"| floor: read and decode, {size} reports ({megabytes:.0f} MB) | {per_report_ms(read, size):.2f} ms/report | — |")
        lines.append("| floor: Aho–Corasick over every literal keyword | "
                     + (f"{per_report_ms(aho, size):.2f} ms/report |" if aho else "pyahocorasick not installed |") + " — |")
        lines.append(f"| floor: every rule pattern on its own | {per_report_ms(one_by_one, size):.2f} ms/report | — |")
        lines.append(f"| floor: {grep_name} -F with every literal keyword | {per_report_ms(grep, size):.3f} ms/report | — |")
        for jobs in (1, 2):
            timing, peak, pairs = batch(folder, jobs, runs)
            target = ("≥ 300 reports/s" if jobs == 2 else "—") + (", ≤ 1 GB at 100,000" if size >= 100_000 else "")
            lines.append(f"| fzcheck --jobs {jobs}, {size} reports, JSON | {size / timing[0]:.0f} reports/s "
                         f"({size / timing[2]:.0f}–{size / timing[1]:.0f}), {per_report_ms(timing, size) * jobs:.1f} core-ms "
                         f"per report ({per_report_ms(timing, size) * jobs / per_report_ms(one_by_one, size):.1f}× the "
                         f"patterns floor), peak {peak / 1024:.0f} MB; {pairs} similar pairs found | {target} |")
        if size <= 10_000:
            timing, peak, _ = batch(folder, 2, 1, "json,html")
            lines.append(f"| fzcheck --jobs 2, {size} reports, JSON and HTML | {size / timing[0]:.0f} reports/s, "
                         f"peak {peak / 1024:.0f} MB | — |")
        timing, peak, _ = batch(folder, 2, 1, "json,sarif,junit")
        lines.append(f"| fzcheck --jobs 2, {size} reports, JSON, SARIF and JUnit | {size / timing[0]:.0f} reports/s, "
                     f"peak {peak / 1024:.0f} MB | SARIF/JUnit streamed |")
        if not args.skip_textlint and size <= 1000:
            folder_tl = textlint_setup(literals)
            if folder_tl:
                tl, tl_peak = textlint(folder_tl, folder, max(1, runs // 2))
                lines.append(f"| textlint 14 (one keyword rule), {size} reports | {size / tl[0]:.0f} reports/s, "
                             f"{per_report_ms(tl, size):.1f} ms per report, peak {tl_peak / 1024:.0f} MB | "
                             f"fzcheck faster, at a tenth of its memory |")
    size_rows = []
    for target in (len(text.encode("utf-8")), 100_000, 500_000, 2_000_000):
        longer = grown(text, target)
        timing = warm(longer, 3 if target < 1_000_000 else 1)
        size_rows.append(f"{len(longer.encode('utf-8')) / 1e6:.2f} MB: {timing[0] * 1000:.0f} ms "
                         f"({timing[0] * 1e6 / len(longer):.2f} µs/char)")
    lines.append(f"| warm check against report size (first part grown) | {'; '.join(size_rows)} | linear; 2 MB ≤ 1 s |")
    with tempfile.TemporaryDirectory() as folder:
        rule_rows = []
        for factor in (1, 2, 5, 10):
            timing = warm(text, args.runs, scaled_rules(factor, Path(folder)))
            rule_rows.append(f"{factor}× core: {timing[0] * 1000:.1f} ms")
    lines.append(f"| warm check against rule count | {'; '.join(rule_rows)} | — |")
    shutil.rmtree(scratch, ignore_errors=True)
    result = "\n".join(lines) + "\n"
    (OUT / "results.md").write_text(result, encoding="utf-8")
    print(result)


if __name__ == "__main__":
    main()
