"""The savings change no byte: a run as fzcheck now makes it (no per-call regex timeout where the
file's time limit is armed, fingerprints sampled through one translate table, the doubled-typing
form only where a standard-library scan finds a repeat, two workers that write each report's files
and send a digest, each report analysed once for the round's copied-text pairs) against reference
outputs made the straightforward way (every pattern under its per-call timeout, a character class
per report, every form always run, one process sending whole reports to the round, which holds
them for the batch step and writes every file, both reports of each candidate pair analysed afresh),
on a small generated corpus with a copied passage."""
import re
import sys
import zlib

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import generate  # noqa: E402  (bench/generate.py: the benchmark's corpus)

FORMATS = "json,html,sarif,junit,xlsx,memo"


def _straightforward_prints(bare: str) -> dict[int, int]:
    """Fingerprint sampling as first written: a character class of the text's own qualifying characters."""
    from checker.document.fingerprints import K

    qualifying = "".join(sorted(ch for ch in set(bare) if ord(ch) % 4 == 0))
    chosen: dict[int, int] = {}
    if not qualifying:
        return chosen
    for m in re.finditer(f"[{re.escape(qualifying)}]", bare):
        if m.start() > len(bare) - K:
            break
        chosen.setdefault(zlib.crc32(bare[m.start():m.start() + K].encode("utf-8")), m.start())
    return chosen


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Twelve generated reports (fresh paragraphs), one copying a passage of another, one with a
    doubled word typed twice and one with a run of words that only looks doubled."""
    import random

    folder = tmp_path_factory.mktemp("corpus")
    rng = random.Random(7)
    sources = generate.bases()
    chain, pool = generate.Chain(sources), generate.paragraphs(sources)
    texts = [generate.make(rng, sources, pool, chain) for _ in range(12)]
    texts[5] = generate.plant_copy(texts[5], texts[4], rng)
    texts[6] = texts[6].replace("。", "，要求进一步加强加强执法监督。", 1)
    texts[7] = texts[7].replace("。", "，推进共建共享共治。", 1)
    for index, text in enumerate(texts):
        (folder / f"r{index:02d}.txt").write_text(text, encoding="utf-8")
    return folder


def _run(corpus, out, jobs: str) -> tuple[int, str]:
    from checker.cli import main

    code = main(["check", str(corpus), "--format", FORMATS, "--output-dir", str(out), "--jobs", jobs,
                 "--no-store", "--no-server", "--no-config", "--fail-on", "warning"])
    return code


def _files(out) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def test_the_savings_give_the_straightforward_outputs(corpus, tmp_path, monkeypatch, capsys):
    from checker.checks import literals
    from checker.document import fingerprints
    from checker.engine import evaluate
    from checker.run import batch, similarity
    from test_similarity import _straightforward_pairs

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    code = _run(corpus, tmp_path / "fast", "2")
    fast = capsys.readouterr().out.replace(str(tmp_path / "fast"), "OUT")
    with monkeypatch.context() as m:
        m.setattr(evaluate, "pattern_timeout", lambda rule, options: options.timeout)
        m.setattr(fingerprints, "prints_of_bare", _straightforward_prints)
        m.setattr(literals, "repeat_scan", lambda pattern: None)
        # Candidate pairs described in score order, both reports analysed afresh, stretches grown by characters.
        m.setattr(similarity.Corpus, "pairs", _straightforward_pairs)
        real_check_one = batch.check_one
        # Whole reports go to the round, which holds them for the batch step and writes every file.
        m.setattr(batch, "check_one", lambda checker, settings, path: real_check_one(
            checker, batch.Settings(settings.time_limit, settings.debug, settings.fingerprints), path))
        reference_code = _run(corpus, tmp_path / "reference", "1")
        reference = capsys.readouterr().out.replace(str(tmp_path / "reference"), "OUT")
    assert code == reference_code == 1
    assert fast == reference
    fast_files, reference_files = _files(tmp_path / "fast"), _files(tmp_path / "reference")
    assert set(fast_files) == set(reference_files) and len(fast_files) >= 12 * 2 + 7
    different = [name for name in fast_files if fast_files[name] != reference_files[name]
                 and not name.endswith((".xlsx", ".docx"))]
    assert different == []
    summary = (tmp_path / "fast" / "summary.json").read_text("utf-8")
    assert '"copied": 1' in summary  # the planted passage was found on both paths


def test_a_doubled_form_is_found_where_the_scan_finds_a_repeat():
    from checker.checks.literals import may_repeat, repeat_scan

    scan = repeat_scan(r"(?!一)(?P<dup>\p{Han}{2})(?P=dup)(?!\p{Han}{0,1}(?P=dup))")
    text = "全年加强加强执法监督，2020年2020份"
    assert may_repeat(text, scan, [(0, len(text))])
    assert not may_repeat(text, scan, [(6, len(text))])      # the repeat lies outside the span
    assert not may_repeat("2020年审结2020件", scan, [(0, 14)])  # digits repeat, Han characters do not
    assert repeat_scan("法制办") is None


def test_bundled_rules_run_without_the_per_call_timeout_and_a_user_s_keep_it(tmp_path):
    from checker.base.limits import time_limit
    from checker.engine.evaluate import pattern_timeout
    from checker.run.pipeline import Checker

    pack = tmp_path / "own.yaml"
    pack.write_text("pack: {name: own, version: '1'}\nrules:\n  - id: own.word\n    title: 自定义\n    message: 有“{found}”\n"
                    "    severity: info\n    spec: [dcgd2019.report.name]\n    scope: document\n    hint: 删去\n"
                    "    check: {type: phrases, mode: none, patterns: ['某词']}\n"
                    "    examples: {pass: ['没有'], fail: ['某词']}\n", encoding="utf-8")
    checker = Checker(rules=["core", str(pack)], discover_config=False)
    ruleset, options = checker.settings("default")
    own = next(r for r in ruleset.rules if r.id == "own.word")
    bundled = next(r for r in ruleset.rules if r.id != "own.word")
    assert pattern_timeout(bundled, options) is None
    assert pattern_timeout(own, options) == options.timeout      # no time limit armed: the call's own
    with time_limit(30):
        assert pattern_timeout(own, options) is None             # the file's time limit interrupts it
    assert pattern_timeout(own, options) == options.timeout
