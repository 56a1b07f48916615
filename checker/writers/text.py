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


def to_text(report: Report) -> str:
    """``path:line:col: 级别 rule-id message`` per finding, then a one-line summary.  A finding that
    carries its own message (it says where and what) is printed with that message alone, so the
    rule's summary is not repeated at every item."""
    doc = report.document
    path = doc.get("path") or "<text>"
    lines = []
    for result in report.results:
        if not result.counts_against:
            continue
        for finding in result.open_findings():
            message = finding.message or result.message
            place = finding.place.where
            if place and not message.startswith(place.split(" › ")[0]):
                message += f"（位置：{place}，第 {finding.place.paragraph or 0} 段）"
            lines.append(f"{path}:{finding.place.line}:{finding.place.column}: {SEVERITY_ZH[finding.severity]} "
                         f"{result.rule_id} {message}")
        if not result.open_findings():
            lines.append(f"{path}:1:1: {SEVERITY_ZH[result.severity]} {result.rule_id} {result.message}")
    summary = report.summary
    counts = summary["by_severity"]
    lines.append(f"{path}: {VERDICT_ZH[summary['verdict']]} — 错误 {counts['error']}，警告 {counts['warning']}，"
                 f"提示 {counts['info']}（{doc.get('issuer') or '主体未识别'}，{doc.get('year') or '年度未识别'}）")
    return "\n".join(lines)
