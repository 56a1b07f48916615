"""The single-report page: header, checklist of every rule, and the report text with its outline
and every finding highlighted in place.  Self-contained: inline CSS and JS, no network."""
from __future__ import annotations

from ..base.version import __version__
from ..results import Checked, Report
from .common import asset, check_time, csp, environment


def _findings(report: Report) -> list[dict]:
    out = []
    for index, result in enumerate(report.results):
        for finding in result.findings:
            out.append({**finding.to_dict(), "id": f"f{len(out) + 1}", "rule_id": result.rule_id, "result": index})
    return out


def _sections(report: Report) -> list[dict]:
    flat = []

    def walk(sections):
        for section in sections:
            flat.append(section)
            walk(section["children"])

    walk(report.document["sections"])
    return flat


def _paragraphs(text: str, findings: list[dict], sections: list[dict], residue: list[tuple[int, int]]) -> list[dict]:
    """Lines of the original text cut into pieces, each piece knowing the findings that cover it.
    The first piece of each finding carries its anchor; empty spans become pins.

    One sweep over the findings in order of their start (an active set carried from line to line
    and from cut to cut), so that a report with tens of thousands of findings renders in
    O((text + findings) log findings), not findings squared."""
    order = {f["id"]: index for index, f in enumerate(findings)}
    by_start = sorted(findings, key=lambda f: (f["start"], order[f["id"]]))
    lines, pos, anchored, next_finding, active = [], 0, set(), 0, []
    for raw in text.split("\n"):
        start, end = pos, pos + len(raw)
        pos = end + 1
        while next_finding < len(by_start) and by_start[next_finding]["start"] <= end:
            active.append(by_start[next_finding])
            next_finding += 1
        active = [f for f in active if f["end"] > start or (f["start"] == f["end"] and f["start"] >= start)]
        if not raw.strip():
            continue
        covering = [f for f in active if f["start"] < end and f["end"] > start]
        lead = next((s for s in sections if start <= s["start"] < end), None)
        head_end = lead["start"] + len(lead["heading"]) if lead else start
        cuts = {start, end}
        if start < head_end < end:
            cuts.add(head_end)
        for f in covering:
            cuts.update(c for c in (f["start"], f["end"]) if start < c < end)
        pieces = _pieces(text, sorted(cuts), covering, order, anchored, head_end)
        pins = [f for f in active if f["start"] == f["end"] and start <= f["start"] <= end and f["id"] not in anchored]
        anchored.update(f["id"] for f in pins)
        lines.append({"start": start, "pieces": pieces, "section": lead, "pins": pins,
                      "residue": any(a <= start < b for a, b in residue)})
    return lines


def _pieces(text: str, points: list[int], covering: list[dict], order: dict, anchored: set, head_end: int) -> list[dict]:
    """The pieces between consecutive cut points, with the findings active over each."""
    starting = sorted(covering, key=lambda f: (max(f["start"], points[0]), order[f["id"]]))
    active: dict[str, dict] = {}
    pieces, index = [], 0
    for a, b in zip(points, points[1:]):
        while index < len(starting) and max(starting[index]["start"], points[0]) <= a:
            active[starting[index]["id"]] = starting[index]
            index += 1
        for key in [key for key, f in active.items() if f["end"] <= a]:
            del active[key]
        covered = sorted(active.values(), key=lambda f: order[f["id"]])
        ids = [f["id"] for f in covered]
        anchors = [i for i in ids if i not in anchored]
        anchored.update(anchors)
        pieces.append({"text": text[a:b], "ids": ids, "anchor": anchors[0] if anchors else None, "head": b <= head_end,
                       "severity": _worst([f["severity"] for f in covered])})
    return pieces


def _worst(severities: list[str]) -> str:
    for level in ("error", "warning", "info"):
        if level in severities:
            return level
    return ""


def context(checked: Checked) -> dict:
    """What the report's pieces (header, checklist, document) are rendered from."""
    report = checked.report
    findings = _findings(report)
    lines = _paragraphs(checked.text, findings, _sections(report), checked.residue)
    order = {"fail": 0, "error": 1, "pass": 2, "not_applicable": 3}
    results = sorted(enumerate(report.results), key=lambda item: (order[item[1].status], item[0]))
    return {"report": report, "doc": report.document, "results": results, "findings": findings, "lines": lines,
            "by_result": {i: [f for f in findings if f["result"] == i] for i in range(len(report.results))},
            "checked_at": check_time()}


def fragments(checked: Checked) -> dict[str, str]:
    """The page's pieces as separate HTML fragments (for the web app, which swaps them in place)."""
    values = context(checked)
    parts = environment().get_template("_report_parts.html.j2").module
    return {"header": str(parts.header(values["report"], values["doc"], values["checked_at"])),
            "checklist": str(parts.checklist(values["report"], values["results"], values["by_result"])),
            "document": str(parts.document(values["lines"]))}


def render(checked: Checked) -> str:
    script, style = asset("report.js"), asset("report.css")
    return environment().get_template("report.html.j2").render(
        **context(checked), script=script, style=style, csp=csp(script, style), version=__version__)
