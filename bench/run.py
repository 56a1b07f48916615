#!/usr/bin/env python3
"""The benchmark: fzcheck side by side with the floors any checker has, on the same corpus.

usage: bench/run [--sizes 1000,10000] [--runs 5] [--against CHECKOUT] [--skip-textlint] [--no-wheel]

The machine may be shared: every figure of work is CPU time (user + system) from the kernel's
rusage of the whole process tree (the workers are children of the checked process, so their time is
in its RUSAGE_CHILDREN), not wall time × jobs; the runs of the rows compared with each other are
interleaved (A B A B …, not A A A B B B), so a change in the machine's load hits both; the start-up
rows are the median of at least five runs (``--runs``), the --jobs 2 batch rows of ``--batch-runs``
(default 3; a 1,000-report batch takes a minute on a loaded 2-core machine), each with min and max;
the load average is printed beside the table at the start and the end.  Rows:
  - the first check after installing (the wheel built from this checkout and installed into a
    folder, an empty cache folder) beside the cold check with a warm cache folder, the same first
    check from the checkout (no shipped data: what every first run paid before), and `python -c
    pass`, all interleaved;
  - a repeated check through a warm process (`fzcheck check --server`, the server found by itself,
    the live re-check's server time);
  - batch CPU per report, reports/s and peak memory (PSS of the process tree) at --jobs 1 and 2,
    with ``--against CHECKOUT`` the same for another checkout of fzcheck (e.g. a worktree of the
    commit a change started from) in the same interleaved runs; the number of similar report pairs
    found, saying when it is the cap; the same with the results store on, with HTML, with SARIF and
    JUnit;
  - floors on the same files (CPU): reading and decoding; one pass of an Aho–Corasick automaton
    (pyahocorasick, when installed: measured, not a dependency) over every literal keyword of the
    rules; every rule pattern run on its own, without and with regex's per-call timeout; GNU grep -F;
  - a profile: CPU per report of each stage of the worker's path (read, document model, rules,
    batch-step preparation, report, JSON, HTML, the round's digest), the rules by check type;
  - textlint 14 with one rule reporting the same keywords; time against report size and rule count.
The corpus is bench/generate.py's: no paragraph recurs, and the share of each report's sampled
12-character runs found in another report is printed (real reports of different issuers: under 10%).
Writes bench/out/results.md and prints it.
"""
from __future__ import annotations

import argparse
import inspect
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
    folder = OUT / f"corpus-fresh-{size}"  # bench/generate.py's fresh paragraphs (the older corpus-N recur)
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
        elapsed, _, peak = tree_run([str(binary), "--rulesdir", "rules", "--format", "json", f"{corpus_dir}/*.txt"],
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


def tree_run(cmd: list[str], env: dict | None = None, cwd=ROOT) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds of the process and every child it waited for, peak PSS in KB) of
    a command.  The CPU time is the kernel's rusage of the tree (os.wait4): a batch's workers are
    the checked process's children, so their time is in it, whatever else the machine is doing."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    done = threading.Event()

    def sample():
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(proc.pid))
            time.sleep(0.05)

    watcher = threading.Thread(target=sample, daemon=True)
    watcher.start()
    _, _, usage = os.wait4(proc.pid, 0)
    proc.returncode = 0
    elapsed = time.perf_counter() - start
    done.set()
    watcher.join()
    return elapsed, usage.ru_utime + usage.ru_stime, peak


def interleaved(cases: dict[str, "callable"], runs: int) -> dict[str, list]:
    """Each case run ``runs`` times, the cases taking turns (A B C A B C …, the order rotating each
    round), so a change in the machine's load falls on all of them alike."""
    samples: dict[str, list] = {name: [] for name in cases}
    names = list(cases)
    for index in range(runs):
        turn = names[index % len(names):] + names[:index % len(names)]
        for name in turn:
            samples[name].append(cases[name]())
    return samples


def load_line() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.1f} / {five:.1f} / {fifteen:.1f} (1, 5, 15 min) on {os.cpu_count()} cores"


def env_for(checkout: Path | None, cache: Path | None, **extra) -> dict:
    """The environment of a fzcheck process: ``checkout``'s package first on the path (another
    worktree, or an installed folder), its own cache folder (``None``: a new empty one each run is
    made by the caller), no results store unless asked."""
    env = {**os.environ, "FZCHECK_STORE": "", **extra}
    if checkout is not None:
        env["PYTHONPATH"] = str(checkout)
    if cache is not None:
        env["FZCHECK_CACHE"] = str(cache)
    return env


def installed_wheel(scratch: Path) -> Path | None:
    """This checkout built as a wheel and installed (without its dependencies, which this virtual
    environment has) into a folder, compiled as pip compiles it: what a user's first run starts from."""
    dist, site = scratch / "dist", scratch / "site"
    built = subprocess.run([PY, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)], capture_output=True, text=True)
    wheels = sorted(dist.glob("fzcheck-*.whl"))
    if built.returncode != 0 or not wheels:
        print("bench: the wheel could not be built; the first-run row uses the checkout\n" + built.stderr[-1500:],
              file=sys.stderr)
        return None
    subprocess.run([PY, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site), str(wheels[-1])], check=True,
                   capture_output=True)
    subprocess.run([PY, "-m", "compileall", "-q", str(site / "checker")], check=True)
    return site


def start_rows(report: Path, runs: int, site: Path | None, scratch: Path) -> list[str]:
    """`python -c pass`, the first check after installing, the same from the checkout, and a cold
    check with a warm cache folder: interleaved, wall and CPU."""
    out = scratch / "out-start"
    args = ["-m", "checker", "check", str(report), "--format", "json", "--output-dir", str(out), "--no-server"]
    warm_cache = scratch / "cache-warm"
    subprocess.run([PY, *args], env=env_for(None, warm_cache), cwd=scratch, capture_output=True)
    counter = iter(range(10**6))

    def fresh() -> Path:
        return scratch / f"cache-empty-{next(counter)}"

    cases = {"python": lambda: tree_run([PY, "-c", "pass"], cwd=scratch)[:2]}
    if site is not None:
        cases["installed"] = lambda: tree_run([PY, *args], env_for(site, fresh()), cwd=scratch)[:2]
    cases["checkout"] = lambda: tree_run([PY, *args], env_for(None, fresh()), cwd=scratch)[:2]
    cases["cold"] = lambda: tree_run([PY, *args], env_for(None, warm_cache), cwd=scratch)[:2]
    samples = interleaved(cases, runs)
    wall = {name: stats([w for w, _ in values]) for name, values in samples.items()}
    cpu = {name: stats([c for _, c in values]) for name, values in samples.items()}
    size = report.stat().st_size // 1024
    rows = [f"| `python -c pass` (the interpreter's start) | {fmt(wall['python'], 'ms', 1000, 0)}; CPU "
            f"{cpu['python'][0] * 1000:.0f} ms | — |"]

    def row(name: str, label: str, target: str) -> str:
        return (f"| {label} | {fmt(wall[name])}, {wall[name][0] / wall['python'][0]:.1f}× `python -c pass`; CPU "
                f"{cpu[name][0] * 1000:.0f} ms, {cpu[name][0] / cpu['python'][0]:.1f}× | {target} |")

    if site is not None:
        rows.append(row("installed", f"first `fzcheck check` after installing the wheel (empty cache folder), one "
                                     f"{size} KB report", "≤ 8× `python -c pass`"))
    rows.append(row("checkout", "the same from the checkout (no shipped data: every first run before)", "—"))
    rows.append(row("cold", f"cold `fzcheck check` of one {size} KB report (warm cache folder)", "≤ 0.25 s"))
    return rows


def batch_runs(folder: Path, size: int, runs: int, against: Path | None, scratch: Path, jobs_one: int = 1,
               extra_runs: int = 1) -> list[str]:
    """CPU per report, reports/s, peak PSS and pairs at --jobs 1 and 2 (this checkout and, with
    ``against``, another, interleaved), then the results store on, HTML, SARIF and JUnit."""
    from checker.run.similarity import Corpus

    cap = inspect.signature(Corpus.pairs).parameters["max_pairs"].default
    sides = {"now": None, **({"start": against} if against else {})}
    caches = {name: scratch / f"cache-{name}" for name in sides}
    found: dict[str, int] = {}

    def one(side: str, jobs: int, formats: str = "json", store: bool = False):
        out = scratch / f"out-{side}-{jobs}"
        shutil.rmtree(out, ignore_errors=True)
        extra = {"FZCHECK_STORE": str(scratch / f"store-{side}-{next(serial)}.sqlite")} if store else {}
        cmd = [PY, "-m", "checker", "check", str(folder), "--format", formats, "--output-dir", str(out),
               "--jobs", str(jobs), "--no-server"] + ([] if store else ["--no-store"])
        result = tree_run(cmd, env_for(sides[side], caches[side], **extra), cwd=scratch)
        summary_file = out / "summary.json"
        if summary_file.exists():
            found[side] = len(json.loads(summary_file.read_text("utf-8"))["similar_pairs"])
        return result

    serial = iter(range(10**6))
    for side in sides:  # the cache folders filled once, outside the measured runs
        one(side, 2)
    rows = []
    for jobs in (1, 2):
        # --jobs 2 is the compared row: ``runs`` interleaved runs; --jobs 1 once a side unless asked for more.
        samples = interleaved({side: (lambda side=side: one(side, jobs)) for side in sides}, runs if jobs == 2 else jobs_one)
        figures = {}
        for side, values in samples.items():
            wall, cpu = stats([w for w, _, _ in values]), stats([c for _, c, _ in values])
            figures[side] = cpu[0]
            pairs = found.get(side, 0)
            pairs_note = f"{pairs} similar pairs found" + (f" (the cap, {cap}: there may be more)" if pairs >= cap else "")
            label = "this checkout" if side == "now" else f"`{against.name}` (--against)"
            rows.append(f"| fzcheck --jobs {jobs}, {size} reports, JSON — {label} | **{cpu[0] * 1000 / size:.2f} ms CPU "
                        f"per report** ({cpu[1] * 1000 / size:.2f}–{cpu[2] * 1000 / size:.2f}); {size / wall[0]:.0f} "
                        f"reports/s; peak {max(p for _, _, p in values) / 1024:.0f} MB; {pairs_note} | — |")
        if against:
            rows.append(f"| CPU per report at --jobs {jobs}, this checkout against `{against.name}` | "
                        f"{figures['now'] / figures['start'] - 1:+.0%} | ≤ −33% at --jobs 2 |")
    for label, formats, store in (("results store on", "json", True), ("JSON and HTML", "json,html", False),
                                  ("JSON, SARIF and JUnit", "json,sarif,junit", False)):
        values = [one("now", 2, formats, store) for _ in range(extra_runs)]
        wall, cpu = stats([w for w, _, _ in values]), stats([c for _, c, _ in values])
        rows.append(f"| fzcheck --jobs 2, {size} reports, {label} | {cpu[0] * 1000 / size:.2f} ms CPU per report; "
                    f"{size / wall[0]:.0f} reports/s; peak {max(p for _, _, p in values) / 1024:.0f} MB | — |")
    return rows


def _cpu_over(texts: list[str], runs: int, work) -> float:
    """CPU ms per text of ``work`` over every text (the median of ``runs`` passes)."""
    samples = []
    for _ in range(runs):
        start = time.process_time()
        for text in texts:
            work(text)
        samples.append(time.process_time() - start)
    return statistics.median(samples) * 1000 / len(texts)


def floor_rows(folder: Path, size: int, literals: list[str], patterns: list[str], runs: int) -> list[str]:
    paths = sorted(folder.glob("*.txt"))
    texts = [p.read_bytes().decode("utf-8") for p in paths]
    rows = [f"| floor: read and decode, {size} reports ({corpus_bytes(folder) / 2**20:.0f} MB) | "
            f"{_cpu_over(paths, runs, lambda p: p.read_bytes().decode('utf-8')):.2f} ms CPU/report | — |"]
    try:
        import ahocorasick

        automaton = ahocorasick.Automaton()
        for index, word in enumerate(literals):
            automaton.add_word(word, index)
        automaton.make_automaton()
        aho = _cpu_over(texts, runs, lambda text: sum(1 for _ in automaton.iter(text)))
        rows.append(f"| floor: one Aho–Corasick pass over every literal keyword ({len(literals)}) | {aho:.2f} ms CPU/report | — |")
    except ImportError:
        rows.append("| floor: one Aho–Corasick pass over every literal keyword | pyahocorasick not installed | — |")
    compiled = [regex.compile(p) for p in patterns]
    bare = _cpu_over(texts, runs, lambda text: sum(1 for p in compiled for _ in p.finditer(text)))
    timed = _cpu_over(texts, runs, lambda text: sum(1 for p in compiled for _ in p.finditer(text, timeout=1.0)))
    rows.append(f"| floor: every rule pattern ({len(patterns)}) on its own | {bare:.2f} ms CPU/report; with regex's "
                f"per-call timeout {timed:.2f} ({timed / bare - 1:+.0%}) | — |")
    grep = shutil.which("grep")
    if grep:
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as handle:
            handle.write("\n".join(literals) + "\n")
        samples = [tree_run([grep, "-r", "-o", "-F", "-f", handle.name, str(folder)])[1] for _ in range(runs)]
        os.unlink(handle.name)
        rows.append(f"| floor: grep -F with every literal keyword | {statistics.median(samples) * 1000 / size:.3f} ms "
                    f"CPU/report | — |")
    return rows


def profile_rows(folder: Path, count: int) -> list[str]:
    """CPU per report of each stage of a worker's path, in this process, over ``count`` reports."""
    from collections import defaultdict

    from checker import checks
    from checker.checks.copied_passages import masked
    from checker.document import build
    from checker.document.fingerprints import fingerprints
    from checker.engine.evaluate import FindingMapper, rule_result
    from checker.ingest import load
    from checker.results import Checked
    from checker.run.outputs import output_stems
    try:
        from checker.run.outputs import ReportFiles
    except ImportError:  # a checkout whose round writes every file itself
        ReportFiles = None
    from checker.run.pipeline import Checker
    from checker.run.report import build_report
    from checker.run.similarity import pack
    from checker.writers import html_report
    from checker.writers.text import to_json

    paths = [str(p) for p in sorted(folder.glob("*.txt"))[:count]]
    checker = Checker(discover_config=False)
    folder_out = Path(tempfile.mkdtemp(prefix="fzcheck-profile-"))
    files = ReportFiles(folder_out, ("json",), output_stems(paths), set(paths)) if ReportFiles else None
    stage: dict[str, float] = defaultdict(float)
    by_type: dict[str, float] = defaultdict(float)
    clock = time.process_time
    checker.check(load(paths[0]))  # lazily built tables
    for path in paths:
        t = clock(); source = load(path); stage["read and decode (ingest)"] += clock() - t
        t = clock(); doc = build(source, checker.given); stage["document model (outline, metadata, figures)"] += clock() - t
        ruleset, options = checker.settings(checker.profile_for(doc.meta.issuer_level))
        t = clock()
        mapper, results = FindingMapper(doc), []
        for rule in ruleset.rules:
            if rule.id in options.disabled:
                continue
            r0 = clock()
            results.append(rule_result(rule, doc, options, mapper))
            by_type[rule.check_type] += clock() - r0
        stage["rules"] += clock() - t
        t = clock(); report = build_report(doc, ruleset, results); stage["report assembly"] += clock() - t
        checked = Checked(report, source.text, list(source.residue), score_config=options.score)
        t = clock()
        checker.judge_batch(checked, finish=False)
        compared = masked(checked.text, checked.residue)
        fingerprints(compared), pack(compared)
        stage["batch step, worker's part (copied-text fingerprints, compressed text)"] += clock() - t
        t = clock(); checker.finalize(checked, record=False); stage["waivers, baseline, score"] += clock() - t
        t = clock(); to_json(checked.report); stage["JSON"] += clock() - t
        t = clock(); html_report.render(checked); stage["HTML (only with --format html)"] += clock() - t
        if files is not None:
            t = clock(); files.digest(path, checked); stage["the round's digest (row, terminal text; JSON written)"] += clock() - t
    shutil.rmtree(folder_out, ignore_errors=True)
    n = len(paths)
    rows = [f"| {name} | {seconds * 1000 / n:.2f} |" for name, seconds in stage.items()]
    top = sorted(by_type.items(), key=lambda item: -item[1])[:6]
    rows.insert(3, "| rules, by check type: " + "; ".join(f"{name} {seconds * 1000 / n:.2f}" for name, seconds in top)
                + " | |")
    return rows


def fingerprint_share(folder: Path, count: int = 200) -> float:
    """The share of a report's sampled 12-character runs found in another of the first ``count`` reports."""
    from collections import Counter

    from checker.document.fingerprints import fingerprints

    prints = [set(fingerprints(p.read_text("utf-8"))) for p in sorted(folder.glob("*.txt"))[:count]]
    seen = Counter(fp for one in prints for fp in one)
    return statistics.mean(sum(1 for fp in one if seen[fp] > 1) / max(1, len(one)) for one in prints)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--against", type=Path, help="another checkout of fzcheck to compare the batch rows with")
    parser.add_argument("--profile", type=int, default=200, help="reports in the profile table")
    parser.add_argument("--batch-runs", type=int, default=3, help="interleaved runs of the --jobs 2 batch rows")
    parser.add_argument("--skip-textlint", action="store_true")
    parser.add_argument("--no-wheel", action="store_true", help="no first run from an installed wheel")
    parser.add_argument("--quick", action="store_true", help="only the start, batch, floor and profile rows")
    args = parser.parse_args()
    runs = max(5, args.runs)
    OUT.mkdir(parents=True, exist_ok=True)
    # Every process started here uses a cache folder and a results store of its own: the figures do
    # not depend on what this machine's user has cached or stored, and nothing is added to them.
    scratch = Path(tempfile.mkdtemp(prefix="fzcheck-bench-"))
    os.environ["FZCHECK_CACHE"] = str(scratch / "cache")
    os.environ["FZCHECK_CACHE_KEY"] = str(scratch / "cache.key")
    os.environ["FZCHECK_STORE"] = ""
    # An installed fzcheck runs from compiled bytecode (pip compiles at install time); a machine that
    # sets PYTHONDONTWRITEBYTECODE would otherwise time the compiler in every process started here.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "checker")], check=True)
    if args.against:
        subprocess.run([PY, "-m", "compileall", "-q", str(args.against / "checker")], check=True)
    sizes = [int(s) for s in args.sizes.split(",")]
    literals, patterns = rule_keywords()
    small = corpus(sizes[0])
    report = min(small.glob("*.txt"), key=lambda p: abs(p.stat().st_size - 25_000))
    text = report.read_text("utf-8")
    started = load_line()
    lines = [f"# fzcheck benchmark — {time.strftime('%Y-%m-%d %H:%M')}", "",
             f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
             f"{platform.platform()}; {started} at the start.",
             f"Rule packs: {len(literals)} literal keywords, {len(patterns)} patterns.  Corpus: bench/generate.py, "
             f"{fingerprint_share(small):.0%} of a report's sampled 12-character runs are found in another report.",
             "CPU is user + system time of the whole process tree (rusage); memory is peak PSS of the tree; rows "
             "compared with each other were run interleaved.", "",
             "| measurement | result | target |", "|---|---|---|"]
    site = None if args.no_wheel else installed_wheel(scratch)
    lines += start_rows(report, runs, site, scratch)
    if not args.quick:
        remote = through_server(report, runs * 2)
        lines.append(f"| repeated check through a warm process: whole `fzcheck check --server` process | "
                     f"{fmt(remote, 'ms', 1000, 0)} | ≤ 30 ms |")
        found = through_server(report, runs * 2, discovered=True)
        lines.append(f"| the same, `fzcheck check --no-store` finding the running server by itself | "
                     f"{fmt(found, 'ms', 1000, 0)} | ≤ 30 ms |")
        lines.append(f"| warm re-check, same text, in process | {fmt(warm(text, runs * 4), 'ms', 1000, 1)} | — |")
        twenty = grown(text, 20_000)
        server, round_trip = server_recheck(twenty, runs * 4)
        lines.append(f"| `fzcheck serve` live re-check of a {len(twenty.encode()) // 1000} KB report: server time "
                     f"(encoding included) / round trip | {fmt(server, 'ms', 1000, 1)} / {fmt(round_trip, 'ms', 1000, 1)} "
                     f"| ≤ 10 ms |")
    for size in sizes:
        folder = corpus(size)
        size_runs = runs if size <= 1000 else 3 if size <= 10_000 else 1
        lines += floor_rows(folder, size, literals, patterns, size_runs)
        batch_runs_n = args.batch_runs if size <= 1000 else 1
        lines += batch_runs(folder, size, batch_runs_n, args.against, scratch, 1, 1)
        if not args.skip_textlint and not args.quick and size <= 1000:
            folder_tl = textlint_setup(literals)
            if folder_tl:
                tl, tl_peak = textlint(folder_tl, folder, max(1, size_runs // 2))
                lines.append(f"| textlint 14 (one keyword rule), {size} reports | {size / tl[0]:.0f} reports/s, "
                             f"{tl[0] * 1000 / size:.1f} ms per report (wall), peak {tl_peak / 1024:.0f} MB | — |")
    if not args.quick:
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
                timing = warm(text, runs, scaled_rules(factor, Path(folder)))
                rule_rows.append(f"{factor}× core: {timing[0] * 1000:.1f} ms")
        lines.append(f"| warm check against rule count | {'; '.join(rule_rows)} | — |")
    lines += ["", f"Profile: CPU per report of each stage of a worker's path, {min(args.profile, sizes[0])} reports "
                  f"of the {sizes[0]}-report corpus, in one process.", "", "| stage | ms/report |", "|---|---|"]
    lines += profile_rows(small, args.profile)
    lines += ["", f"Load at the end: {load_line()}."]
    shutil.rmtree(scratch, ignore_errors=True)
    result = "\n".join(lines) + "\n"
    (OUT / "results.md").write_text(result, encoding="utf-8")
    print(result)


if __name__ == "__main__":
    main()
