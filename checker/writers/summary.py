"""Batch summary: one row per report (summary.json, summary.csv for Excel/WPS) and the dashboard."""
from __future__ import annotations

import csv
import io
import json
import sys
from typing import Iterator

from ..base.version import __version__
from .common import LEVEL_ZH, STATUS_ZH, VERDICT_ZH, asset, check_time, csp, environment
from ..results import Report
from ..base.vocab import MATCHED_VIA_ZH, RULES_FAILED_ZH, STATUS_MARK, TAG_COPYING, TAG_SUMMARY


_SHARED_TITLES: dict[tuple, dict] = {}


def _shared(titles: dict[str, str]) -> dict[str, str]:
    """One dict for every row with the same core-rule titles (all rows of a round, as a rule)."""
    key = tuple(titles.items())
    if key not in _SHARED_TITLES:
        if len(_SHARED_TITLES) > 64:
            _SHARED_TITLES.clear()
        _SHARED_TITLES[key] = titles
    return _SHARED_TITLES[key]


def row(report: Report, page: str | None, data_file: str | None, groups: dict[str, frozenset[str]] | None = None) -> dict:
    """One report's line in the batch files.  A round keeps a row per report in memory, so rule ids
    and statuses are interned (a worker's report brings its own copies of every string) and the
    titles are shared: about 2 KB a row, 200 MB for a national round of 100,000.  ``groups``: rule
    ids by tag (:func:`~checker.writers.common.rule_groups`): the summary tables show the rules tagged
    ``summary``; ``copied`` counts the findings of the rules tagged ``copying``.  ``failing`` holds
    each result that counts against the report, with its severity (what the 通报 counts)."""
    doc, summary = report.document, report.summary
    groups = groups or {}
    columns, copying = groups.get(TAG_SUMMARY, frozenset()), groups.get(TAG_COPYING, frozenset())
    return {
        "path": doc.get("path"), "page": page, "json": data_file,
        "title": doc.get("title"), "issuer": doc.get("issuer"), "issuer_level": doc.get("issuer_level"),
        "region": doc.get("region"),
        "year": doc.get("year"), "period": doc.get("period"), "date": doc.get("date"),
        "date_source": doc.get("date_source"),
        "verdict": summary["verdict"], "errors": summary["by_severity"]["error"],
        "warnings": summary["by_severity"]["warning"], "infos": summary["by_severity"]["info"],
        "rules": {sys.intern(r.rule_id): sys.intern(r.status) for r in report.results},
        "failing": {sys.intern(r.rule_id): sys.intern(r.severity) for r in report.results if r.counts_against},
        "titles": _shared({sys.intern(r.rule_id): r.title for r in report.results if r.rule_id in columns}),
        "reason": "", "copied": sum(len(r.findings) for r in report.results if r.rule_id in copying and r.failing), "score": (report.score or {}).get("total"),
    }


def interned(row: dict) -> dict:
    """A row made in another process (a batch worker's), with its rule ids and statuses interned and
    its titles shared again, as :func:`row` makes them."""
    row["rules"] = {sys.intern(rule_id): sys.intern(status) for rule_id, status in row["rules"].items()}
    row["failing"] = {sys.intern(rule_id): sys.intern(severity) for rule_id, severity in row["failing"].items()}
    row["titles"] = _shared({sys.intern(rule_id): title for rule_id, title in row["titles"].items()})
    return row


def unreadable_row(path: str, zh: str, en: str) -> dict:
    return {"path": path, "page": None, "json": None, "title": None, "issuer": None, "issuer_level": None, "region": None,
            "year": None, "period": None, "date": None, "date_source": None, "verdict": "unreadable", "errors": 0,
            "warnings": 0, "infos": 0, "rules": {}, "failing": {}, "titles": {}, "reason": f"{zh} / {en}", "copied": 0, "score": None}


def core_rules(rows: list[dict]) -> list[tuple[str, str]]:
    """(id, title) of the core rules, in rule-set order."""
    seen: dict[str, str] = {}
    for r in rows:
        for rule_id, title in r["titles"].items():
            seen.setdefault(rule_id, title)
    return list(seen.items())


def ranking(rows: list[dict]) -> list[dict]:
    """The round's ranking by score (ties share a place), for reports that have a score."""
    scored = sorted((r for r in rows if r.get("score") is not None), key=lambda r: (-r["score"], r["path"] or ""))
    out, place = [], 0
    for index, r in enumerate(scored):
        if index == 0 or r["score"] != scored[index - 1]["score"]:
            place = index + 1
        out.append({"place": place, "path": r["path"], "issuer": r["issuer"], "score": r["score"]})
    return out


def stream_json(rows: list[dict], pairs: list[dict] | None = None, groups: list[dict] | None = None,
                missing: list[dict] | None = None, roster: dict | None = None,
                previous: dict | None = None) -> Iterator[str]:
    """summary.json in pieces: a round of 100,000 rows is written without its text in memory.
    ``roster``: the round against the issuer registry (which report is which unit, matched how);
    ``previous``: how many reports found their previous year's report."""
    data = {"tool": {"name": "fzcheck", "version": __version__}, "reports": rows, "ranking": ranking(rows),
            "similar_pairs": pairs or [], "copy_clusters": groups or [], "not_submitted": missing or []}
    if roster is not None:
        data["registry"] = {key: value for key, value in roster.items() if key != "not_submitted"}
    if previous is not None:
        data["previous_reports"] = previous
    yield from json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(data)
    yield "\n"


def to_json(rows: list[dict], pairs: list[dict] | None = None, groups: list[dict] | None = None,
            missing: list[dict] | None = None) -> str:
    return "".join(stream_json(rows, pairs, groups, missing))


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def cell(value):
    """A spreadsheet cell that is text, never a formula: a value an input controls (a file name, an
    issuer) that starts like a formula gets a leading apostrophe, as OWASP advises."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def to_csv(rows: list[dict]) -> str:
    """UTF-8 with BOM so that Excel and WPS open the Chinese text correctly."""
    rules = core_rules(rows)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["文件", "报告主体", "层级", "年度", "日期", "结论", "得分", *RULES_FAILED_ZH.values(), "雷同报告数", "说明"]
                    + [title for _, title in rules])
    for r in rows:
        verdict = "无法读取" if r["verdict"] == "unreadable" else VERDICT_ZH[r["verdict"]]
        writer.writerow([cell(v) for v in [r["path"], r["issuer"] or "", LEVEL_ZH.get(r["issuer_level"], ""), r["year"] or "",
                         r["date"] or "", verdict, "" if r.get("score") is None else r["score"], r["errors"], r["warnings"],
                         r["infos"], r.get("copied", 0), r.get("reason", "")]
                         + [STATUS_ZH.get(r["rules"].get(rule_id, ""), "") for rule_id, _ in rules]])
    return "\ufeff" + out.getvalue()


def totals(rows: list[dict], rules: list[tuple[str, str]]) -> list[dict]:
    readable = [r for r in rows if r["verdict"] != "unreadable"]
    out = []
    for rule_id, title in rules:
        fails = sum(1 for r in readable if r["rules"].get(rule_id) in ("fail", "error"))
        applicable = sum(1 for r in readable if r["rules"].get(rule_id) not in (None, "not_applicable"))
        out.append({"id": rule_id, "title": title, "fails": fails, "applicable": applicable, "total": len(readable)})
    return out


CHART_LABEL_CHARS = 21   # a chart label's line: 21 characters of 13 px type in the 290 px before the bars
CHART_LINE = 16


def wrap_label(text: str, width: int = CHART_LABEL_CHARS) -> list[str]:
    """A rule title over as many lines as it needs (never cut short): lines of ``width``
    characters, an opening bracket or quotation mark carried to the next line."""
    lines, rest = [], text
    while len(rest) > width:
        cut = width
        while cut > width - 4 and rest[cut - 1] in "“（《「":
            cut -= 1
        lines.append(rest[:cut])
        rest = rest[cut:]
    return lines + [rest] if rest else lines


def chart(rule_totals: list[dict], limit: int = 8) -> list[dict]:
    """Bars of the most frequent failures, as SVG geometry: each with its whole title, wrapped."""
    top = sorted((t for t in rule_totals if t["fails"]), key=lambda t: (-t["fails"], t["id"]))[:limit]
    most = max((t["fails"] for t in top), default=1)
    out, y = [], 8
    for t in top:
        lines = wrap_label(t["title"])
        height = max(26, CHART_LINE * len(lines) + 8)
        out.append({**t, "y": y, "height": height, "width": round(300 * t["fails"] / most, 1),
                    "lines": [{"text": line, "y": y + 14 + CHART_LINE * i} for i, line in enumerate(lines)]})
        y += height
    return out


def stream_dashboard(rows: list[dict], pairs: list[dict] | None = None, groups: list[dict] | None = None,
                     missing: list[dict] | None = None, roster: dict | None = None,
                     previous: dict | None = None) -> Iterator[str]:
    """The dashboard page in pieces (rendered as it is written); ``roster`` and ``previous`` as in
    summary.json (the registry's count and the matches that needed an alias or a code; how many
    reports found their previous year's report, and why the others did not)."""
    rules = core_rules(rows)
    rule_totals = totals(rows, rules)
    script, style = asset("dashboard.js"), asset("dashboard.css")
    levels = sorted({r["issuer_level"] for r in rows if r["issuer_level"]})
    years = sorted({r["year"] for r in rows if r["year"]})
    return environment().get_template("dashboard.html.j2").generate(
        rows=rows, rules=rules, totals=rule_totals, bars=chart(rule_totals), levels=levels, years=years,
        pairs=pairs or [], clusters=groups or [], missing=missing or [], pages={r["path"]: r["page"] for r in rows},
        roster=roster, previous=previous, VIA_ZH=MATCHED_VIA_ZH, MARK=STATUS_MARK,
        script=script, style=style, csp=csp(script, style), checked_at=check_time(), version=__version__,
        readable=sum(1 for r in rows if r["verdict"] != "unreadable"))


def render_dashboard(rows: list[dict], pairs: list[dict] | None = None, groups: list[dict] | None = None,
                     missing: list[dict] | None = None) -> str:
    return "".join(stream_dashboard(rows, pairs, groups, missing))
