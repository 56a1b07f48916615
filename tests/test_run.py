"""The shared loop (checker/run/round.py): exit codes from the worst outcome, unreadable files kept in
the round, reports finalised once, outputs and store fed from the same reports, and two rounds
side by side (``rules diff``) never mixing their rule sets."""
from pathlib import Path

import pytest

from checker.run.batch import Settings
from checker.base.errors import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK
from checker.run.outputs import Outputs
from checker.run.pipeline import Checker
from checker.engine.ruleset import load_ruleset
from checker.store.database import Store

from conftest import ROOT, SAMPLE

FLAWED = (ROOT / "tests" / "corpus" / "city_flawed.txt").read_text("utf-8")


@pytest.fixture(scope="module")
def checker():
    return Checker(discover_config=False)


def _files(tmp_path: Path, **texts: str | bytes) -> list[str]:
    paths = []
    for name, content in texts.items():
        path = tmp_path / name.replace("_", ".", 1)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        paths.append(str(path))
    return paths


def test_a_clean_report_exits_0_and_a_flawed_one_1(tmp_path, checker):
    from checker.run.round import Round

    clean, flawed = _files(tmp_path, sample_txt=SAMPLE.read_text("utf-8"), flawed_txt=FLAWED)
    assert Round(checker, [clean], fail_on="error").code == EXIT_OK
    round_ = Round(checker, [clean], fail_on="error")
    assert [d.checked.report.verdict for d in round_] == ["pass"] and round_.code == EXIT_OK
    round_ = Round(checker, [clean, flawed], fail_on="error")
    assert [d.path for d in round_] == [clean, flawed] and round_.code == EXIT_FINDINGS


def test_an_unreadable_file_is_reported_and_the_round_goes_on(tmp_path, checker):
    from checker.run.round import Round

    broken, flawed = _files(tmp_path, broken_docx=b"PK\x03\x04 not a zip", flawed_txt=FLAWED)
    outcomes = list(round_ := Round(checker, [broken, flawed], fail_on="never"))
    assert outcomes[0].failure and outcomes[0].failure.path == broken and outcomes[1].checked
    assert round_.code == EXIT_INPUT


def test_outputs_and_store_get_the_finalised_reports(tmp_path, checker):
    from checker.run.round import Round

    files = _files(tmp_path, a_txt=FLAWED, b_txt=SAMPLE.read_text("utf-8"))
    outputs = Outputs(tmp_path / "out", ["json"], files)
    store = Store(tmp_path / "results.sqlite")
    store.start_run(checker.ruleset, None, files)
    round_ = Round(checker, files, outputs=outputs, store=store, fail_on="warning")
    lines = [done.line for done in round_ if not done.pending]  # a comparing round hands each report over twice
    written = round_.finish()
    assert all(line.endswith("）") for line in lines) and store.count_reports() == 2
    assert {p.name for p in written} >= {"summary.json", "summary.csv"}
    assert (tmp_path / "out" / "a.json").is_file() and round_.code == EXIT_FINDINGS
    store.close()


def test_two_rounds_side_by_side_keep_their_own_rule_sets(tmp_path):
    from checker.run.round import Round

    files = _files(tmp_path, a_txt=FLAWED, b_txt=SAMPLE.read_text("utf-8"))
    full = Checker(discover_config=False)
    small = Checker(ruleset=load_ruleset([str(ROOT / "rules" / "core.yaml")]), discover_config=False)
    pairs = list(zip(Round(full, files), Round(small, files)))
    for big, little in pairs:
        assert len(little.checked.report.results) < len(big.checked.report.results)
        assert {r.rule_id for r in little.checked.report.results} <= {r.rule_id for r in big.checked.report.results}


def test_a_time_limit_fails_only_the_slow_file(tmp_path, checker, monkeypatch):
    from checker.run.round import Round

    files = _files(tmp_path, a_txt=FLAWED)
    slow = Checker(discover_config=False)

    def stuck(source, overrides=None):
        while True:
            pass

    monkeypatch.setattr(slow, "run", stuck)
    [done] = list(round_ := Round(slow, files, settings=Settings(time_limit=0.2)))
    assert done.failure and "时间上限" in done.failure.zh and round_.code == EXIT_INPUT


def test_waivers_used_in_workers_are_counted_in_the_round(tmp_path):
    from checker.run.round import Round

    files = _files(tmp_path, a_txt=FLAWED, b_txt=FLAWED.replace("样例市", "另一市"))
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text("waivers:\n  - {rule: numbering.sequence, reason: 已核实, approver: 县司法局, expires: 2099-01-01}\n"
                       "  - {rule: report.year, reason: 已核实, approver: 县司法局, expires: 2099-01-01}\n", "utf-8")
    checker = Checker(discover_config=False, waivers=str(waivers))
    round_ = Round(checker, files, jobs=2)
    done = list(round_)
    assert all(d.checked.report.result("numbering.sequence").waived for d in done)
    notes = round_.notes()
    assert not any("numbering.sequence" in n for n in notes)                # used, in the workers
    assert any("report.year" in n and "没有匹配" in n for n in notes)        # never used (the year is found)


def test_a_parallel_round_stopped_early_ends_promptly(tmp_path):
    import time

    from checker.run.batch import check_files

    files = _files(tmp_path, **{f"r{i}_txt": FLAWED for i in range(120)})
    started = time.monotonic()
    outcomes = check_files(Checker(discover_config=False), files, jobs=2)
    first = next(outcomes)
    outcomes.close()  # as when the caller raises or is interrupted
    assert first[0] == files[0] and time.monotonic() - started < 30


def test_workers_are_forked_only_from_a_process_without_other_threads(tmp_path, monkeypatch):
    """A fork copies the locks other threads hold; with a thread running (a web server, a test
    process) the workers are spawned, and the outcomes are those of one process."""
    import multiprocessing
    import threading

    from checker.run.batch import check_files

    files = _files(tmp_path, a_txt=FLAWED, b_txt=FLAWED.replace("2023", "2022"), c_txt=b"\xff\xfe\x00")
    alone = [(path, type(outcome).__name__) for path, outcome in check_files(Checker(discover_config=False), files)]
    methods, real = [], multiprocessing.get_context
    monkeypatch.setattr(multiprocessing, "get_context", lambda method=None: methods.append(method) or real(method))
    release = threading.Event()
    other = threading.Thread(target=release.wait, daemon=True)
    other.start()
    try:
        with_thread = [(path, type(outcome).__name__)
                       for path, outcome in check_files(Checker(discover_config=False), files, jobs=2)]
    finally:
        release.set()
        other.join()
    assert methods == ["spawn"] and with_thread == alone
    assert [kind for _, kind in alone] == ["Checked", "Checked", "Failure"]


def test_a_pool_whose_shutdown_hangs_has_its_workers_killed(monkeypatch):
    """Closing and joining a finished pool, or terminating a stopped one, is given a time limit; a
    worker stuck past it is killed, so a run does not hang after its last report."""
    import threading

    from checker.run import batch

    class Worker:
        exitcode, killed = None, False

        def kill(self):
            self.killed = True

    class StuckPool:
        def __init__(self):
            self._pool, self.forever = [Worker(), Worker()], threading.Event()
            self._pool[1].exitcode = 0   # one worker had ended: nothing to kill

        def close(self):
            pass

        def join(self):
            self.forever.wait()

        def terminate(self):
            self.forever.wait()

    monkeypatch.setattr(batch, "SHUTDOWN_SECONDS", 0.2)
    for finished in (True, False):
        pool = StuckPool()
        batch._shut(pool, finished)
        assert [w.killed for w in pool._pool] == [True, False]
        pool.forever.set()
