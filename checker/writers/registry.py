"""The output formats, in one place: a format is a writer module plus one entry here.

A per-report writer turns one checked report into one file named after the input; a batch writer
runs when the batch is done, over what the run kept of every report (``Batch``).  ``text`` is the
terminal output and writes no file.  The order of the entries is the order files are written and
listed.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable

from ..base.errors import FzError
from ..results import Checked, Report
from .text import to_json
from . import docx_comments, html_report, junit, memo, sarif, summary, xlsx


@dataclass(frozen=True)
class WriterOptions:
    """Choices that change what a per-report writer puts in its file."""
    revisions: bool = True           # docx: offer known fixes as tracked changes (--no-revisions: off)
    memo_template: str | None = None  # memo: an office's own wording (--memo-template), else the bundled one


@dataclass
class Batch:
    """What the run kept of the batch for the end-of-batch writers."""
    rows: list[dict]                 # one summary row per input (summary.row / unreadable_row)
    finding_rows: list[dict]         # every finding, for the workbook and the memo
    ci_reports: Iterable[Report]     # reports without evidence, for SARIF and JUnit (read twice)
    rule_meta: dict
    pairs: list[dict] = field(default_factory=list)        # reports sharing long passages
    groups: list[dict] = field(default_factory=list)       # clusters of those pairs
    history: list[dict] = field(default_factory=list)      # the results store's history
    titles: dict[str, str] = field(default_factory=dict)   # rule id → title
    not_submitted: list[dict] = field(default_factory=list)
    several: bool = False            # more than one input
    roster: dict | None = None       # the round against the issuer registry (registry.reconcile)
    previous: dict | None = None     # how many reports found their previous year's report (Outputs)
    options: WriterOptions = field(default_factory=WriterOptions)


@dataclass(frozen=True)
class ReportWriter:
    format: str
    file_name: str                                   # "{stem}" is the input's safe name
    render: Callable[[Checked, str, WriterOptions], str | bytes]    # (checked report, input path, options)
    describe: str = ""                               # what the format gives, for --help (Chinese)


@dataclass(frozen=True)
class BatchWriter:
    format: str | None                               # None: written for every batch of several inputs
    file_name: str
    render: Callable[[Batch], str | bytes | Iterable[str]]   # pieces of text: written as they come
    wanted: Callable[[Batch], bool] = lambda batch: True
    describe: str = ""                               # what the format gives, for --help (Chinese)


REPORT_WRITERS = (
    ReportWriter("json", "{stem}.json", lambda checked, path, options: to_json(checked.report),
                 describe="每份报告的检查结果（JSON）"),
    ReportWriter("html", "{stem}.html", lambda checked, path, options: html_report.render(checked),
                 describe="每份报告的网页，多份时另有汇总页 index.html"),
    # The author's own .docx with the findings as comments (批注) and known fixes as tracked changes
    # (修订); for other inputs, a .docx of the text.
    ReportWriter("docx", "{stem}" + docx_comments.COMMENTED_SUFFIX,
                 lambda checked, path, options: docx_comments.render(checked, path, options.revisions),
                 describe="带批注和修订的 Word 文件"),
)

BATCH_WRITERS = (
    BatchWriter("sarif", "fzcheck.sarif", lambda b: sarif.stream(b.ci_reports, b.rule_meta, sarif.source_root()),
                describe="代码扫描结果（SARIF，供 CI 使用）"),
    BatchWriter("junit", "junit.xml", lambda b: junit.stream(b.ci_reports), describe="测试报告（JUnit XML，供 CI 使用）"),
    BatchWriter("xlsx", "fzcheck.xlsx", lambda b: xlsx.render(b.rows, b.finding_rows, b.pairs, b.groups, b.history,
                                                              b.titles, b.not_submitted, b.roster, b.previous),
                wanted=lambda b: bool(b.rows), describe="汇总工作簿（Excel）"),
    BatchWriter("memo", "fzcheck-通报.docx", lambda b: memo.render(b.rows, b.finding_rows, b.groups, b.rule_meta,
                                                                 missing=b.not_submitted,
                                                                 template=b.options.memo_template),
                wanted=lambda b: bool(b.rows), describe="情况通报（Word）"),
    BatchWriter(None, "summary.json", lambda b: summary.stream_json(b.rows, b.pairs, b.groups, b.not_submitted,
                                                                    roster=b.roster, previous=b.previous),
                wanted=lambda b: b.several and bool(b.rows)),
    BatchWriter(None, "summary.csv", lambda b: summary.to_csv(b.rows), wanted=lambda b: b.several and bool(b.rows)),
    # The dashboard links each report's page, so it comes with the html format.
    BatchWriter("html", "index.html", lambda b: summary.stream_dashboard(b.rows, b.pairs, b.groups, b.not_submitted,
                                                                       b.roster, b.previous),
                wanted=lambda b: b.several and bool(b.rows)),
)

@dataclass(frozen=True)
class WriterFailure:
    """A writer that failed on one report or on the batch: said as that writer's failure, never as an
    unreadable input; the other outputs are written and the run ends with exit code 2."""
    format: str
    path: str          # the input, or "" for a batch file
    error: str         # the exception's class and text

    def messages(self) -> tuple[str, str]:
        where = f"“{self.path}”的" if self.path else "本批的"
        return (f"无法生成{where} {self.format} 输出（内部错误：{self.error}），其他输出照常写入；请用 --debug 查看详情并报告",
                f"could not write the {self.format} output{f' of {self.path!r}' if self.path else ' of the batch'} "
                f"(internal error: {self.error}); the other outputs were written; rerun with --debug and report it")


def render_safely(format: str, path: str, render: Callable, *args, debug: bool = False):
    """``render(*args)``, or a WriterFailure when the writer fails (with ``debug``, the exception).  An
    FzError (a bad memo template: the user's to fix) ends the run as before."""
    try:
        return render(*args)
    except FzError:
        raise
    except Exception as exc:  # noqa: BLE001 - one writer's bug must not cost the report or the other files
        if debug:
            raise
        return WriterFailure(format, path, f"{exc.__class__.__name__}: {exc}"[:300])


def render_report_files(checked: Checked, path: str, formats, options: WriterOptions = WriterOptions(),
                        debug: bool = False) -> dict:
    """The per-report files of ``formats`` for one report (a batch renders them in its workers); a
    writer that fails gives a WriterFailure in place of its file."""
    return {writer.format: render_safely(writer.format, path, writer.render, checked, path, options, debug=debug)
            for writer in REPORT_WRITERS if writer.format in formats}


# Formats whose batch file needs the per-report CI view or the finding rows kept in memory.
NEEDS_CI_REPORTS = frozenset({"sarif", "junit"})
NEEDS_FINDING_ROWS = frozenset({"xlsx", "memo"})

# Formats shown on the terminal rather than written to a file.
TERMINAL_FORMATS = {"text": "在终端上逐条显示问题", "github": "GitHub Actions 工作流注释（::error file=…），文件路径相对于仓库"}

FORMATS = tuple(dict.fromkeys(["json", *TERMINAL_FORMATS] + [w.format for w in REPORT_WRITERS + BATCH_WRITERS if w.format]))


def formats_help() -> str:
    """The ``--format`` help, from the writers registered here (never kept by hand)."""
    described = {**TERMINAL_FORMATS, **{w.format: w.describe for w in REPORT_WRITERS + BATCH_WRITERS
                                         if w.format and w.describe}}
    return "；".join(f"{name}：{described[name]}" for name in FORMATS)
