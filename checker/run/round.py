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
formats are asked for.  A batch rule's ``applies`` holds as for every rule: a report it does not
apply to is not compared under it and gets not_applicable.  Workers append the results of a report
that shares nothing (and render its files with them); the few reports that share passages are
judged and rendered again here.

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
from .outputs import Digest

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
    digest: Digest | None = None     # what the round kept of it, when it writes outputs


def _kind(document: dict) -> tuple:
    """What a rule's ``applies`` reads of a report (its serialised document or summary row)."""
    return document.get("year"), document.get("issuer_level"), document.get("period")


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
                 server: str | None = None, given: Given | None = None, server_token: str | None = None,
                 similarity: float = 0):
        """``outputs``: an :class:`~checker.run.outputs.Outputs` (None: nothing written); ``store``: a
        :class:`~checker.store.database.Store` the reports are recorded in (None: none); ``server``: the URL of
        a running ``fzcheck serve`` that checks the files instead of ``checker`` (checker/run/remote.py),
        with ``given`` metadata (year, issuer level, date) for every file; ``similarity``: a round
        without outputs that is to evaluate the batch rules all the same (``rules diff``) compares
        its reports at this threshold (0: it does not)."""
        self.checker, self.files = checker, files
        self.outputs, self.store = outputs, store
        self.server, self.given, self.server_token = server, given, server_token
        self.fail_on = fail_on or (checker.fail_on if checker else None) or DEFAULT_FAIL_ON
        self.jobs, self.settings = jobs, settings
        self.code = EXIT_OK
        self._judge: Checker | None = None
        self._similarity = similarity

    @property
    def similarity(self) -> float:
        """The threshold the round compares its reports at: its outputs' ``--similar`` (the outputs
        may be given after the round is made), else its own."""
        return self.outputs.similarity if self.outputs is not None else self._similarity

    @property
    def compares(self) -> bool:
        """Whether the round compares its reports with each other (several inputs, ``--similar`` > 0)."""
        if self.outputs is not None:
            return self.outputs.batch and self.similarity > 0
        return len(self.files) > 1 and self.similarity > 0

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
        # Copied-text fingerprints are taken in the workers, where the text is, when the batch compares
        # reports; the per-report files are written there too (staged until the batch step), and the
        # round gets a digest of each report, with the results store's entry when the round records.
        files = self.outputs.files if self.outputs is not None else None
        settings = Settings(settings.time_limit, settings.debug, self.compares, files, store=self.store is not None)
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
        kinds: dict[str, tuple] = {}  # what a batch rule's ``applies`` reads of each report: year, level, period
        try:
            for path, outcome in self._outcomes():
                if isinstance(outcome, Failure):
                    yield self._hand_over(path, outcome)
                    continue
                if isinstance(outcome, Digest):  # a worker's: files staged, sketch taken
                    corpus.add_sketch(path, outcome.sketch, outcome.packed, outcome.issuer)
                    kinds[path] = _kind(outcome.row)
                    issuer = outcome.row.get("issuer")
                    labels[path] = f"{issuer}（{Path(path).name}）" if issuer else path
                    outcome.sketch = outcome.packed = None
                    held.put(path, outcome)
                    yield Done(path, pending=True, digest=outcome)
                    continue
                compared = "" if outcome.packed is not None else masked(outcome.text, outcome.residue)
                corpus.add(path, compared, outcome.prints, outcome.packed, issuer_key(outcome.report.document))
                kinds[path] = _kind(outcome.report.document)
                issuer = outcome.report.document.get("issuer")
                labels[path] = f"{issuer}（{Path(path).name}）" if issuer else path
                outcome.prints = outcome.packed = None
                held.put(path, outcome)
                yield Done(path, checked=outcome, pending=True)
            shared = self._compare(corpus, labels, kinds)
            for path, item in held:
                if isinstance(item, Digest):
                    item = self._settle(path, item, shared)
                else:
                    self._judge_batch(path, item, shared)
                done = self._hand_over(path, item)
                done.again = True
                yield done
        finally:
            held.close()
            corpus.spill.file.close()
            if self.outputs is not None:
                self.outputs.files.clear_staging()

    def _compare(self, corpus, labels: dict[str, str], kinds: dict[str, tuple]) -> dict[str, dict[str, list[dict]]]:
        """What each report shares with the rest of the batch, for each batch rule (rule id → path →
        items naming the other report by ``labels``); the pairs and copy clusters go to the outputs
        (summary.json, the dashboard), when there are any.  A batch rule's ``applies`` holds as for every rule: a report it
        does not apply to (``kinds``: year, issuer level, period) is not compared under that rule —
        nobody is flagged for sharing text with it — and is not flagged itself (its result is
        not_applicable, :func:`~checker.engine.evaluate.batch_result`)."""
        from ..engine.evaluate import applies_to, batch_rules
        from .similarity import clusters, copied_by_report

        judge = self.judge()
        # One comparison for the round, under the default profile's batch rules; each report is then
        # judged under its own profile.  No level profile changes a batch rule (a test holds this).
        ruleset, options = judge.settings(judge.profile_for(None))
        rules = batch_rules(ruleset, options)
        least = min((rule.params["min_chars"] for rule in rules), default=None)
        pairs = corpus.pairs(self.similarity, least)
        if self.outputs is not None:
            self.outputs.compared(pairs, clusters(pairs, least) if least is not None else [])
        out = {}
        for rule in rules:
            outside = {path for path, kind in kinds.items() if applies_to(rule, *kind)}
            compared = [p for p in pairs if p["a"] not in outside and p["b"] not in outside] if outside else pairs
            out[rule.id] = {path: [{**item, "other": labels.get(item["other"], item["other"])} for item in items]
                            for path, items in copied_by_report(compared, rule.params["min_chars"]).items()}
        return out

    def _judge_batch(self, path: str, checked: Checked, shared: dict[str, dict[str, list[dict]]]) -> None:
        mine = {rule_id: found[path] for rule_id, found in shared.items() if path in found}
        judge = self.judge()
        _, rules, _ = judge.batch_rules(checked)
        if not mine and all(checked.report.result(rule.id) for rule in rules):
            return  # the worker's results (nothing shared) stand, and so do the files it rendered
        judge.judge_batch(checked, mine)
        checked.rendered = {}  # rendered before the round's findings: rendered again when written

    def _settle(self, path: str, digest: Digest, shared: dict[str, dict[str, list[dict]]]) -> Digest | Checked | Failure:
        """A worker's digest after the batch step: it stands (its staged files are published) when the
        report shares nothing with the rest of the batch; otherwise its staged files are dropped and
        the report is checked again here (a pure function of the file: the same report the worker
        had) and judged with what it shares — a few reports in a hundred."""
        if not any(path in found for found in shared.values()):
            return digest
        self.outputs.files.discard(digest)
        from .batch import Settings, check_one

        settings = self.settings or Settings()
        _, checked = check_one(self.checker, Settings(settings.time_limit, settings.debug, fingerprints=True), path)
        if isinstance(checked, Checked):
            checked.prints = checked.packed = None
            self._judge_batch(path, checked, shared)
        return checked

    def _hand_over(self, path: str, outcome: Checked | Digest | Failure) -> Done:
        """A finished input to the outputs, the store and the exit code."""
        if isinstance(outcome, Failure):
            self.code = max(self.code, EXIT_INPUT)
            if self.outputs is not None:
                self.outputs.add_unreadable(path, outcome.zh, outcome.en)
            return Done(path, failure=outcome)
        # Finalised where it was checked (a worker, or the server); a worker that wrote the report's
        # files sends its digest.
        if isinstance(outcome, Digest):
            digest, checked = outcome, None
        else:
            checked = outcome
            digest = self.outputs.files.digest(path, checked, checked.rendered) if self.outputs else None
        waiver_use = digest.waiver_use if digest else checked.waiver_use
        if waiver_use is not None and self.checker and self.checker.waivers:
            self.checker.waivers.record(waiver_use)
        line = self.outputs.add_digest(digest) if digest is not None else ""
        if self.store is not None:  # written with its chunk (checker/store/database.py)
            from ..store.database import Entry

            self.store.add(digest.entry if checked is None else Entry.of(checked.report, checked.text))
        if digest.fails(self.fail_on) if digest else checked.report.fails(self.fail_on):
            self.code = max(self.code, EXIT_FINDINGS)
        return Done(path, checked=checked, line=line, digest=digest)

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
