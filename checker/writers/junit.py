"""JUnit XML: one test suite per report, one test case per rule (failure, skipped, error)."""
from __future__ import annotations

from typing import Iterable, Iterator
from xml.etree import ElementTree as ET

from ..results import Report, RuleResult
from .common import STATUS_ZH, xml_text

xml_safe = xml_text  # the shared filter (writers/common.py)


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


_COUNTS = ("tests", "failures", "errors", "skipped")


def render(reports: Iterable[Report]) -> str:
    """Waived and baseline results are reported as skipped, so JUnit agrees with the exit code."""
    return "".join(stream(reports))


def stream(reports: Iterable[Report]) -> Iterator[str]:
    """The document of :func:`render` in pieces, one test suite at a time (a first pass over
    ``reports`` adds up the totals the root element carries); ``reports`` must allow two passes."""
    totals = dict.fromkeys(_COUNTS, 0)
    for report in reports:
        for key, value in _suite(report)[1].items():
            totals[key] += value
    root = ET.tostring(ET.Element("testsuites", name="fzcheck", **{k: str(v) for k, v in totals.items()}),
                       encoding="unicode")
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    first = True
    for report in reports:
        suite, _ = _suite(report)
        ET.indent(suite, space="  ", level=1)
        for element in suite.iter():
            element.text = xml_safe(element.text)
            for key, value in element.attrib.items():
                element.set(key, xml_safe(value))
        yield (root[:-3] + ">\n  " if first else "\n  ") + ET.tostring(suite, encoding="unicode")
        first = False
    yield (root if first else "\n</testsuites>") + "\n"


def _suite(report: Report) -> tuple[ET.Element, dict[str, int]]:
    """One report's test suite and its counts."""
    path = report.path or "<text>"
    counts = dict.fromkeys(_COUNTS, 0)
    suite = ET.Element("testsuite", name=path)
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
    return suite, counts
