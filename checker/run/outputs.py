"""Where results go: per-report files as each report is done, batch files at the end.

Every file is written atomically (a temporary file renamed into place), so an interrupted run
leaves the previous file or the new one, never half of one.  Names are made from the input's
file name, made safe and unique, and always land inside the output folder.
"""
from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from ..base.errors import FzError
from .reportspool import ReportSpool
from ..base.vocab import DEFAULT_SIMILARITY, SEVERITY_RANK
from ..results import Checked
from ..writers.text import finding_lines, tally, to_text
from ..writers import summary, xlsx
from ..writers.common import rule_groups
from ..writers.registry import (BATCH_WRITERS, FORMATS, NEEDS_CI_REPORTS, NEEDS_FINDING_ROWS, REPORT_WRITERS, Batch,
                                WriterFailure, WriterOptions, render_report_files, render_safely)

__all__ = ["FORMATS", "Digest", "Outputs", "ReportFiles", "output_stems", "safe_stem", "write_atomic"]


def safe_stem(name: str) -> str:
    """Letters, digits, - and . only: no separators, no newlines, nothing that leaves the folder."""
    cleaned = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in name)
    cleaned = re.sub(r"_+", "_", cleaned).strip("._")
    # File systems count bytes (255 for a name): room for a hash, a suffix and the temp prefix.
    while len(cleaned.encode("utf-8")) > 150:
        cleaned = cleaned[:-1]
    return cleaned or "report"


# Names the batch files take: a report named index.txt or summary.txt must not overwrite them.
RESERVED_STEMS = frozenset({"index", "summary", "junit", "fzcheck"})


def output_stems(files: list[str]) -> dict[str, str]:
    """A unique, safe output name per input (two inputs may share a file name; a report may be
    named like a batch file)."""
    counts: dict[str, int] = {}
    for path in files:
        stem = safe_stem(Path(path).stem)
        counts[stem] = counts.get(stem, 0) + (2 if stem.lower() in RESERVED_STEMS else 1)
    stems = {}
    for path in files:
        stem = safe_stem(Path(path).stem)
        if counts[stem] > 1:
            stem = f"{stem}-{hashlib.sha256(os.path.abspath(path).encode()).hexdigest()[:8]}"
        stems[path] = stem
    return stems


def _umask() -> int:
    """The process's umask, read without changing it where the system tells it (Linux), else by
    setting and restoring it."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomic(path: Path, content: str | bytes | Iterable[str], encoding: str = "utf-8") -> None:
    """Writes a new file beside ``path`` (created exclusively under an unpredictable name, so a
    planted file or symbolic link there is never followed) and renames it into place."""
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, tmp_name = tempfile.mkstemp(prefix=f".{path.name[:60]}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        # mkstemp creates the file 0600 whatever the umask; an output file gets the mode open() would
        # give it (0644 under umask 022), so a report copied to a web server can be served.
        if hasattr(os, "fchmod"):
            os.fchmod(descriptor, 0o666 & ~_umask())
        binary = isinstance(content, bytes)
        # A file name that is not UTF-8 on disk reaches the text as half a surrogate pair: written as its
        # escape (\udcff), which in a JSON string is the same character and elsewhere is readable.
        text_mode = {"encoding": encoding, "newline": "", "errors": "backslashreplace"}
        with os.fdopen(descriptor, "wb" if binary else "w", **({} if binary else text_mode)) as handle:
            if isinstance(content, (str, bytes)):
                handle.write(content)
            else:  # pieces (a large batch file rendered as it is written)
                for piece in content:
                    handle.write(piece)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


@dataclass
class Digest:
    """What a round keeps of one checked report once its files are written or staged (a batch worker
    makes it where the report was checked and sends it instead of the whole report, a few KB instead
    of ~50): its summary row, the terminal text, the tally for the run's line, the worst severity,
    and only what the asked-for batch files need (the CI view for SARIF/JUnit, finding rows for the
    workbook and the memo), plus the copied-text sketch when the round compares its reports."""
    path: str
    row: dict
    line: str                        # what the terminal shows for the report
    written: dict[str, str]          # format → file name (in the output folder, or staged)
    verdict: str
    by_severity: dict[str, int]      # the report's findings that count, by severity
    rules: set[str]                  # …and the rules they come from
    worst: int | None                # the highest severity rank of a result that counts against the report
    waiver_use: Any = None
    previous: dict | None = None     # the previous-year lookup (Outputs.previous), when there was one
    previous_warnings: list[str] = field(default_factory=list)
    ci: bytes | None = None          # the report without evidence (ReportSpool.record), for SARIF/JUnit
    finding_rows: list[dict] | None = None  # for the workbook and the memo
    staged: bool = False             # the files wait in the staging folder for the round's batch step
    writer_failures: list = field(default_factory=list)  # WriterFailure of a per-report writer that failed
    sketch: Any = None               # copied-text sketch (similarity.sketch) and compressed text (a comparing round)
    packed: bytes | None = None
    issuer: str | None = None        # the issuer's key (two reports of one issuer are never a pair)
    entry: Any = None                # what the results store keeps of it (store.database.Entry), when the round records

    def fails(self, fail_on: str) -> bool:
        """``Report.fails``, from the worst severity."""
        return fail_on != "never" and self.worst is not None and self.worst >= SEVERITY_RANK[fail_on]


STAGING = ".fzcheck-staging"  # in the output folder: per-report files rendered before a comparing round's batch step


@dataclass
class ReportFiles:
    """The per-report outputs of a round, as a batch worker needs them to write a report's files
    and make its :class:`Digest` (it pickles; forked workers share it)."""
    dir: Path
    formats: tuple[str, ...]
    stems: dict[str, str]
    inputs: set[str]
    writer_options: WriterOptions = WriterOptions()
    rule_groups: dict | None = None

    def target(self, name: str) -> Path:
        """Inside the output folder, and never one of the inputs (a checked web page named
        report.html next to its output gets report-fzcheck.html)."""
        target = self.dir / name
        if os.path.realpath(target) in self.inputs:
            stem, dot, suffix = name.rpartition(".")
            target = self.dir / f"{stem}-fzcheck{dot}{suffix}"
        return target

    def staging(self, name: str) -> Path:
        return self.dir / STAGING / name

    def render(self, checked: Checked, path: str, debug: bool = False) -> dict:
        """The report's files; a writer that fails gives a WriterFailure in place of its file."""
        return render_report_files(checked, path, self.formats, self.writer_options, debug=debug)

    def digest(self, path: str, checked: Checked, rendered: dict[str, str | bytes] | None = None,
               staged: bool = False) -> Digest:
        """Writes the report's files (``rendered``: already rendered; ``staged``: into the staging
        folder, for the round to publish or discard after its batch step) and returns its digest."""
        stem = self.stems[path]
        report = checked.report
        written, failures = {}, []
        for writer in REPORT_WRITERS:
            if writer.format in self.formats:
                name = writer.file_name.format(stem=stem)
                content = rendered.get(writer.format) if rendered else None
                if content is None:
                    content = render_safely(writer.format, path, writer.render, checked, path, self.writer_options)
                if isinstance(content, WriterFailure):
                    failures.append(content)
                    continue
                write_atomic(self.staging(name) if staged else self.target(name), content)
                written[writer.format] = name
        found = finding_lines(report)
        by_severity, rules = tally(found)
        text = to_text(report, found)
        shown = text if "text" in self.formats else text.splitlines()[-1]
        if "github" in self.formats:
            from ..writers.github import to_github

            shown = "\n".join(part for part in (to_github(report), shown) if part)
        counting = [SEVERITY_RANK[r.severity] for r in report.results if r.counts_against]
        digest = Digest(path, summary.row(report, written.get("html"), written.get("json"), self.rule_groups), shown,
                        written, report.summary["verdict"], by_severity, rules, max(counting, default=None),
                        checked.waiver_use, staged=staged, writer_failures=failures)
        if report.previous is not None:
            doc, found_previous = report.document, report.previous
            entry = {"path": doc.get("path"), "issuer": doc.get("issuer"), "year": doc.get("year"),
                     "previous_path": found_previous.get("path"), "previous_year": found_previous.get("year")}
            entry.update({key: found_previous[key] for key in ("reason", "warnings") if found_previous.get(key)})
            digest.previous = entry
            digest.previous_warnings = list(found_previous.get("warnings", []))
        formats = set(self.formats)
        if NEEDS_CI_REPORTS & formats:
            digest.ci = ReportSpool.record(report)
        if NEEDS_FINDING_ROWS & formats:
            digest.finding_rows = xlsx.finding_rows(report)
        return digest

    def publish(self, digest: Digest) -> None:
        """Moves a digest's staged files into place."""
        for name in digest.written.values():
            os.replace(self.staging(name), self.target(name))
        digest.staged = False

    def discard(self, digest: Digest) -> None:
        """Removes a digest's staged files (the report is judged and written again)."""
        for name in digest.written.values():
            try:
                os.unlink(self.staging(name))
            except FileNotFoundError:
                pass

    def clear_staging(self) -> None:
        import shutil

        shutil.rmtree(self.dir / STAGING, ignore_errors=True)


class Outputs:
    def __init__(self, out_dir: str | Path, formats: list[str], files: list[str], rule_meta: dict | None = None,
                 similarity: float = DEFAULT_SIMILARITY, writer_options: WriterOptions = WriterOptions()):
        self.dir = Path(out_dir)
        self.writer_options = writer_options
        self.writer_failures: list[WriterFailure] = []  # said as the writer's, after the run (exit 2)
        self.formats = formats
        self.stems = output_stems(files)
        self.inputs = {os.path.realpath(f) for f in files}
        self.batch = len(files) > 1
        self.rule_meta = rule_meta or {}
        self.rule_groups = rule_groups(self.rule_meta)   # rule ids by tag: the summary columns, the 通报 sections
        self.rows: list[dict] = []
        self.reports_for_ci = ReportSpool()  # in a temporary file: a round may have 100,000 reports
        self.similarity = similarity       # the round compares reports when a batch asks for it (> 0)
        self.pairs: list[dict] = []         # reports sharing long passages, and their clusters (the round's)
        self.clusters: list[dict] = []
        self.finding_rows: list[dict] = []   # for the workbook's 问题清单
        self.history: list[dict] = []        # the results store's history, for the workbook's 逐年对比
        self.registry = None                 # the supervisor's issuer registry, for "not submitted"
        self.round_year: int | None = None   # --year: the round's year for the registry
        self.roster: dict | None = None      # the round against the registry (registry.reconcile)
        self.not_submitted: list[dict] = []
        self.report_files: dict[str, tuple[int, Path]] = {}  # format → (files written, the first one)
        self.previous: list[dict] = []       # each report's previous-year lookup, when there was one
        self.files = ReportFiles(self.dir, tuple(formats), self.stems, self.inputs, writer_options, self.rule_groups)

    def _target(self, name: str) -> Path:
        return self.files.target(name)

    def add(self, path: str, checked: Checked) -> str:
        """Writes the per-report files; returns the text for the terminal."""
        return self.add_digest(self.files.digest(path, checked, checked.rendered))

    def add_digest(self, digest: Digest) -> str:
        """Takes a report whose files are written (by a batch worker, or :meth:`add`) or staged (then
        moved into place now); returns the text for the terminal."""
        if digest.staged:
            self.files.publish(digest)
        self.writer_failures.extend(digest.writer_failures)
        for fmt, name in digest.written.items():
            count, first = self.report_files.get(fmt, (0, self._target(name)))
            self.report_files[fmt] = (count + 1, first)
        if digest.ci is not None:
            self.reports_for_ci.append_record(digest.ci)
        if digest.finding_rows is not None:
            self.finding_rows.extend(digest.finding_rows)
        self.rows.append(summary.interned(digest.row))
        if digest.previous is not None:
            self.previous.append(digest.previous)
        return digest.line

    def add_unreadable(self, path: str, zh: str, en: str) -> None:
        self.rows.append(summary.unreadable_row(path, zh, en))

    def compared(self, pairs: list[dict], groups: list[dict]) -> None:
        """What the round's comparison found (before any report is added): the similar pairs and the
        copy clusters for summary.json, the dashboard, the workbook and the 通报."""
        self.pairs, self.clusters = pairs, groups

    def finish(self) -> list[Path]:
        titles = {rule_id: meta.get("title", rule_id) for rule_id, meta in self.rule_meta.items()}
        if self.registry:
            self.roster = self.registry.reconcile(self.rows, self.round_year)
            self.not_submitted = self.roster["not_submitted"]
        self.history = self._history_of_this_round()
        batch = Batch(self.rows, self.finding_rows, self.reports_for_ci, self.rule_meta, self.pairs, self.clusters,
                      self.history, titles, self.not_submitted, several=self.batch, roster=self.roster,
                      previous=self.previous_summary(), options=self.writer_options)
        try:
            written = []
            for writer in BATCH_WRITERS:
                if (writer.format is None or writer.format in self.formats) and writer.wanted(batch):
                    target = self._write_batch_file(writer, batch)
                    if target is not None:
                        written.append(target)
            return written
        finally:
            self.reports_for_ci.close()

    def _write_batch_file(self, writer, batch) -> Path | None:
        """One batch file; a writer that fails (while rendering, or while its pieces are written) is
        noted as that writer's failure and the other files are still written.  A folder that cannot
        be written (OSError) ends the run as before."""
        name = writer.format or writer.file_name
        content = render_safely(name, "", writer.render, batch)
        if isinstance(content, WriterFailure):
            self.writer_failures.append(content)
            return None
        try:
            return self._write(writer.file_name, content)
        except (OSError, FzError):
            raise
        except Exception as exc:  # noqa: BLE001 - a streamed writer fails while it is written
            self.writer_failures.append(WriterFailure(name, "", f"{exc.__class__.__name__}: {exc}"[:300]))
            return None

    def previous_summary(self) -> dict | None:
        """How many of the round's reports found their previous year's report, and which did not
        (with the reason); None when no previous report was looked for."""
        if not self.previous:
            return None
        found = [p for p in self.previous if p["previous_path"]]
        return {"looked_for": len(self.previous), "found": len(found),
                "missing": [p for p in self.previous if not p["previous_path"]],
                "warnings": [p for p in self.previous if p.get("warnings")]}

    def _history_of_this_round(self) -> list[dict]:
        """The store's year-by-year rows of the issuers checked in this round (not every issuer the
        store has ever seen): each issuer's rows together under one name (``unit``), grouped by the
        issuer key the store and the registry use, years ascending."""
        if not self.history:
            return []
        from ..store.database import issuer_key

        keys = {issuer_key(r) for r in self.rows if r.get("issuer")}
        rows = sorted((h for h in self.history if h["issuer_key"] in keys),
                      key=lambda h: (h["issuer_key"], h["year"] or 0, h["path"] or ""))
        # One name per issuer (its latest report's), however each year's report spelt it.
        names = {h["issuer_key"]: h["issuer"] for h in rows}
        return [{**h, "unit": names[h["issuer_key"]]} for h in rows]

    def _write(self, name: str, content: str | bytes) -> Path:
        target = self._target(name)
        write_atomic(target, content)
        return target

