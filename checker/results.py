"""The finished report, typed: what every writer, the results store and the exit code read.

A :class:`Report` owns the meaning of a result set: which results count against the report
(:attr:`RuleResult.counts_against`: failing, neither waived nor known from a baseline), the summary
computed from them, whether the run fails at a threshold (:meth:`Report.fails`), and the JSON form
(:meth:`Report.to_dict`; ``checker/schema/report.schema.json`` describes exactly this).  Nothing
else recomputes a summary or decides what counts.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .base.vocab import SEVERITY_RANK, STATUSES

FAILING = ("fail", "error")


@dataclass(frozen=True)
class DocxRange:
    """A stretch of one paragraph of the author's .docx: the paragraph's block path (see
    ``checker.base.ooxml``) and character offsets in its text; ``end`` -1: to the paragraph's end."""
    block: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"block": self.block, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, data: dict) -> "DocxRange":
        return cls(str(data["block"]), int(data["start"]), int(data["end"]))


@dataclass
class Place:
    """Where a span stands in the original text, and in the document's parts."""
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    where: str | None = None       # the part path (二、存在的不足和原因 › （二）…); None outside a document model
    paragraph: int | None = None   # 1-based paragraph number in the document
    anchor: list[DocxRange] | None = None  # where the span stands in the author's .docx (findings only)

    def place_dict(self) -> dict[str, Any]:
        out = {"start": self.start, "end": self.end, "line": self.line, "column": self.column,
               "end_line": self.end_line, "end_column": self.end_column}
        if self.where is not None:
            out["where"] = self.where
        if self.paragraph is not None:
            out["paragraph"] = self.paragraph
        return out


PLACE_KEYS = ("start", "end", "line", "column", "end_line", "end_column", "where", "paragraph")


def _place(data: dict) -> Place:
    place = Place(**{k: data.get(k) for k in PLACE_KEYS})
    if data.get("anchor"):
        place.anchor = [DocxRange.from_dict(piece) for piece in data["anchor"]]
    return place


@dataclass
class Finding:
    message: str
    severity: str
    place: Place
    excerpt: str
    fingerprint: str
    waiver: dict | None = None     # {reason, approver, expires} of the waiver that accepted it
    waived: bool = False
    baseline: bool = False         # already in the baseline run
    fix: str | None = None         # the one right form of the span's text, when the rule knows it

    @property
    def accepted(self) -> bool:
        return self.waived or self.baseline

    def to_dict(self) -> dict[str, Any]:
        place = self.place.place_dict()
        out = {"message": self.message, "severity": self.severity}
        out.update((key, place[key]) for key in ("start", "end", "line", "column", "end_line", "end_column"))
        out["excerpt"] = self.excerpt
        out.update((key, place[key]) for key in ("where", "paragraph") if key in place)
        if self.place.anchor:
            out["anchor"] = [piece.to_dict() for piece in self.place.anchor]
        if self.fix is not None:
            out["fix"] = self.fix
        out["fingerprint"] = self.fingerprint
        _add_marks(out, self)
        return out

    @classmethod
    def from_dict(cls, data: dict) -> "Finding":
        return cls(data["message"], data["severity"], _place(data),
                   data.get("excerpt", ""), data.get("fingerprint", ""), data.get("waiver"),
                   bool(data.get("waived")), bool(data.get("baseline")), data.get("fix"))


@dataclass
class Evidence:
    """What a rule found that supports its verdict (the parts it read, the figures it counted)."""
    text: str
    place: Place

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, **self.place.place_dict()}

    @classmethod
    def from_dict(cls, data: dict) -> "Evidence":
        return cls(data["text"], Place(**{k: data.get(k) for k in PLACE_KEYS}))


@dataclass
class RuleResult:
    rule_id: str
    title: str
    severity: str
    spec: list[str]
    hint: str
    pack: str
    status: str                    # one of vocab.STATUSES
    message: str
    findings: list[Finding] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    waiver: dict | None = None     # a result without findings is waived as a whole
    waived: bool = False
    baseline: bool = False

    @property
    def failing(self) -> bool:
        return self.status in FAILING

    @property
    def counts_against(self) -> bool:
        """A failing result that is neither waived nor already known from a baseline."""
        return self.failing and not self.waived and not self.baseline

    def open_findings(self) -> list[Finding]:
        """The findings still to be dealt with (not waived, not in the baseline)."""
        return [f for f in self.findings if not f.accepted]

    def mark_waived(self) -> None:
        """Waived as a whole when every finding is (a result without findings: by its own mark)."""
        if all(f.waived for f in self.findings) and (self.findings or self.waived):
            self.waived = True

    def mark_baseline(self, known: set[tuple[str, str]]) -> None:
        for finding in self.findings:
            if (self.rule_id, finding.fingerprint) in known:
                finding.baseline = True
        if self.findings and all(f.baseline for f in self.findings):
            self.baseline = True

    def to_dict(self, evidence: bool = True) -> dict[str, Any]:
        out = {"rule_id": self.rule_id, "title": self.title, "severity": self.severity, "spec": list(self.spec),
               "hint": self.hint, "pack": self.pack, "status": self.status, "message": self.message,
               "findings": [f.to_dict() for f in self.findings]}
        if evidence:
            out["evidence"] = [e.to_dict() for e in self.evidence]
        _add_marks(out, self)
        return out

    @classmethod
    def from_dict(cls, data: dict) -> "RuleResult":
        return cls(data["rule_id"], data["title"], data["severity"], list(data.get("spec", [])), data.get("hint", ""),
                   data.get("pack", ""), data["status"], data.get("message", ""),
                   [Finding.from_dict(f) for f in data.get("findings", [])],
                   [Evidence.from_dict(e) for e in data.get("evidence", [])], data.get("waiver"),
                   bool(data.get("waived")), bool(data.get("baseline")))


def _add_marks(out: dict, item) -> None:
    if getattr(item, "waiver", None) is not None:
        out["waiver"] = item.waiver
    if item.waived:
        out["waived"] = True
    if item.baseline:
        out["baseline"] = True


def summarize(results: list[RuleResult]) -> dict[str, Any]:
    by_status = {status: 0 for status in STATUSES}
    by_status.update(waived=0, baseline=0)
    by_severity = {"error": 0, "warning": 0, "info": 0}
    for result in results:
        by_status[result.status] += 1
        if result.waived:
            by_status["waived"] += 1
        elif result.baseline:
            by_status["baseline"] += 1
        if result.counts_against:
            by_severity[result.severity] += 1
    verdict = "fail" if by_severity["error"] else "warning" if by_severity["warning"] else "pass"
    return {"verdict": verdict, "by_status": by_status, "by_severity": by_severity}


def fails_at(results: list[RuleResult], fail_on: str) -> bool:
    """Whether any result that counts reaches ``fail_on`` (error, warning, info or never)."""
    if fail_on == "never":
        return False
    threshold = SEVERITY_RANK[fail_on]
    return any(r.counts_against and SEVERITY_RANK[r.severity] >= threshold for r in results)


@dataclass
class Report:
    """One checked report: the tool, the rule set, the document's metadata and outline (the
    document model's serialisation), one result per rule, and the spec clauses they cite."""
    tool: dict
    ruleset: dict
    document: dict
    results: list[RuleResult]
    spec_clauses: dict
    score: dict | None = None      # present when the profile scores reports
    previous: dict | None = None   # the previous year's report compared with, when one was looked for

    @property
    def summary(self) -> dict[str, Any]:
        return summarize(self.results)

    @property
    def verdict(self) -> str:
        return self.summary["verdict"]

    @property
    def path(self) -> str | None:
        return self.document.get("path")

    def fails(self, fail_on: str) -> bool:
        return fails_at(self.results, fail_on)

    def result(self, rule_id: str) -> RuleResult | None:
        return next((r for r in self.results if r.rule_id == rule_id), None)

    def mark_baseline(self, known: set[tuple[str, str]]) -> None:
        for result in self.results:
            result.mark_baseline(known)

    def without_evidence(self) -> "Report":
        """What CI formats need (results and findings); keeping less keeps a large batch small."""
        results = [RuleResult(**{**r.__dict__, "evidence": []}) for r in self.results]
        return Report(self.tool, self.ruleset, {"path": self.path}, results, {}, self.score)

    def to_dict(self) -> dict[str, Any]:
        out = {"tool": self.tool, "ruleset": self.ruleset, "document": self.document, "summary": self.summary,
               "results": [r.to_dict() for r in self.results], "spec_clauses": self.spec_clauses}
        if self.score is not None:
            out["score"] = self.score
        if self.previous is not None:
            out["previous"] = self.previous
        return out

    @classmethod
    def from_dict(cls, data: dict) -> "Report":
        return cls(data.get("tool", {}), data.get("ruleset", {}), data.get("document", {}),
                   [RuleResult.from_dict(r) for r in data.get("results", [])], data.get("spec_clauses", {}),
                   data.get("score"), data.get("previous"))


@dataclass
class Checked:
    """A report and the text it was made from: what writers need, without re-reading the file."""

    report: "Report"
    text: str
    residue: list[tuple[int, int]]
    prints: dict[int, int] | None = None  # copied-text fingerprints, computed in batch workers
    packed: bytes | None = None           # the text compressed for the batch's corpus, likewise
    waiver_use: Any = None                # waivers.WaiverUse: what the waivers did to this report
    rendered: dict[str, str | bytes] = field(default_factory=dict)  # per-report files made in a worker
    score_config: dict | None = None      # the profile's score configuration, applied when finalised


@dataclass
class Failure:
    """An input that could not be checked, and why (in Chinese and English, without the file name)."""
    path: str
    zh: str
    en: str
