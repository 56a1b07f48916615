"""The JSON file of one report and the lines the terminal shows for it."""
from __future__ import annotations

import json

from ..results import Report
from ..base.vocab import SEVERITY_ZH, VERDICT_ZH


def to_json(report: Report | dict) -> str:
    """Deterministic, compact JSON (the C encoder; indentation would switch to the pure-Python one
    and cost more than the checks of a small report): same input and rules give the same bytes."""
    data = report.to_dict() if isinstance(report, Report) else report
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def finding_lines(report: Report) -> list[tuple]:
    """(line, column, severity, rule id, message) of every finding that counts, in reading order
    (line, then column, then the rule's place in the pack).  A finding that carries its own message
    (it says where and what) keeps that message alone, so the rule's summary is not repeated at
    every item; a failing rule without findings is placed at the top of the report."""
    found = []
    for order, result in enumerate(report.results):
        if not result.counts_against:
            continue
        for finding in result.open_findings():
            message = finding.message or result.message
            place = finding.place.where
            if place and not message.startswith(place.split(" › ")[0]):
                message += f"（位置：{place}，第 {finding.place.paragraph or 0} 段）"
            found.append((finding.place.line, finding.place.column, order, finding.severity, result.rule_id, message))
        if not result.open_findings():
            found.append((1, 1, order, result.severity, result.rule_id, result.message))
    found.sort(key=lambda f: f[:3])
    return [(line, column, severity, rule_id, message) for line, column, _, severity, rule_id, message in found]


def to_text(report: Report, found: list[tuple] | None = None) -> str:
    """``path:line:col: 级别 rule-id message`` per finding in reading order, then the report's summary
    line, which counts those lines by severity and names how many rules they come from (``found``:
    the report's :func:`finding_lines`, when the caller has them)."""
    doc = report.document
    path = doc.get("path") or "<text>"
    found = finding_lines(report) if found is None else found
    lines = [f"{path}:{line}:{column}: {SEVERITY_ZH[severity]} {rule_id} {message}"
             for line, column, severity, rule_id, message in found]
    lines.append(f"{path}: {VERDICT_ZH[report.summary['verdict']]} — {counts_line(*tally(found))}"
                 f"（{doc.get('issuer') or '主体未识别'}，{doc.get('year') or '年度未识别'}）")
    return "\n".join(lines)


def tally(found: list[tuple]) -> tuple[dict[str, int], set[str]]:
    """Findings by severity, and the rules they come from."""
    return {severity: sum(1 for f in found if f[2] == severity) for severity in SEVERITY_ZH}, {f[3] for f in found}


def counts_line(by_severity: dict[str, int], rules) -> str:
    """错误 4 条、警告 25 条、提示 2 条，涉及 14 条规则 (or 没有发现问题)."""
    if not any(by_severity.values()):
        return "没有发现问题"
    parts = "、".join(f"{SEVERITY_ZH[severity]} {count} 条" for severity, count in by_severity.items())
    return f"{parts}，涉及 {len(rules)} 条规则"
