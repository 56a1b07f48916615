"""SARIF 2.1.0: one run for the whole batch, columns in Unicode code points.

Artifact URIs are relative to the source root (``%SRCROOT%``: the git work tree the run started in,
else the working folder), as code-scanning services expect; each rule links to its entry in the
rule reference (``helpUri``); waived findings carry a suppression and findings already in the
baseline ``baselineState: unchanged``, so the SARIF agrees with the exit code.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Iterable, Iterator

from ..base.version import __version__
from ..results import Finding, Report, RuleResult

LEVEL = {"error": "error", "warning": "warning", "info": "note"}


SRCROOT = "%SRCROOT%"


def source_root(start: str | None = None) -> str:
    """The git work tree containing ``start`` (default: the working folder), else ``start``."""
    folder = Path(start or os.getcwd()).resolve()
    for candidate in [folder, *folder.parents]:
        if (candidate / ".git").exists():
            return str(candidate)
    return str(folder)


def _uri(path: str | None, base: str | None) -> str:
    if not path:
        return "stdin"
    if base:
        try:
            path = os.path.relpath(path, base)
        except ValueError:
            pass
    return path.replace(os.sep, "/")


def _rule_descriptor(result: RuleResult, rule_meta: dict) -> dict:
    meta = rule_meta.get(result.rule_id, {})
    return {
        "id": result.rule_id,
        "name": result.rule_id.replace(".", "_"),
        "shortDescription": {"text": result.title},
        "fullDescription": {"text": meta.get("rationale") or result.title},
        "help": {"text": result.hint},
        "defaultConfiguration": {"level": LEVEL[meta.get("severity", result.severity)]},
        "properties": {"spec": result.spec, "pack": result.pack},
        **({"helpUri": meta["help_uri"]} if meta.get("help_uri") else {}),
    }


def render(reports: Iterable[Report], rule_meta: dict | None = None, base: str | None = None) -> str:
    """``rule_meta``: rule id → {severity, rationale} from the rule set (defaults from the results)."""
    return "".join(stream(reports, rule_meta, base))


_RESULTS_HERE = "\x00results\x00"
_RESULT_INDENT = " " * 8  # a result's depth in the log: runs → run → results


def stream(reports: Iterable[Report], rule_meta: dict | None = None, base: str | None = None) -> Iterator[str]:
    """The log of :func:`render`, the same bytes, in pieces: a first pass over ``reports`` collects the
    rules and artifacts (they come before the results), a second renders the results report by
    report, so a batch's log never exists whole in memory.  ``reports`` must allow two passes (a list,
    or the batch's report spool)."""
    rule_meta = rule_meta or {}
    descriptors: dict[str, dict] = {}
    artifacts: dict[str, int] = {}
    for report in reports:
        artifacts.setdefault(_uri(report.path, base), len(artifacts))
        for result in report.results:
            if result.rule_id not in descriptors:
                descriptors[result.rule_id] = _rule_descriptor(result, rule_meta)
    run = {
        "tool": {"driver": {"name": "fzcheck", "version": __version__, "semanticVersion": __version__,
                            "informationUri": "https://pypi.org/project/fzcheck/",
                            "rules": list(descriptors.values())}},
        "columnKind": "unicodeCodePoints",
        "originalUriBaseIds": {SRCROOT: {"uri": Path(base or os.getcwd()).resolve().as_uri() + "/"}},
        "artifacts": [{"location": {"uri": uri, "uriBaseId": SRCROOT}, "encoding": "utf-8"} for uri in artifacts],
        "results": _RESULTS_HERE,
    }
    sarif = {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0", "runs": [run]}
    head, tail = json.dumps(sarif, ensure_ascii=False, indent=2).split(json.dumps(_RESULTS_HERE), 1)
    yield head + "["
    rule_index = {rule_id: index for index, rule_id in enumerate(descriptors)}
    first = True
    for report in reports:
        uri = _uri(report.path, base)
        for result in report.results:
            if not result.failing:
                continue
            for finding in result.findings or [None]:
                item = _result(result, finding, uri, artifacts[uri], rule_index[result.rule_id])
                text = json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n" + _RESULT_INDENT)
                yield ("\n" if first else ",\n") + _RESULT_INDENT + text
                first = False
    yield ("]" if first else "\n" + _RESULT_INDENT[:-2] + "]") + tail + "\n"


def _result(result: RuleResult, finding: Finding | None, uri: str, artifact_index: int, rule_index: int) -> dict:
    message = result.message
    if finding and finding.message != message:
        message = f"{message}：{finding.message}"
    out = {"ruleId": result.rule_id, "ruleIndex": rule_index,
           "level": LEVEL[finding.severity if finding else result.severity],
           "message": {"text": message or result.title}}
    location = {"artifactLocation": {"uri": uri, "uriBaseId": SRCROOT, "index": artifact_index}}
    if finding:
        place = finding.place
        location["region"] = {
            "startLine": place.line, "startColumn": place.column, "endLine": place.end_line, "endColumn": place.end_column,
            "charOffset": place.start, "charLength": place.end - place.start, "snippet": {"text": finding.excerpt},
        }
        out["partialFingerprints"] = {"fzcheckFinding/v1": finding.fingerprint}
    else:
        location["region"] = {"startLine": 1, "startColumn": 1}
        out["partialFingerprints"] = {"fzcheckFinding/v1": result.rule_id}
    out["locations"] = [{"physicalLocation": location}]
    marked = finding or result
    if marked.waived:
        out["suppressions"] = [{"kind": "external", "status": "accepted",
                                "justification": (marked.waiver or {}).get("reason", "已豁免")}]
    elif marked.baseline:
        out["baselineState"] = "unchanged"
    return out
