"""SARIF and JUnit for a batch are written piece by piece from a spool of reports on disk, and the
pieces make exactly the document built whole in memory (the way they were written before)."""
import json
import os
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from checker.ingest import load
from checker.run.pipeline import Checker
from checker.run.reportspool import ReportSpool
from checker.results import Report
from checker.writers import junit, sarif

ROOT = Path(__file__).resolve().parent.parent
INPUTS = sorted((ROOT / "tests" / "corpus").glob("*.txt")) + sorted((ROOT / "examples").glob("*.txt"))


@pytest.fixture(scope="module")
def reports() -> list[Report]:
    """Real reports, one failing result waived and one known from a baseline (both marks reach the
    SARIF and JUnit)."""
    checker = Checker(discover_config=False)
    out = [checker.check(load(path)).report for path in INPUTS]
    failing = [r for report in out for r in report.results if r.failing and r.findings]
    for finding in failing[0].findings:
        finding.waived, finding.waiver = True, {"reason": "已核实"}
    failing[0].mark_waived()
    failing[1].mark_baseline({(failing[1].rule_id, f.fingerprint) for f in failing[1].findings})
    return out


def _whole_sarif(reports, rule_meta, base) -> str:
    """The log built as one object, as the writer did before it streamed."""
    descriptors, results, artifacts = {}, [], {}
    for report in reports:
        uri = sarif._uri(report.path, base)
        artifacts.setdefault(uri, len(artifacts))
        for result in report.results:
            descriptors.setdefault(result.rule_id, sarif._rule_descriptor(result, rule_meta))
            if result.failing:
                for finding in result.findings or [None]:
                    results.append(sarif._result(result, finding, uri, artifacts[uri], list(descriptors).index(result.rule_id)))
    run = {"tool": {"driver": {"name": "fzcheck", "version": sarif.__version__, "semanticVersion": sarif.__version__,
                               "informationUri": "https://pypi.org/project/fzcheck/", "rules": list(descriptors.values())}},
           "columnKind": "unicodeCodePoints",
           "originalUriBaseIds": {sarif.SRCROOT: {"uri": Path(base).resolve().as_uri() + "/"}},
           "artifacts": [{"location": {"uri": u, "uriBaseId": sarif.SRCROOT}, "encoding": "utf-8"} for u in artifacts],
           "results": results}
    return json.dumps({"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0", "runs": [run]},
                      ensure_ascii=False, indent=2) + "\n"


def _whole_junit(reports) -> str:
    root = ET.Element("testsuites", name="fzcheck")
    totals = dict.fromkeys(junit._COUNTS, 0)
    for report in reports:
        suite, counts = junit._suite(report)
        root.append(suite)
        for key, value in counts.items():
            totals[key] += value
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    for element in root.iter():
        element.text = junit.xml_safe(element.text)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


@pytest.mark.parametrize("count", [0, 1, 2, 7])
def test_streamed_sarif_is_the_whole_log_byte_for_byte(reports, count, tmp_path):
    chosen = reports[:count]
    meta = {"part.shortcomings": {"severity": "error", "rationale": "规定第五条", "help_uri": "https://example.org/r"}}
    streamed = "".join(sarif.stream(chosen, meta, str(tmp_path)))
    assert streamed == _whole_sarif(chosen, meta, str(tmp_path))
    assert json.loads(streamed)["runs"][0]["results"] == json.loads(_whole_sarif(chosen, meta, str(tmp_path)))["runs"][0]["results"]


@pytest.mark.parametrize("count", [0, 1, 2, 7])
def test_streamed_junit_is_the_whole_document_byte_for_byte(reports, count):
    chosen = reports[:count]
    assert "".join(junit.stream(chosen)) == _whole_junit(chosen)


def test_the_spool_gives_back_each_report_without_evidence_in_order_and_twice(reports):
    spool = ReportSpool()
    for report in reports:
        spool.append(report)
    slim = [r.without_evidence() for r in reports]
    expected = [r.to_dict() for r in slim]
    for _ in range(2):
        assert [r.to_dict() for r in spool] == expected
    assert len(spool) == len(reports)
    # a writer may start a second pass before finishing the first
    outer = iter(spool)
    first = next(outer)
    assert [r.path for r in spool] == [r.path for r in reports]
    assert next(outer).path == reports[1].path and first.path == reports[0].path
    spool.close()


def test_the_spool_lives_in_a_file_not_in_memory(reports):
    spool = ReportSpool()
    for _ in range(50):
        spool.append(reports[-1])
    assert os.fstat(spool._file.fileno()).st_size > 50 * 1000
    assert len(spool) == 50
    spool.close()
