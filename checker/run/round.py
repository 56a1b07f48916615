"""One round of checking: the loop every caller shares.

``fzcheck check`` (one file or a folder of hundreds), ``fzcheck rules diff`` (the same corpus under
two rule sets) and the web server (one report at a time, :meth:`Checker.check`) all go through
here.  A :class:`Round` reads and checks the files (in worker processes when asked, which also
finalise each report — waivers, baseline, score — and render its files), records the waivers used
in this process, hands each report to the outputs and the results store, and keeps the exit code;
:meth:`Round.finish` writes the batch files.

A round that compares its reports (several files, ``--similar`` above 0) evaluates the batch rules
(``scope: batch``: copied passages) itself, and does so before any writer sees a report: the checked
reports wait in a temporary file while the batch corpus finds what they share, each gets the batch
rules' results (with waivers, baseline and score applied to them as to every result), and only then
are they handed to the outputs, the store and the exit code — so a verdict is the same whatever
formats are asked for.  Workers append the results of a report that shares nothing (and render its
files with them); the few reports that share passages are judged and rendered again here.

Exit codes (checker/base/errors.py): 0 nothing at or above ``fail_on``; 1 findings at or above it;
3 an input could not be read; the highest wins.  Configuration problems raise (exit 2).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from ..base.errors import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK
from ..results import Checked, Failure
from ..base.vocab import DEFAULT_FAIL_ON

if TYPE_CHECKING:  # the checking modules load only when this process checks (not with --server)
    from ..base.given import Given
    from .batch import Settings
    from .pipeline import Checker

__all__ = ["Checked", "Done", "Failure", "Round"]


@dataclass
class Done:
    """One input's outcome in a round: the finished report, or why the file could not be checked;
    ``line`` is what the terminal shows for it (the text output, or its summary line).  In a round
    that compares its reports each checked input comes twice: ``pending`` when it has been checked
    (held for the batch step, nothing written yet), then ``again`` when it is finished."""
    path: str
    checked: Checked | None = None
    failure: Failure | None = None
    line: str = ""
    pending: bool = False
    again: bool = False


class _Held:
    """Checked reports waiting for the batch step, in an anonymous temporary file: a round of
    thousands of reports does not hold them in memory.  Not compressed: the page cache keeps a
    round's worth of recent ones, and compressing rendered pages cost the parent more than the disk."""

    def __init__(self):
        import tempfile

        self.file = tempfile.TemporaryFile(prefix="fzcheck-held-")
        self.index: list[tuple[str, int, int]] = []

    def put(self, path: str, checked: Checked) -> None:
        import pickle

        blob = pickle.dumps(checked, protocol=pickle.HIGHEST_PROTOCOL)
        self.file.seek(0, 2)
        self.index.append((path, self.file.tell(), len(blob)))
        self.file.write(blob)

    def __iter__(self) -> Iterator[tuple[str, Checked]]:
        import pickle

        for path, offset, length in self.index:
            self.file.seek(offset)
            yield path, pickle.loads(self.file.read(length))

    def close(self) -> None:
        self.file.close()


class Round:
    def __init__(self, checker: Checker | None, files: list[str], *, outputs=None, store=None, fail_on: str | None = None,
                 jobs: int = 1, settings: Settings | None = None,
                 server: str | None = None, given: Given | None = None, server_token: str | None = None):
        """``outputs``: an :class:`~checker.run.outputs.Outputs` (None: nothing written); ``store``: a
        :class:`~checker.store.database.Store` the reports are recorded in (None: none); ``server``: the URL of
        a running ``fzcheck serve`` that checks the files instead of ``checker`` (checker/run/remote.py),
        with ``given`` metadata (year, issuer level, date) for every file."""
        self.checker, self.files = checker, files
        self.outputs, self.store = outputs, store
        self.server, self.given, self.server_token = server, given, server_token
        self.fail_on = fail_on or (checker.fail_on if checker else None) or DEFAULT_FAIL_ON
        self.jobs, self.settings = jobs, settings
        self.code = EXIT_OK
        self._judge: Checker | None = None

    @property
    def compares(self) -> bool:
        """Whether the round compares its reports with each other (several inputs, ``--similar`` > 0)."""
        return self.outputs is not None and self.outputs.batch and self.outputs.similarity > 0

    def judge(self) -> Checker:
        """The checker whose batch rules the round evaluates: its own, or for a round checked by a
        server, one with the bundled rules and no project configuration (what the server uses)."""
        if self._judge is None:
            if self.checker is not None:
                self._judge = self.checker
            else:
                from .pipeline import default_checker
                self._judge = default_checker()
        return self._judge

    def _outcomes(self) -> Iterator[tuple[str, Checked | Failure]]:
        if self.server:
            from .remote import check_files as check_remotely
            return check_remotely(self.server, self.files, self.given, token=self.server_token)
        from .batch import Settings, check_files

        settings = self.settings or Settings()
        # Copied-text fingerprints are taken in the workers, where the text is, when the batch compares reports.
        fingerprints = self.compares
        render = tuple(self.outputs.formats) if self.outputs is not None else ()
        options = self.outputs.writer_options if self.outputs is not None else settings.writer_options
        settings = Settings(settings.time_limit, settings.debug, fingerprints, render, options)
        return check_files(self.checker, self.files, self.jobs, settings)

    def __iter__(self) -> Iterator[Done]:
        if not self.compares:
            for path, outcome in self._outcomes():
                yield self._hand_over(path, outcome)
            return
        from ..checks.copied_passages import masked
        from ..store.database import issuer_key
        from .similarity import Corpus

        corpus, held = Corpus(), _Held()
        labels: dict[str, str] = {}   # how a finding names another report: its issuer and file
        try:
            for path, outcome in self._outcomes():
                if isinstance(outcome, Failure):
                    yield self._hand_over(path, outcome)
                    continue
                compared = "" if outcome.packed is not None else masked(outcome.text, outcome.residue)
                corpus.add(path, compared, outcome.prints, outcome.packed, issuer_key(outcome.report.document))
                issuer = outcome.report.document.get("issuer")
                labels[path] = f"{issuer}（{Path(path).name}）" if issuer else path
                outcome.prints = outcome.packed = None
                held.put(path, outcome)
                yield Done(path, checked=outcome, pending=True)
            shared = self._compare(corpus, labels)
            for path, checked in held:
                self._judge_batch(path, checked, shared)
                done = self._hand_over(path, checked)
                done.again = True
                yield done
        finally:
            held.close()
            corpus.spill.file.close()

    def _compare(self, corpus, labels: dict[str, str]) -> dict[str, dict[str, list[dict]]]:
        """What each report shares with the rest of the batch, for each batch rule (rule id → path →
        items naming the other report by ``labels``); the pairs and copy clusters go to the outputs
        (summary.json, the dashboard)."""
        from ..engine.evaluate import batch_rules
        from .similarity import clusters, copied_by_report

        judge = self.judge()
        ruleset, options = judge.settings(judge.profile_for(None))
        rules = batch_rules(ruleset, options)
        least = min((rule.params["min_chars"] for rule in rules), default=None)
        pairs = corpus.pairs(self.outputs.similarity, least)
        self.outputs.compared(pairs, clusters(pairs, least) if least is not None else [])
        return {rule.id: {path: [{**item, "other": labels.get(item["other"], item["other"])} for item in items]
                          for path, items in copied_by_report(pairs, rule.params["min_chars"]).items()}
                for rule in rules}

    def _judge_batch(self, path: str, checked: Checked, shared: dict[str, dict[str, list[dict]]]) -> None:
        mine = {rule_id: found[path] for rule_id, found in shared.items() if path in found}
        judge = self.judge()
        _, rules, _ = judge.batch_rules(checked)
        if not mine and all(checked.report.result(rule.id) for rule in rules):
            return  # the worker's results (nothing shared) stand, and so do the files it rendered
        judge.judge_batch(checked, mine)
        checked.rendered = {}  # rendered before the round's findings: rendered again when written

    def _hand_over(self, path: str, outcome: Checked | Failure) -> Done:
        """A finished input to the outputs, the store and the exit code."""
        if isinstance(outcome, Failure):
            self.code = max(self.code, EXIT_INPUT)
            if self.outputs is not None:
                self.outputs.add_unreadable(path, outcome.zh, outcome.en)
            return Done(path, failure=outcome)
        checked = outcome  # finalised where it was checked (a worker, or the server)
        if checked.waiver_use is not None and self.checker and self.checker.waivers:
            self.checker.waivers.record(checked.waiver_use)
        line = self.outputs.add(path, checked) if self.outputs is not None else ""
        if self.store is not None:
            self.store.add_report(checked.report, checked.text)
        if checked.report.fails(self.fail_on):
            self.code = max(self.code, EXIT_FINDINGS)
        return Done(path, checked=checked, line=line)

    def notes(self) -> list[str]:
        """Waivers that expired, could not apply or were never used."""
        waivers = self.checker.waivers if self.checker else None
        return waivers.notes + waivers.unused() if waivers else []

    def finish(self) -> list[Path]:
        """The batch files; returns the files written (the exit code was settled report by report)."""
        if self.store is not None:
            self.store.finish_run()
            if self.outputs is not None:
                self.outputs.history = self.store.history()
        if self.outputs is None:
            return []
        return self.outputs.finish()
