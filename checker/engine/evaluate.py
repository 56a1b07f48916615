"""Evaluates a rule set on a document: one result per rule, findings mapped to the original text."""
from __future__ import annotations

import hashlib
from bisect import bisect_right
from dataclasses import dataclass, field

from .. import checks
from ..checks.base import Context, Mark, Outcome
from ..checks.scope import resolve_scope
from ..document.model import Document
from ..document.normalize import line_col, line_starts
from ..results import DocxRange, Evidence, Finding, Place, RuleResult
from .ruleset import Rule, Ruleset
from ..base.limits import alarm_armed
from ..base.vocab import LEVEL_ZH, PERIOD_ZH, SEVERITY_RANK

EXCERPT_CHARS = 40


# Appended to a failing figure rule's message when the text was recognised from a scan.
OCR_FIGURES_NOTE = "（本报告文字由扫描件识别得到，数字可能识别有误，请核对原件）"
# Appended to a failing rule's message when what it found missing may lie past the point where the
# text breaks off (Outcome.cut_short) and the rule words no ``message_cut`` of its own.
CUT_NOTE = "（文本在末尾中断，最后一句不完整，以上只就现有文字而言）"


@dataclass
class Options:
    disabled: set[str] = field(default_factory=set)
    severity: dict[str, str] = field(default_factory=dict)
    timeout: float = 1.0           # seconds per regex call on user-written patterns, where no time limit's signal can stop them
    trusted: frozenset[str] = frozenset()  # rules whose patterns are the project's own (bundled, not re-parameterised by the user)
    related: dict[str, Document] = field(default_factory=dict)
    score: dict | None = None  # the profile's score configuration (checker/engine/score.py)


class _SafeValues(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def applicable(rule: Rule, doc: Document) -> str | None:
    """None when the rule applies; otherwise the reason it does not."""
    return applies_to(rule, doc.meta.year, doc.meta.issuer_level, doc.meta.period)


def applies_to(rule: Rule, year: int | None, level: str | None, period: str | None) -> str | None:
    """None when the rule's ``applies`` (years, levels, periods) admits a report of this year, issuer
    level and period; otherwise the reason it does not.  A report's rules and a round's batch rules
    read ``applies`` here alike (an unknown year or level does not exclude a report)."""
    years = rule.applies.get("years") or {}
    if year is not None and ("from" in years and year < years["from"] or "to" in years and year > years["to"]):
        return f"报告年度 {year} 不在本规则适用范围内"
    levels = rule.applies.get("levels")
    if levels and level is not None and level not in levels:
        return f"本规则不适用于{LEVEL_ZH[level]}报告"
    periods = rule.applies.get("periods")
    if periods and period not in periods:
        return f"本规则只适用于{'、'.join(PERIOD_ZH[p] for p in periods)}报告，本报告是{PERIOD_ZH[period]}报告"
    return None


def effective_severity(rule: Rule, doc: Document, options: Options) -> str:
    return binding_severity(rule, options.severity.get(rule.id, rule.severity), doc.meta.year)


def binding_severity(rule: Rule, severity: str, year: int | None) -> str:
    """An error of a rule not yet binding in the report's year (``applies.binding_from``) is a warning."""
    binding = rule.applies.get("binding_from")
    if binding and year is not None and year < binding and severity == "error":
        return "warning"
    return severity


def pattern_timeout(rule: Rule, options: Options) -> float | None:
    """The per-call timeout a rule's patterns run under.  ``regex`` enforces one by reading the clock
    all through every match (about a seventh of its time), so it is kept only where it is needed: for
    patterns a user wrote, when no per-file time limit can interrupt the match (the web server's
    threads; checker/base/limits.py).  The bundled rules' patterns are the project's own, bounded by
    checker/patterns/patternbudget.py and tested on every rule example."""
    if rule.id in options.trusted or alarm_armed():
        return None
    return options.timeout


def evaluate_rule(rule: Rule, doc: Document, options: Options) -> tuple[Outcome | None, str | None]:
    module = checks.get(rule.check_type)
    try:
        timeout = pattern_timeout(rule, options)
        scope = resolve_scope(doc, rule.scope, timeout)
        return module.evaluate(Context(doc, scope, rule.params, timeout, options.related)), None
    except TimeoutError:
        return None, f"规则的正则表达式运行超时（{options.timeout} 秒），已停止 / a rule pattern timed out"
    except Exception as exc:  # noqa: BLE001 - one broken rule must not stop the others
        return None, f"规则运行出错 / rule crashed: {exc.__class__.__name__}: {exc}"


class FindingMapper:
    """Maps normalised spans to original offsets, line, column and an excerpt, and to the place an
    author can find in the document: the part path (二、存在的不足和原因 › （二）…) and the paragraph."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.original = doc.source.text
        self.starts = line_starts(self.original)
        self.paragraph_starts = [p.start for p in doc.paragraphs]

    def place(self, start: int, end: int) -> Place:
        """``start``/``end`` in the normalised text; the place holds original offsets."""
        o_start, o_end = self.doc.norm.to_original(start, end)
        line, column = line_col(self.starts, o_start)
        end_line, end_column = line_col(self.starts, o_end)
        return Place(o_start, o_end, line, column, end_line, end_column, self.where(start),
                     bisect_right(self.paragraph_starts, start))

    def where(self, offset: int) -> str:
        """The headings of the parts that contain ``offset``, outermost first; 标题 before the body."""
        path = self.doc.part_path(offset)
        if not path:
            if self.doc.meta.title_span and offset < self.doc.body_start:
                return "标题"
            return "正文末尾" if self.doc.sections and offset >= self.doc.sections[-1].end else "开头部分"
        return " › ".join(path)

    def excerpt(self, start: int, end: int) -> str:
        return excerpt(self.original, start, end)


def excerpt(original: str, start: int, end: int) -> str:
    """The line around a span of the original text, at most a few dozen characters either side."""
    line_start = original.rfind("\n", 0, start) + 1
    line_end = original.find("\n", end)
    line_end = len(original) if line_end == -1 else line_end
    left = max(line_start, start - EXCERPT_CHARS)
    right = min(line_end, max(end, start) + EXCERPT_CHARS) if end - start <= 2 * EXCERPT_CHARS else start + 2 * EXCERPT_CHARS
    text = original[left:right].strip()
    return ("…" if left > line_start else "") + text + ("…" if right < line_end else "")


def _found_item(mapper: FindingMapper, finding: Mark, default_message: str, severity: str, fingerprint: str) -> Finding:
    place = mapper.place(finding.start, finding.end)
    place.anchor = [DocxRange(*piece) for piece in mapper.doc.docx_ranges(place.start, place.end)] or None
    return Finding(finding.message or default_message, finding.severity or severity, place,
                     mapper.excerpt(place.start, place.end), fingerprint, fix=finding.fix)


def fingerprint(rule_id: str, context: str, words: str, occurrence: int) -> str:
    """Stable across unrelated edits: the rule, the part the finding sits in, the flagged words
    (spaces removed) and which occurrence of them it is — not offsets or line numbers."""
    key = "\x1f".join((rule_id, context, words, str(occurrence)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]


def _fingerprints(rule_id: str, doc: Document, findings: list[Mark]) -> list[str]:
    seen: dict[tuple, int] = {}
    out = []
    for finding in findings:
        section = doc.innermost_section(finding.start)
        words = "".join(doc.norm.text[finding.start:finding.end].split()) or finding.message
        key = (section.start if section else -1, words, finding.message)
        seen[key] = seen.get(key, 0) + 1
        out.append(fingerprint(rule_id, section.heading.text if section else "", words, seen[key]))
    return out


def run(doc: Document, ruleset: Ruleset, options: Options | None = None) -> list[RuleResult]:
    options = options or Options()
    mapper = FindingMapper(doc)
    results = []
    for rule in ruleset.rules:
        if rule.id in options.disabled or rule.scope == "batch":  # a batch rule is the round's (batch_result)
            continue
        results.append(rule_result(rule, doc, options, mapper))
    return results


def batch_rules(ruleset: Ruleset, options: Options) -> list[Rule]:
    """The rules a round evaluates over its whole batch (``scope: batch``), unless disabled."""
    return [rule for rule in ruleset.rules if rule.scope == "batch" and rule.id not in options.disabled]


def where_in(document: dict, offset: int) -> str:
    """The part path of an offset of the original text, read from the report's serialised outline
    (the same path :meth:`FindingMapper.where` gives from the document model)."""
    path, level = [], document.get("sections") or []
    while level:
        section = next((s for s in level if s["start"] <= offset < s["end"]), None)
        if section is None:
            break
        title = section["title"] if len(section["title"]) <= 24 else section["title"][:22] + "…"
        path.append(f"{section['marker']}{title}")
        level = section["children"]
    if path:
        return " › ".join(path)
    sections = document.get("sections") or []
    return "正文末尾" if sections and offset >= sections[-1]["end"] else "开头部分"


def batch_result(rule: Rule, text: str, shared: list[dict], options: Options, document: dict | None = None) -> RuleResult:
    """A batch rule's result for one report: its check type judges what the round found this report
    shares with the others (``shared``; nothing: it passes), and the findings are placed in the
    report's original text and outline (``document``, its serialised form: the document model stays
    in the worker that built it).  The rule's ``applies`` is read from the document's year, issuer
    level and period as for every rule: a report it does not apply to gets not_applicable."""
    meta = document or {}
    severity = binding_severity(rule, options.severity.get(rule.id, rule.severity), meta.get("year"))
    reason = applies_to(rule, meta.get("year"), meta.get("issuer_level"), meta.get("period")) if document else None
    if reason:  # the round compared it with nothing and flags nothing (checker/run/round.py)
        return RuleResult(rule.id, rule.title, severity, list(rule.spec), rule.hint, rule.pack, "not_applicable", reason)
    outcome = checks.get(rule.check_type).judge(text, shared)
    values = _SafeValues(outcome.values)
    message = rule.message.format_map(values) if outcome.status == "fail" else (
        rule.message_pass.format_map(values) if rule.message_pass else "")
    result = RuleResult(rule.id, rule.title, severity, list(rule.spec), rule.hint, rule.pack, outcome.status, message)
    starts = line_starts(text)
    seen: dict[tuple, int] = {}
    for finding in outcome.findings:
        line, column = line_col(starts, finding.start)
        end_line, end_column = line_col(starts, finding.end)
        words = "".join(text[finding.start:finding.end].split()) or finding.message
        key = (finding.message, words)
        seen[key] = seen.get(key, 0) + 1
        result.findings.append(Finding(finding.message or message, finding.severity or severity,
                                         Place(finding.start, finding.end, line, column, end_line, end_column,
                                               where_in(document, finding.start) if document else None),
                                         excerpt(text, finding.start, finding.end),
                                         fingerprint(rule.id, finding.message, words, seen[key])))
    return result


def rule_result(rule: Rule, doc: Document, options: Options, mapper: FindingMapper) -> RuleResult:
    """One rule's result on one document (the engine's loop, and the rule examples, call this)."""
    severity = effective_severity(rule, doc, options)
    result = RuleResult(rule.id, rule.title, severity, list(rule.spec), rule.hint, rule.pack, "not_applicable", "")
    reason = applicable(rule, doc)
    if reason:
        result.message = reason
        return result
    outcome, error = evaluate_rule(rule, doc, options)
    if error:
        result.status, result.message = "error", error
        return result
    values = _SafeValues(outcome.values)
    if outcome.status == "fail" and outcome.cut_short:
        message = rule.message_cut.format_map(values) if rule.message_cut else rule.message.format_map(values) + CUT_NOTE
    elif outcome.status == "fail":
        message = rule.message.format_map(values)
    elif outcome.status == "pass":
        message = rule.message_pass.format_map(values) if rule.message_pass else ""
    else:
        message = "不适用：" + _na_reason(outcome.values.get("reason"))
    if outcome.status == "fail" and "ocr" in doc.source.meta and checks.reads_figures(rule.check_type):
        message += OCR_FIGURES_NOTE
    prints = _fingerprints(rule.id, doc, outcome.findings)
    result.findings = [_found_item(mapper, f, message, severity, p) for f, p in zip(outcome.findings, prints)]
    if result.findings and outcome.status == "fail":
        result.severity = max((f.severity for f in result.findings), key=SEVERITY_RANK.__getitem__)
    result.evidence = [Evidence(e.message, mapper.place(e.start, e.end)) for e in outcome.evidence[:50]]
    result.status, result.message = outcome.status, message
    if outcome.spec_left_out:  # e.g. the clauses of a 纲要 not in force for the report's year
        result.spec = [clause for clause in rule.spec if clause not in outcome.spec_left_out]
    return result


def _na_reason(reason: str | None) -> str:
    return {"scope": "报告中没有本规则所检查的部分", "no date": "报告没有落款日期，也未提供发布日期",
            "no year": "无法确定报告年度", "no previous report": "没有提供上一年度报告（--previous）"}.get(reason or "", reason or "")
