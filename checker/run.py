"""One round of checking: the loop every caller shares.

``fzcheck check`` (one file or a folder of hundreds), ``fzcheck rules diff`` (the same corpus under
two rule sets) and the web server (one report at a time, :meth:`Checker.check`) all go through
here.  A :class:`Round` reads and checks the files (in worker processes when asked), finalises each
report (waivers, baseline, score) in this process, hands it to the outputs and the results store,
and keeps the exit code; :meth:`Round.finish` does what needs the whole batch (copied passages, the
batch files) and settles the code.

Exit codes (checker/errors.py): 0 nothing at or above ``fail_on``; 1 findings at or above it;
3 an input could not be read; the highest wins.  Configuration problems raise (exit 2).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .batch import Failure, Settings, check_files
from .errors import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK
from .pipeline import Checker
from .report import Checked
from .vocab import SEVERITY_RANK

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
    def __init__(self, checker: Checker, files: list[str], *, outputs=None, store=None, fail_on: str | None = None,
                 jobs: int = 1, checker_kwargs: dict | None = None, settings: Settings | None = None):
        """``outputs``: an :class:`~checker.outputs.Outputs` (None: nothing written); ``store``: a
        :class:`~checker.store.Store` the reports are recorded in (None: none)."""
        self.checker, self.files = checker, files
        self.outputs, self.store = outputs, store
        self.fail_on = fail_on or checker.fail_on or "error"
        self.jobs, self.checker_kwargs = jobs, checker_kwargs
        fingerprints = outputs is not None and outputs.corpus is not None
        self.settings = settings or Settings()
        if fingerprints != self.settings.fingerprints:
            self.settings = Settings(self.settings.time_limit, self.settings.debug, fingerprints)
        self.code = EXIT_OK

    def __iter__(self) -> Iterator[Done]:
        for path, outcome in check_files(self.checker, self.files, self.jobs, self.checker_kwargs, self.settings):
            if isinstance(outcome, Failure):
                self.code = max(self.code, EXIT_INPUT)
                if self.outputs is not None:
                    self.outputs.add_unreadable(path, outcome.zh, outcome.en)
                yield Done(path, failure=outcome)
                continue
            checked = self.checker.finalize(outcome)
            line = self.outputs.add(path, checked) if self.outputs is not None else ""
            if self.store is not None:
                self.store.add_report(checked.report, checked.text)
            if checked.report.fails(self.fail_on):
                self.code = max(self.code, EXIT_FINDINGS)
            yield Done(path, checked=checked, line=line)

    def notes(self) -> list[str]:
        """Waivers that expired, could not apply or were never used."""
        waivers = self.checker.waivers
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
