"""One round of checking: the loop every caller shares.

``fzcheck check`` (one file or a folder of hundreds), ``fzcheck rules diff`` (the same corpus under
two rule sets) and the web server (one report at a time, :meth:`Checker.check`) all go through
here.  A :class:`Round` reads and checks the files (in worker processes when asked, which also
finalise each report — waivers, baseline, score — and render its files), records the waivers used
in this process, hands each report to the outputs and the results store, and keeps the exit code;
:meth:`Round.finish` does what needs the whole batch (copied passages, the batch files) and settles
the code.

Exit codes (checker/base/errors.py): 0 nothing at or above ``fail_on``; 1 findings at or above it;
3 an input could not be read; the highest wins.  Configuration problems raise (exit 2).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from ..base.errors import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK
from ..results import Checked, Failure
from ..base.vocab import DEFAULT_FAIL_ON, SEVERITY_RANK

if TYPE_CHECKING:  # the checking modules load only when this process checks (not with --server)
    from ..base.given import Given
    from .batch import Settings
    from .pipeline import Checker

__all__ = ["Checked", "Done", "Failure", "Round"]


@dataclass
class Done:
    """One input's outcome in a round: the finished report, or why the file could not be checked;
    ``line`` is what the terminal shows for it (the text output, or its summary line)."""
    path: str
    checked: Checked | None = None
    failure: Failure | None = None
    line: str = ""


class Round:
    def __init__(self, checker: Checker | None, files: list[str], *, outputs=None, store=None, fail_on: str | None = None,
                 jobs: int = 1, settings: Settings | None = None,
                 server: str | None = None, given: Given | None = None, server_token: str | None = None):
        """``outputs``: an :class:`~checker.outputs.Outputs` (None: nothing written); ``store``: a
        :class:`~checker.store.Store` the reports are recorded in (None: none); ``server``: the URL of
        a running ``fzcheck serve`` that checks the files instead of ``checker`` (checker/run/remote.py),
        with ``given`` metadata (year, issuer level, date) for every file."""
        self.checker, self.files = checker, files
        self.outputs, self.store = outputs, store
        self.server, self.given, self.server_token = server, given, server_token
        self.fail_on = fail_on or (checker.fail_on if checker else None) or DEFAULT_FAIL_ON
        self.jobs, self.settings = jobs, settings
        self.code = EXIT_OK

    def _outcomes(self) -> Iterator[tuple[str, Checked | Failure]]:
        if self.server:
            from .remote import check_files as check_remotely
            return check_remotely(self.server, self.files, self.given, token=self.server_token)
        from .batch import Settings, check_files

        settings = self.settings or Settings()
        # Copied-text fingerprints are taken in the workers, where the text is, when the batch compares reports.
        fingerprints = self.outputs is not None and self.outputs.corpus is not None
        render = tuple(self.outputs.formats) if self.outputs is not None else ()
        options = self.outputs.writer_options if self.outputs is not None else settings.writer_options
        settings = Settings(settings.time_limit, settings.debug, fingerprints, render, options)
        return check_files(self.checker, self.files, self.jobs, settings)

    def __iter__(self) -> Iterator[Done]:
        for path, outcome in self._outcomes():
            if isinstance(outcome, Failure):
                self.code = max(self.code, EXIT_INPUT)
                if self.outputs is not None:
                    self.outputs.add_unreadable(path, outcome.zh, outcome.en)
                yield Done(path, failure=outcome)
                continue
            checked = outcome  # finalised where it was checked (a worker, or the server)
            if checked.waiver_use is not None and self.checker and self.checker.waivers:
                self.checker.waivers.record(checked.waiver_use)
            line = self.outputs.add(path, checked) if self.outputs is not None else ""
            if self.store is not None:
                self.store.add_report(checked.report, checked.text)
            if checked.report.fails(self.fail_on):
                self.code = max(self.code, EXIT_FINDINGS)
            yield Done(path, checked=checked, line=line)

    def notes(self) -> list[str]:
        """Waivers that expired, could not apply or were never used."""
        waivers = self.checker.waivers if self.checker else None
        return waivers.notes + waivers.unused() if waivers else []

    def finish(self) -> list[Path]:
        """The batch's own step (copied passages across reports) and its files; returns the files
        written.  A copied passage is a warning: it fails the round when ``fail_on`` reaches it."""
        if self.store is not None:
            self.store.finish_run()
            if self.outputs is not None:
                self.outputs.history = self.store.history()
        if self.outputs is None:
            return []
        written = self.outputs.finish()
        if self.outputs.copied and self.fail_on != "never" and SEVERITY_RANK[self.fail_on] <= SEVERITY_RANK["warning"]:
            self.code = max(self.code, EXIT_FINDINGS)
        return written
