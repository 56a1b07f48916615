"""JUnit XML: one test suite per report, one test case per rule (failure, skipped, error)."""
from __future__ import annotations

from xml.etree import ElementTree as ET

from ..results import Report, RuleResult
from .common import STATUS_ZH


_NOT_XML = __import__("re").compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str | None) -> str | None:
    """Characters XML 1.0 forbids (control characters a report may carry) are dropped."""
    return _NOT_XML.sub("", text) if text else text


def _accepted(result: RuleResult) -> str:
    """Why a failing result does not count (waived, or known from the baseline), else ''."""
    if not result.failing:
        return ""
    if result.waived:
        reasons = sorted({(f.waiver or {}).get("reason", "") for f in result.findings} - {""})
        return "已豁免" + (f"：{'；'.join(reasons)}" if reasons else "")
    if result.baseline:
        return "基线中已有，不计入本次结果"
    return ""


def render(reports: list[Report]) -> str:
    """Waived and baseline results are reported as skipped, so JUnit agrees with the exit code."""
    root = ET.Element("testsuites", name="fzcheck")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for report in reports:
        path = report.path or "<text>"
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        suite = ET.SubElement(root, "testsuite", name=path)
        for result in report.results:
            counts["tests"] += 1
            case = ET.SubElement(suite, "testcase", classname=path, name=f"{result.rule_id} {result.title}")
            status = result.status
            accepted = _accepted(result)
            if accepted:
                counts["skipped"] += 1
                ET.SubElement(case, "skipped", message=accepted)
            elif status == "fail":
                counts["failures"] += 1
                body = "\n".join(f"{f.place.line}:{f.place.column} {f.message} 「{f.excerpt}」" for f in result.findings)
                ET.SubElement(case, "failure", message=result.message, type=result.severity).text = body or None
            elif status == "error":
                counts["errors"] += 1
                ET.SubElement(case, "error", message=result.message, type="rule-error")
            elif status == "not_applicable":
                counts["skipped"] += 1
                ET.SubElement(case, "skipped", message=result.message or STATUS_ZH[status])
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    for element in root.iter():
        element.text = xml_safe(element.text)
        for key, value in element.attrib.items():
            element.set(key, xml_safe(value))
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
